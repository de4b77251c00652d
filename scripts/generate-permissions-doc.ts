// Regenerates docs/permissions.md from the code: npm run docs:permissions
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPermissionsDoc } from '../src/access/permissions-doc.js';
import { compose } from '../src/composition.js';
import { loadConfig } from '../src/config.js';
import { openPGlite } from '../src/db/database.js';
import { generateKeyMaterial, loadKeys } from '../src/keys/keys.js';
import { buildApp } from '../src/server/app.js';

// Building the app registers its routes; no request is served, so an empty database will do.
const db = await openPGlite(undefined);
const material = generateKeyMaterial();
const config = loadConfig({ LOG_LEVEL: 'silent', KEITAX_AUDIT_HMAC_KEY: material.auditHmacKey, KEITAX_AUDIT_SIGNING_KEY: material.auditSigningKey });
// Without the built screens: their files are served by one public route (/*) that the doc names.
const app = await buildApp(compose({ db, config, keys: loadKeys(config).keys, startedAt: new Date() }), { webRoot: mkdtempSync(join(tmpdir(), 'keitax-no-web-')) });
await app.ready();
writeFileSync(new URL('../docs/permissions.md', import.meta.url), renderPermissionsDoc(app.declaredRoutes()));
await app.close();
await db.close();
