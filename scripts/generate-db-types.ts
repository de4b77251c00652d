// Regenerates src/db/schema.ts from the migrations: npm run db:types
import { writeFileSync } from 'node:fs';
import { openPGlite } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { renderSchemaTypes } from '../src/db/schema-types.js';

const db = await openPGlite(undefined);
try {
  await migrate(db);
  writeFileSync(new URL('../src/db/schema.ts', import.meta.url), await renderSchemaTypes(db));
} finally {
  await db.close();
}
