import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealContext, Vault, VaultError } from '../../src/integrated-addressees/vault.js';
import type { VaultKeys } from '../../src/keys/keys.js';

/** The vault's cryptography on its own (ADR 0007): sealing, opening, rotation, lookup hashes. */
const OLD = { id: '20250401-aaaa', key: randomBytes(32) };
const NEW = { id: '20260401-bbbb', key: randomBytes(32) };
const lookupKey = randomBytes(32);
const keysWith = (current: typeof OLD, ...others: (typeof OLD)[]): VaultKeys => ({
  currentKeyId: current.id,
  keys: new Map([current, ...others].map((k) => [k.id, k.key])),
  lookupKey,
});
const vault = new Vault(keysWith(NEW, OLD));
const CONTEXT = sealContext('112224', 'integrated_addressee', '112224000000001', 'individual_number');
const NUMBER = '123456789018';

describe('the vault', () => {
  it('names its context municipality/table/row/field', () => {
    expect(CONTEXT).toBe('112224/integrated_addressee/112224000000001/individual_number');
  });

  it('seals under the current key as IV ‖ AES-256-GCM ciphertext ‖ tag, with the context as associated data', () => {
    const sealed = vault.seal(NUMBER, CONTEXT);
    expect(vault.currentKeyId).toBe(NEW.id);
    expect(sealed.keyId).toBe(NEW.id);
    const data = Buffer.from(sealed.ciphertext);
    expect(data.length).toBe(12 + NUMBER.length + 16);
    const cipher = createCipheriv('aes-256-gcm', NEW.key, data.subarray(0, 12)).setAAD(Buffer.from(CONTEXT, 'utf8'));
    const body = Buffer.concat([cipher.update(NUMBER, 'utf8'), cipher.final()]);
    expect(Buffer.concat([data.subarray(0, 12), body, cipher.getAuthTag()])).toEqual(data);
    expect(vault.open(sealed, CONTEXT)).toBe(NUMBER);
  });

  it('uses a fresh IV each time, so equal numbers do not seal alike', () => {
    const a = Buffer.from(vault.seal(NUMBER, CONTEXT).ciphertext);
    const b = Buffer.from(vault.seal(NUMBER, CONTEXT).ciphertext);
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('opens values of any configured key and keeps multi-byte text intact', () => {
    const old = new Vault(keysWith(OLD));
    expect(vault.open(old.seal('個人番号・ｶﾅ', CONTEXT), CONTEXT)).toBe('個人番号・ｶﾅ');
    expect(vault.open(old.seal('', CONTEXT), CONTEXT)).toBe('');
  });

  it('refuses a value moved to another row or field, or altered', () => {
    const sealed = vault.seal(NUMBER, CONTEXT);
    const elsewhere = sealContext('112224', 'integrated_addressee', '112224000000002', 'individual_number');
    expect(() => vault.open(sealed, elsewhere)).toThrow(new VaultError(`sealed value does not open under key ${NEW.id} in its context (altered, or moved from another row)`));
    for (const at of [0, 12, sealed.ciphertext.length - 1]) {
      const altered = Buffer.from(sealed.ciphertext);
      altered[at]! ^= 1;
      expect(() => vault.open({ ...sealed, ciphertext: altered }, CONTEXT)).toThrow(VaultError);
    }
  });

  it('refuses a value shorter than an IV and a tag, and one sealed under a key no longer configured', () => {
    expect(() => vault.open({ ciphertext: Buffer.alloc(27), keyId: NEW.id }, CONTEXT)).toThrow(new VaultError('sealed value is too short'));
    // Exactly an IV and a tag is an empty plaintext's length: it is tried, and fails as altered.
    expect(() => vault.open({ ciphertext: Buffer.alloc(28), keyId: NEW.id }, CONTEXT)).toThrow(/does not open/);
    const gone = { ...new Vault(keysWith(OLD)).seal(NUMBER, CONTEXT) };
    expect(() => new Vault(keysWith(NEW)).open(gone, CONTEXT)).toThrow(new VaultError(`vault key ${OLD.id} is not configured (KEITAX_VAULT_KEYS): add it back to open values sealed with it`));
    expect(() => new Vault({ ...keysWith(NEW), currentKeyId: 'missing' }).seal(NUMBER, CONTEXT)).toThrow(/vault key missing is not configured/);
  });

  it('reseals a value under the current key, and leaves one already under it', () => {
    const old = new Vault(keysWith(OLD)).seal(NUMBER, CONTEXT);
    const resealed = vault.reseal(old, CONTEXT);
    expect(resealed?.keyId).toBe(NEW.id);
    expect(vault.open(resealed!, CONTEXT)).toBe(NUMBER);
    expect(vault.reseal(resealed!, CONTEXT)).toBeUndefined();
    expect(() => vault.reseal(old, `${CONTEXT}x`)).toThrow(VaultError);
  });

  it('hashes a value for lookup under its own key, by purpose and municipality', () => {
    const hash = vault.lookupHash('individual_number', '112224', NUMBER);
    expect(hash).toEqual(createHmac('sha256', lookupKey).update(`individual_number\u0000112224\u0000${NUMBER}`, 'utf8').digest());
    expect(vault.lookupHash('provision_code', '112224', NUMBER)).not.toEqual(hash);
    expect(vault.lookupHash('individual_number', '131016', NUMBER)).not.toEqual(hash);
    expect(new Vault({ ...keysWith(NEW), lookupKey: randomBytes(32) }).lookupHash('individual_number', '112224', NUMBER)).not.toEqual(hash);
  });
});
