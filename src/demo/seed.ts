import { enrollmentCodeHash } from '../access/authentication.js';
import { hashPassword } from '../access/passwords.js';
import type { Database } from '../db/database.js';
import { findMunicipality, insertMunicipality } from '../municipality/repository.js';
import { Problem } from '../server/problem.js';
import { DEMO_PASSWORD, DEMO_STAFF, generateDemoCity } from './generate.js';

/** Rows per INSERT: large enough to be quick, small enough for PostgreSQL's parameter limit. */
const CHUNK = 200;

export interface DemoSummary {
  municipalityCode: string;
  addressees: number;
  vehicles: number;
  staff: number;
}

/** Demo enrolment codes stay valid for years: the demo is for looking around, not for guarding. */
const DEMO_CODE_VALIDITY_MS = 10 * 365 * 86_400_000;

/** Loads the demo city in one transaction, through the application role like any request. */
export async function seedDemoCity(db: Database): Promise<DemoSummary> {
  const city = generateDemoCity();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
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
    const enrollmentCodeExpiresAt = new Date(Date.now() + DEMO_CODE_VALIDITY_MS);
    await trx
      .insertInto('staff')
      .values(
        DEMO_STAFF.map((s) => ({
          municipalityCode: city.municipality.code,
          staffNo: s.staffNo,
          name: s.name,
          officeCode: s.officeCode,
          department: s.department,
          validFrom: '2026-04-01',
          passwordHash,
          enrollmentCodeHash: enrollmentCodeHash(s.enrollmentCode),
          enrollmentCodeExpiresAt,
        })),
      )
      .execute();
    await trx
      .insertInto('staffRole')
      .values(DEMO_STAFF.map((s) => ({ municipalityCode: city.municipality.code, staffNo: s.staffNo, roleCode: s.role })))
      .execute();
  });
  return {
    municipalityCode: city.municipality.code,
    addressees: city.addressees.length,
    vehicles: city.vehicles.length,
    staff: DEMO_STAFF.length,
  };
}

/** True when no municipality has been registered yet: a fresh embedded database. */
export async function isEmptyDatabase(db: Database): Promise<boolean> {
  const row = await db.owner.selectFrom('municipality').select('municipalityCode').limit(1).executeTakeFirst();
  return row === undefined;
}
