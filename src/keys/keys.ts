import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.js';

/**
 * The secrets keitax works with. In production they come from the environment (a secrets
 * manager fills it); an embedded install with none configured generates them once into
 * `<dataDir>/keys.json` (mode 0600) so `npm start` needs no setup — and says so in the log.
 */
export interface Keys {
  audit: {
    /** HMAC-SHA-256 key chaining the audit log (≥ 32 bytes). */
    hmacKey: Buffer;
    signingKey: KeyObject;
    verifyKey: KeyObject;
    /** Names the signing key in checkpoints: the first 16 hex digits of its public key's SHA-256. */
    signingKeyId: string;
  };
}

export class KeyConfigurationError extends Error {}

const storedKeysSchema = z.object({
  auditHmacKey: z.string(),
  auditSigningKey: z.string(),
});
type StoredKeys = z.infer<typeof storedKeysSchema>;

export const KEYS_FILE = 'keys.json';

/** Loads the keys from configuration, or for an embedded install from (or into) the data folder. */
export function loadKeys(config: Config): { keys: Keys; generated: boolean } {
  if (config.audit.hmacKey && config.audit.signingKey) {
    return { keys: parseKeys({ auditHmacKey: config.audit.hmacKey, auditSigningKey: config.audit.signingKey }), generated: false };
  }
  if (config.database.kind === 'postgres') {
    throw new KeyConfigurationError(
      'KEITAX_AUDIT_HMAC_KEY and KEITAX_AUDIT_SIGNING_KEY must be set when using a PostgreSQL server: generate them with `npx keitax keys generate`',
    );
  }
  const file = join(config.dataDir, KEYS_FILE);
  if (existsSync(file)) return { keys: parseKeys(storedKeysSchema.parse(JSON.parse(readFileSync(file, 'utf8')))), generated: false };
  const stored = generateKeyMaterial();
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  return { keys: parseKeys(stored), generated: true };
}

/** New random key material, as environment-variable values (base64). */
export function generateKeyMaterial(): StoredKeys {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    auditHmacKey: randomBytes(32).toString('base64'),
    auditSigningKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

function parseKeys(stored: StoredKeys): Keys {
  const hmacKey = Buffer.from(stored.auditHmacKey, 'base64');
  if (hmacKey.length < 32) throw new KeyConfigurationError('KEITAX_AUDIT_HMAC_KEY must be at least 32 bytes, base64-encoded');
  let signingKey: KeyObject;
  try {
    signingKey = createPrivateKey({ key: Buffer.from(stored.auditSigningKey, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new KeyConfigurationError('KEITAX_AUDIT_SIGNING_KEY must be a base64 PKCS#8 Ed25519 private key');
  }
  if (signingKey.asymmetricKeyType !== 'ed25519') {
    throw new KeyConfigurationError('KEITAX_AUDIT_SIGNING_KEY must be an Ed25519 key');
  }
  const verifyKey = createPublicKey(signingKey);
  const signingKeyId = createHash('sha256')
    .update(verifyKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
  return { audit: { hmacKey, signingKey, verifyKey, signingKeyId } };
}
