/**
 * @module The vault's registry of sealed columns. A column holding a value sealed by the vault
 * is registered by the capability that owns its table — its name, the column keeping the key id
 * beside it, and the associated data a value is sealed to (its row, so it cannot be moved to
 * another) — together with how that capability re-seals a batch under the current key. The
 * composition root lists every owner, so one `keitax keys rotate` covers every sealed column,
 * those of capabilities still to come included; a test fails for a sealed column of the schema
 * that no owner registers.
 */
import type { Actor } from '../access/actor.js';
import { sealContext } from './vault.js';

export interface SealedColumn {
  table: string;
  /** The sealed value (`…_ciphertext`, bytea). */
  column: string;
  /** The id of the key it is sealed under (`…_key_id`). */
  keyIdColumn: string;
  /** The associated data of the value in row `rowId`. */
  context(municipalityCode: string, rowId: string): string;
}

/** A sealed column named by convention: `<field>_ciphertext` and `<field>_key_id`, sealed to `table/rowId/field`. */
export function sealedColumn(table: string, field: string): SealedColumn {
  return {
    table,
    column: `${field}_ciphertext`,
    keyIdColumn: `${field}_key_id`,
    context: (municipalityCode, rowId) => sealContext(municipalityCode, table, rowId, field),
  };
}

/** A capability holding sealed columns, as `keitax keys rotate` sees it. */
export interface SealedColumnOwner {
  readonly sealedColumns: readonly SealedColumn[];
  /** What its sealed values are, for the operator (`… individual numbers and provision codes`). */
  readonly sealedValues: string;
  /** Re-seals one batch still under an older key, in one audited transaction; 0 when done. */
  resealBatch(actor: Actor, batchSize: number): Promise<number>;
}
