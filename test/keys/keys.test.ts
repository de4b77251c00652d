import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { addVaultKeyToDataDir, generateKeyMaterial, keyEnvironment, KeyConfigurationError, loadKeys } from '../../src/keys/keys.js';

const freshDataDir = () => mkdtempSync(join(tmpdir(), 'keitax-keys-'));
const stored = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')) as Record<string, string>;

describe('keys', () => {
  it('generates audit and vault keys once into keys.json (0600) for an embedded install', () => {
    const dataDir = freshDataDir();
    const first = loadKeys(loadConfig({ KEITAX_DATA_DIR: dataDir }));
    expect(first.generated).toBe(true);
    expect(Object.keys(stored(dataDir)).sort()).toEqual(['auditHmacKey', 'auditSigningKey', 'vaultKeys', 'vaultLookupKey']);
    expect(statSync(join(dataDir, 'keys.json')).mode & 0o777).toBe(0o600);
    const second = loadKeys(loadConfig({ KEITAX_DATA_DIR: dataDir }));
    expect(second.generated).toBe(false);
    expect(second.keys.vault.currentKeyId).toBe(first.keys.vault.currentKeyId);
    expect(second.keys.vault.lookupKey.equals(first.keys.vault.lookupKey)).toBe(true);
  });

  it('adds vault keys to an older keys.json without touching its audit keys', () => {
    const dataDir = freshDataDir();
    const { auditHmacKey, auditSigningKey } = generateKeyMaterial();
    writeFileSync(join(dataDir, 'keys.json'), JSON.stringify({ auditHmacKey, auditSigningKey }), { mode: 0o600 });
    const loaded = loadKeys(loadConfig({ KEITAX_DATA_DIR: dataDir }));
    expect(loaded.generated).toBe(true);
    const after = stored(dataDir);
    expect(after.auditHmacKey).toBe(auditHmacKey);
    expect(after.auditSigningKey).toBe(auditSigningKey);
    expect(after.vaultKeys).toMatch(/^\d{8}-[0-9a-f]{4}:[A-Za-z0-9+/=]{44}$/);
    expect(loaded.keys.audit.hmacKey.equals(Buffer.from(auditHmacKey, 'base64'))).toBe(true);
  });

  it('takes each group from the environment when both its variables are set, the rest from keys.json', () => {
    const dataDir = freshDataDir();
    const material = generateKeyMaterial();
    const loaded = loadKeys(loadConfig({ KEITAX_DATA_DIR: dataDir, KEITAX_VAULT_KEYS: material.vaultKeys, KEITAX_VAULT_LOOKUP_KEY: material.vaultLookupKey }));
    expect(loaded.keys.vault.currentKeyId).toBe(material.vaultKeys.split(':')[0]);
    expect(Object.keys(stored(dataDir)).sort()).toEqual(['auditHmacKey', 'auditSigningKey']);
  });

  it('requires every key from the environment with a PostgreSQL server, naming the missing ones', () => {
    const { KEITAX_AUDIT_HMAC_KEY, KEITAX_AUDIT_SIGNING_KEY } = keyEnvironment(generateKeyMaterial());
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db.example/keitax', KEITAX_AUDIT_HMAC_KEY, KEITAX_AUDIT_SIGNING_KEY });
    expect(() => loadKeys(config)).toThrow(KeyConfigurationError);
    expect(() => loadKeys(config)).toThrow(/^KEITAX_VAULT_KEYS, KEITAX_VAULT_LOOKUP_KEY must be set/);
    expect(() => loadKeys(loadConfig({ DATABASE_URL: 'postgres://u@db.example/keitax', ...keyEnvironment(generateKeyMaterial()) }))).not.toThrow();
  });

  it('puts a new vault key first in keys.json, keeping the older ones to open what they sealed', () => {
    const dataDir = freshDataDir();
    const before = loadKeys(loadConfig({ KEITAX_DATA_DIR: dataDir })).keys.vault;
    const audit = stored(dataDir).auditHmacKey;
    const id = addVaultKeyToDataDir(loadConfig({ KEITAX_DATA_DIR: dataDir }));
    const after = loadKeys(loadConfig({ KEITAX_DATA_DIR: dataDir })).keys.vault;
    expect(after.currentKeyId).toBe(id);
    expect([...after.keys.keys()]).toEqual([id, before.currentKeyId]);
    expect(after.lookupKey.equals(before.lookupKey)).toBe(true);
    expect(stored(dataDir).auditHmacKey).toBe(audit);
    const configured = loadConfig({ KEITAX_DATA_DIR: dataDir, ...keyEnvironment(generateKeyMaterial()) });
    expect(() => addVaultKeyToDataDir(configured)).toThrow(/KEITAX_VAULT_KEYS is set/);
  });
});
