/** @module SQL of the municipality table: finding and inserting a municipality. */
import type { CityTransaction } from '../db/database.js';
import type { Municipality } from './model.js';

export async function findMunicipality(trx: CityTransaction, code: string): Promise<Municipality | undefined> {
  return trx
    .selectFrom('municipality')
    .select(['municipalityCode as code', 'name', 'prefecture', 'isDemo'])
    .where('municipalityCode', '=', code)
    .executeTakeFirst();
}

export async function insertMunicipality(trx: CityTransaction, municipality: Municipality): Promise<void> {
  await trx
    .insertInto('municipality')
    .values({
      municipalityCode: municipality.code,
      name: municipality.name,
      prefecture: municipality.prefecture,
      isDemo: municipality.isDemo,
    })
    .execute();
}
