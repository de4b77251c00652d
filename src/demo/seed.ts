import type { Database } from '../db/database.js';
import { findMunicipality, insertMunicipality } from '../municipality/repository.js';
import { Problem } from '../server/problem.js';
import { generateDemoCity } from './generate.js';

/** Rows per INSERT: large enough to be quick, small enough for PostgreSQL's parameter limit. */
const CHUNK = 200;

export interface DemoSummary {
  municipalityCode: string;
  addressees: number;
  vehicles: number;
}

/** Loads the demo city in one transaction, through the application role like any request. */
export async function seedDemoCity(db: Database): Promise<DemoSummary> {
  const city = generateDemoCity();
  await db.withMunicipality(city.municipality.code, async (trx) => {
    if (await findMunicipality(trx, city.municipality.code)) {
      throw Problem.conflict(`地方公共団体コード ${city.municipality.code} は既に登録されているため、デモデータは読み込みません。`);
    }
    await insertMunicipality(trx, city.municipality);
    await trx.insertInto('office').values(city.offices).execute();
    await trx.insertInto('addressArea').values(city.addressAreas).execute();
    for (let i = 0; i < city.addressees.length; i += CHUNK) {
      await trx.insertInto('addressee').values(city.addressees.slice(i, i + CHUNK)).execute();
    }
    await trx.insertInto('taxAdministratorAssignment').values(city.taxAdministrators).execute();
    for (let i = 0; i < city.vehicles.length; i += CHUNK) {
      await trx.insertInto('vehicle').values(city.vehicles.slice(i, i + CHUNK)).execute();
    }
  });
  return { municipalityCode: city.municipality.code, addressees: city.addressees.length, vehicles: city.vehicles.length };
}

/** True when no municipality has been registered yet: a fresh embedded database. */
export async function isEmptyDatabase(db: Database): Promise<boolean> {
  const row = await db.owner.selectFrom('municipality').select('municipalityCode').limit(1).executeTakeFirst();
  return row === undefined;
}
