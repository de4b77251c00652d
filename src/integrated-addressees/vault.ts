/**
 * @module The individual-number vault's cryptography (docs/decisions/0007-individual-number-vault.md).
 *
 * - Sealing: AES-256-GCM with a fresh 12-byte IV; stored as IV ‖ ciphertext ‖ 16-byte tag, with
 *   the id of the key beside it so keys can rotate. The *context* (municipality, table, row,
 *   field) is authenticated as associated data: a ciphertext copied into another row or field
 *   fails to open instead of revealing a number under the wrong person.
 * - Lookup: HMAC-SHA-256 under a key of its own. A plain hash of a 12-digit number with a check
 *   digit (10^11 candidates) is reversed in minutes; a keyed one is not, without the key.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { VaultKeys } from '../keys/keys.js';

export interface Sealed {
  ciphertext: Uint8Array;
  keyId: string;
}

export class VaultError extends Error {}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a keyed hash is for: hashes of one purpose never equal those of another. */
export type LookupPurpose = 'individual_number' | 'provision_code' | 'resident_change_row' | 'vehicle_import_record';

export class Vault {
  constructor(private readonly keys: VaultKeys) {}

  get currentKeyId(): string {
    return this.keys.currentKeyId;
  }

  seal(plaintext: string, context: string): Sealed {
    const key = this.key(this.keys.currentKeyId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext: Buffer.concat([iv, body, cipher.getAuthTag()]), keyId: this.keys.currentKeyId };
  }

  open(sealed: Sealed, context: string): string {
    const data = Buffer.from(sealed.ciphertext);
    if (data.length < IV_BYTES + TAG_BYTES) throw new VaultError('sealed value is too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key(sealed.keyId), data.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(context))
      .setAuthTag(data.subarray(data.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new VaultError(`sealed value does not open under key ${sealed.keyId} in its context (altered, or moved from another row)`);
    }
  }

  /** Re-seals under the current key; a value already under it is returned as it is. */
  reseal(sealed: Sealed, context: string): Sealed | undefined {
    return sealed.keyId === this.keys.currentKeyId ? undefined : this.seal(this.open(sealed, context), context);
  }

  lookupHash(purpose: LookupPurpose, municipalityCode: string, value: string): Buffer {
    return createHmac('sha256', this.keys.lookupKey).update(`${purpose}\u0000${municipalityCode}\u0000${value}`).digest();
  }

  private key(id: string): Buffer {
    const key = this.keys.keys.get(id);
    if (!key) throw new VaultError(`vault key ${id} is not configured (KEITAX_VAULT_KEYS): add it back to open values sealed with it`);
    return key;
  }
}

/** The associated data binding a sealed value to its place. */
export function sealContext(municipalityCode: string, table: string, rowId: string, field: string): string {
  return `${municipalityCode}/${table}/${rowId}/${field}`;
}
