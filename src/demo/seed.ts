/**
 * @module Loading the demo city (src/demo/generate.ts) into a fresh database: municipality,
 * offices, staff, addressees and vehicles, in chunked inserts.
 */
import { enrollmentCodeHash } from '../staff/service.js';
import { hashPassword } from '../access/passwords.js';
import { searchKeysOf } from '../addressees/service.js';
import type { Database } from '../db/database.js';
import { advanceNumberSequence } from '../db/numbering.js';
import { sealIndividualNumber } from '../integrated-addressees/service.js';
import type { Vault } from '../integrated-addressees/vault.js';
import { findMunicipality, insertMunicipality } from '../municipality/service.js';
import { Problem } from '../server/problem.js';
import { DEMO_PASSWORD, DEMO_STAFF, generateDemoCity } from './generate.js';
import { seedDemoVehicles } from './vehicles.js';

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

/**
 * Loads the demo city in one transaction, through the application role like any request. Its
 * generated individual numbers are sealed by `vault` exactly as the register seals them.
 */
export async function seedDemoCity(db: Database, vault: Vault): Promise<DemoSummary> {
  const city = generateDemoCity();
  const code = city.municipality.code;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const inChunks = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
  };
  await db.withMunicipality(code, async (trx) => {
    if (await findMunicipality(trx, code)) {
      throw Problem.conflict(`地方公共団体コード ${code} は既に登録されているため、デモデータは読み込みません。`);
    }
    await insertMunicipality(trx, city.municipality);
    await trx.insertInto('office').values(city.offices).execute();
    await trx.insertInto('addressArea').values(city.addressAreas).execute();
    await inChunks(city.integratedAddressees, (chunk) =>
      trx
        .insertInto('integratedAddressee')
        .values(
          chunk.map(({ integratedAddresseeNo, individualNumber }) => ({
            municipalityCode: code,
            integratedAddresseeNo,
            ...(individualNumber ? sealIndividualNumber(vault, code, integratedAddresseeNo, individualNumber) : {}),
          })),
        )
        .execute(),
    );
    await inChunks(city.addressees, (chunk) => trx.insertInto('addressee').values(chunk.map((a) => ({ ...a, ...searchKeysOf(a) }))).execute());
    await trx.insertInto('taxAdministratorAssignment').values(city.taxAdministrators).execute();
    await trx.insertInto('mailDestination').values(city.mailDestinations).execute();
    await inChunks(city.history, (chunk) =>
      trx
        .insertInto('addresseeHistory')
        .values(chunk.map((h) => ({ ...h, municipalityCode: code, staffNo: null, changes: JSON.stringify(h.changes) })))
        .execute(),
    );
    // The register draws its next numbers after the demo city's.
    await advanceNumberSequence(trx, code, 'addressee_no', city.addressees.length);
    await advanceNumberSequence(trx, code, 'integrated_addressee_no', city.integratedAddressees.length);
    const enrollmentCodeExpiresAt = new Date(Date.now() + DEMO_CODE_VALIDITY_MS);
    await trx
      .insertInto('staff')
      .values(
        DEMO_STAFF.map((s) => ({
          municipalityCode: code,
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
      .values(DEMO_STAFF.map((s) => ({ municipalityCode: code, staffNo: s.staffNo, roleCode: s.role })))
      .execute();
    await seedDemoVehicles(trx, vault, code, city.vehicles);
  });
  return { municipalityCode: code, addressees: city.addressees.length, vehicles: city.vehicles.length, staff: DEMO_STAFF.length };
}

/** True when no municipality has been registered yet: a fresh embedded database. */
export async function isEmptyDatabase(db: Database): Promise<boolean> {
  const row = await db.owner.selectFrom('municipality').select('municipalityCode').limit(1).executeTakeFirst();
  return row === undefined;
}
