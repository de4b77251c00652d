import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseVaultKeys } from '../keys/keys.js';
import { sealContext, Vault, VaultError } from './vault.js';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const lookupKey = randomBytes(32).toString('base64');
const oldKey = key('2025-old');
const newKey = key('2026-new');
const context = sealContext('112224', 'integrated_addressee', '112224000000001', 'individual_number');
const NUMBER = '123456789018';

describe('Vault', () => {
  const vault = new Vault(parseVaultKeys({ vaultKeys: oldKey, vaultLookupKey: lookupKey }));

  it('seals with AES-256-GCM under the current key, never leaving the number readable', () => {
    const sealed = vault.seal(NUMBER, context);
    expect(sealed.keyId).toBe('2025-old');
    expect(sealed.ciphertext.length).toBe(12 + NUMBER.length + 16);
    expect(Buffer.from(sealed.ciphertext).toString('latin1')).not.toContain(NUMBER);
    expect(vault.open(sealed, context)).toBe(NUMBER);
  });

  it('seals the same number differently every time (fresh IV)', () => {
    const a = vault.seal(NUMBER, context);
    const b = vault.seal(NUMBER, context);
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).toBe(false);
  });

  it('refuses a ciphertext altered by one bit, or moved to another row', () => {
    const sealed = vault.seal(NUMBER, context);
    const altered = Buffer.from(sealed.ciphertext);
    altered[14] = (altered[14] ?? 0) ^ 1;
    expect(() => vault.open({ ...sealed, ciphertext: altered }, context)).toThrow(VaultError);
    const elsewhere = sealContext('112224', 'integrated_addressee', '112224000000002', 'individual_number');
    expect(() => vault.open(sealed, elsewhere)).toThrow(/moved from another row/);
  });

  it('rotates: the new key seals, the old still opens, reseal moves a value to the new key', () => {
    const sealedBefore = vault.seal(NUMBER, context);
    const rotated = new Vault(parseVaultKeys({ vaultKeys: `${newKey},${oldKey}`, vaultLookupKey: lookupKey }));
    expect(rotated.currentKeyId).toBe('2026-new');
    expect(rotated.open(sealedBefore, context)).toBe(NUMBER);
    const resealed = rotated.reseal(sealedBefore, context);
    expect(resealed?.keyId).toBe('2026-new');
    expect(rotated.reseal(resealed!, context)).toBeUndefined();
    const withoutOld = new Vault(parseVaultKeys({ vaultKeys: newKey, vaultLookupKey: lookupKey }));
    expect(withoutOld.open(resealed!, context)).toBe(NUMBER);
    expect(() => withoutOld.open(sealedBefore, context)).toThrow(/2025-old is not configured/);
  });

  it('hashes for lookup with its own key, per purpose and municipality', () => {
    const a = vault.lookupHash('individual_number', '112224', NUMBER);
    expect(a.equals(vault.lookupHash('individual_number', '112224', NUMBER))).toBe(true);
    expect(a.equals(vault.lookupHash('individual_number', '131016', NUMBER))).toBe(false);
    expect(a.equals(vault.lookupHash('provision_code', '112224', NUMBER))).toBe(false);
    const otherKey = new Vault(parseVaultKeys({ vaultKeys: oldKey, vaultLookupKey: randomBytes(32).toString('base64') }));
    expect(a.equals(otherKey.lookupHash('individual_number', '112224', NUMBER))).toBe(false);
  });
});

describe('parseVaultKeys', () => {
  it('takes the first key as current and refuses bad configuration without quoting a key', () => {
    expect(parseVaultKeys({ vaultKeys: ` ${newKey} , ${oldKey}`, vaultLookupKey: lookupKey }).currentKeyId).toBe('2026-new');
    const secret = randomBytes(16).toString('base64');
    expect(() => parseVaultKeys({ vaultKeys: `short:${secret}`, vaultLookupKey: lookupKey })).toThrow(/exactly 32 bytes/);
    try {
      parseVaultKeys({ vaultKeys: `short:${secret}`, vaultLookupKey: lookupKey });
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
    expect(() => parseVaultKeys({ vaultKeys: `${oldKey},${oldKey}`, vaultLookupKey: lookupKey })).toThrow(/twice/);
    expect(() => parseVaultKeys({ vaultKeys: randomBytes(32).toString('base64'), vaultLookupKey: lookupKey })).toThrow(/id:base64key/);
    expect(() => parseVaultKeys({ vaultKeys: oldKey, vaultLookupKey: 'c2hvcnQ=' })).toThrow(/LOOKUP_KEY/);
  });
});
