/**
 * @module Numbers drawn from a municipality's counters (宛名番号, 統合宛名番号): never twice, never reused.
 */
import { sql } from 'kysely';
import type { CityTransaction } from './database.js';
import type { NumberSequence } from './schema.js';

export type NumberSequenceName = NumberSequence['sequenceName'];

/**
 * Draws the next 15-digit number of a sequence: the municipality code and a 9-digit serial
 * (宛名番号, 統合宛名番号). The counter row is locked until the transaction ends, so two
 * registrations never draw the same number, and it only grows: a number is never reused.
 */
export async function drawNumber(trx: CityTransaction, municipalityCode: string, sequence: NumberSequenceName): Promise<string> {
  const { rows } = await sql<{ lastValue: number }>`
    insert into number_sequence (municipality_code, sequence_name, last_value)
    values (${municipalityCode}, ${sequence}, 1)
    on conflict (municipality_code, sequence_name) do update set last_value = number_sequence.last_value + 1
    returning last_value`.execute(trx);
  const serial = rows[0]?.lastValue;
  if (serial === undefined) throw new Error(`number_sequence ${sequence} returned no value`);
  return `${municipalityCode}${String(serial).padStart(9, '0')}`;
}

/** Moves a counter past numbers handed out by a bulk load (the demo city), never backwards. */
export async function advanceNumberSequence(trx: CityTransaction, municipalityCode: string, sequence: NumberSequenceName, lastValue: number): Promise<void> {
  await sql`
    insert into number_sequence (municipality_code, sequence_name, last_value)
    values (${municipalityCode}, ${sequence}, ${lastValue})
    on conflict (municipality_code, sequence_name) do update set last_value = greatest(number_sequence.last_value, excluded.last_value)`.execute(trx);
}
