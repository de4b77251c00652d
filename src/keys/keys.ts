/**
 * @module The secrets keitax works with. In production they come from the environment (a secrets
 * manager fills it); an embedded install with none configured generates them once into
 * `<dataDir>/keys.json` (mode 0600) so `npm start` needs no setup — and says so in the log.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.js';
import { japanToday } from '../shared/dates.js';

export interface Keys {
  audit: {
    /** HMAC-SHA-256 key chaining the audit log (≥ 32 bytes). */
    hmacKey: Buffer;
    signingKey: KeyObject;
    verifyKey: KeyObject;
    /** Names the signing key in checkpoints: the first 16 hex digits of its public key's SHA-256. */
    signingKeyId: string;
  };
  vault: VaultKeys;
}

/**
 * The individual-number vault's keys (docs/decisions/0007-individual-number-vault.md): AES-256
 * keys by id, the first listed sealing new values and all of them opening stored ones, so keys
 * can rotate; and the HMAC key of the lookup hash, which does not rotate with them.
 */
export interface VaultKeys {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
  lookupKey: Buffer;
}

export class KeyConfigurationError extends Error {}

/** keys.json: each group is present once generated (or written by an older version: audit only). */
const storedKeysSchema = z.object({
  auditHmacKey: z.string().optional(),
  auditSigningKey: z.string().optional(),
  vaultKeys: z.string().optional(),
  vaultLookupKey: z.string().optional(),
});
type StoredKeys = z.infer<typeof storedKeysSchema>;
type AuditMaterial = { auditHmacKey: string; auditSigningKey: string };
type VaultMaterial = { vaultKeys: string; vaultLookupKey: string };
export type KeyMaterial = AuditMaterial & VaultMaterial;

export const KEYS_FILE = 'keys.json';

/**
 * Loads the keys from configuration, or for an embedded install from (or into) the data folder.
 * Each group — audit, vault — comes from the environment when both its variables are set;
 * otherwise from keys.json, where a missing group is generated and added beside the others
 * (an older keys.json gains vault keys; its audit keys are left exactly as they were).
 */
export function loadKeys(config: Config): { keys: Keys; generated: boolean } {
  const environment = {
    audit: config.audit.hmacKey && config.audit.signingKey ? { auditHmacKey: config.audit.hmacKey, auditSigningKey: config.audit.signingKey } : undefined,
    vault: config.vault.keys && config.vault.lookupKey ? { vaultKeys: config.vault.keys, vaultLookupKey: config.vault.lookupKey } : undefined,
  };
  if (environment.audit && environment.vault) return { keys: parseKeys({ ...environment.audit, ...environment.vault }), generated: false };
  if (config.database.kind === 'postgres') {
    const missing = [
      ...(environment.audit ? [] : ['KEITAX_AUDIT_HMAC_KEY', 'KEITAX_AUDIT_SIGNING_KEY']),
      ...(environment.vault ? [] : ['KEITAX_VAULT_KEYS', 'KEITAX_VAULT_LOOKUP_KEY']),
    ];
    throw new KeyConfigurationError(`${missing.join(', ')} must be set when using a PostgreSQL server: generate them with \`npx keitax keys generate\``);
  }
  const stored = readStoredKeys(config.dataDir);
  const fresh = generateKeyMaterial();
  const audit = environment.audit ?? auditMaterialOf(stored) ?? pick(fresh, 'auditHmacKey', 'auditSigningKey');
  const vault = environment.vault ?? vaultMaterialOf(stored) ?? pick(fresh, 'vaultKeys', 'vaultLookupKey');
  const completed: StoredKeys = { ...stored, ...(environment.audit ? {} : audit), ...(environment.vault ? {} : vault) };
  const generated = JSON.stringify(completed) !== JSON.stringify(stored);
  if (generated) writeStoredKeys(config.dataDir, completed);
  return { keys: parseKeys({ ...audit, ...vault }), generated };
}

/**
 * Puts a new vault key in front of the embedded install's keys.json, so it seals from now on
 * while the older ones still open what they sealed (`keitax keys rotate --new-key`). Where the
 * keys come from the environment, the operator adds the key there instead.
 */
export function addVaultKeyToDataDir(config: Config): string {
  if (config.vault.keys) {
    throw new KeyConfigurationError('KEITAX_VAULT_KEYS is set: put a new key (npx keitax keys generate --vault-key) first in it instead');
  }
  const stored = readStoredKeys(config.dataDir);
  const existing = vaultMaterialOf(stored);
  if (!existing) throw new KeyConfigurationError(`no vault keys in ${join(config.dataDir, KEYS_FILE)} yet: start keitax once first`);
  const entry = newVaultKeyEntry();
  writeStoredKeys(config.dataDir, { ...stored, vaultKeys: `${entry},${existing.vaultKeys}` });
  return entry.slice(0, entry.indexOf(':'));
}

/** New random key material, as environment-variable values (base64; vault keys as `id:base64`). */
export function generateKeyMaterial(): KeyMaterial {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    auditHmacKey: randomBytes(32).toString('base64'),
    auditSigningKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    vaultKeys: newVaultKeyEntry(),
    vaultLookupKey: randomBytes(32).toString('base64'),
  };
}

/** Key material as the environment variables that carry it (printed by `keitax keys generate`). */
export function keyEnvironment(material: KeyMaterial): Record<string, string> {
  return {
    KEITAX_AUDIT_HMAC_KEY: material.auditHmacKey,
    KEITAX_AUDIT_SIGNING_KEY: material.auditSigningKey,
    KEITAX_VAULT_KEYS: material.vaultKeys,
    KEITAX_VAULT_LOOKUP_KEY: material.vaultLookupKey,
  };
}

/** One vault key, `YYYYMMDD-xxxx:base64`: the date tells operators which key is newer. */
export function newVaultKeyEntry(): string {
  return `${japanToday().replaceAll('-', '')}-${randomBytes(2).toString('hex')}:${randomBytes(32).toString('base64')}`;
}

function pick<K extends keyof KeyMaterial>(material: KeyMaterial, ...names: K[]): Pick<KeyMaterial, K> {
  return Object.fromEntries(names.map((name) => [name, material[name]])) as Pick<KeyMaterial, K>;
}

function auditMaterialOf(stored: StoredKeys): AuditMaterial | undefined {
  return stored.auditHmacKey && stored.auditSigningKey ? { auditHmacKey: stored.auditHmacKey, auditSigningKey: stored.auditSigningKey } : undefined;
}

function vaultMaterialOf(stored: StoredKeys): VaultMaterial | undefined {
  return stored.vaultKeys && stored.vaultLookupKey ? { vaultKeys: stored.vaultKeys, vaultLookupKey: stored.vaultLookupKey } : undefined;
}

function readStoredKeys(dataDir: string): StoredKeys {
  const file = join(dataDir, KEYS_FILE);
  return existsSync(file) ? storedKeysSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) : {};
}

/** Written whole to a temporary file and renamed over the old one: a crash never leaves half a key file. */
function writeStoredKeys(dataDir: string, stored: StoredKeys): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, KEYS_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

function parseKeys(material: KeyMaterial): Keys {
  return { audit: parseAuditKeys(material), vault: parseVaultKeys(material) };
}

function parseAuditKeys(material: AuditMaterial): Keys['audit'] {
  const hmacKey = Buffer.from(material.auditHmacKey, 'base64');
  if (hmacKey.length < 32) throw new KeyConfigurationError('KEITAX_AUDIT_HMAC_KEY must be at least 32 bytes, base64-encoded');
  let signingKey: KeyObject;
  try {
    signingKey = createPrivateKey({ key: Buffer.from(material.auditSigningKey, 'base64'), format: 'der', type: 'pkcs8' });
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
  return { hmacKey, signingKey, verifyKey, signingKeyId };
}

const VAULT_KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `id1:base64,id2:base64` → the keys by id, the first one current. Errors never quote a key. */
export function parseVaultKeys(material: VaultMaterial): VaultKeys {
  const keys = new Map<string, Buffer>();
  for (const entry of material.vaultKeys.split(',').map((e) => e.trim())) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || !VAULT_KEY_ID.test(id)) {
      throw new KeyConfigurationError('KEITAX_VAULT_KEYS must be id:base64key pairs separated by commas (ids of letters, digits, - and _)');
    }
    if (key.length !== 32) throw new KeyConfigurationError(`KEITAX_VAULT_KEYS: key ${id} must be exactly 32 bytes (AES-256), base64-encoded`);
    if (keys.has(id)) throw new KeyConfigurationError(`KEITAX_VAULT_KEYS: key id ${id} is listed twice`);
    keys.set(id, key);
  }
  const lookupKey = Buffer.from(material.vaultLookupKey, 'base64');
  if (lookupKey.length < 32) throw new KeyConfigurationError('KEITAX_VAULT_LOOKUP_KEY must be at least 32 bytes, base64-encoded');
  const currentKeyId = [...keys.keys()][0];
  if (!currentKeyId) throw new KeyConfigurationError('KEITAX_VAULT_KEYS lists no key');
  return { currentKeyId, keys, lookupKey };
}
