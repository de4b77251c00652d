/**
 * @module The municipality and its offices (事務所): looked up by code and registered once, for the
 * other capabilities to name the city and its counters.
 */
import type { CityTransaction, Database } from '../db/database.js';
import { z } from 'zod';
import { text, TEXT_LIMITS } from '../shared/text.js';
import { Problem, validated } from '../server/problem.js';
import { municipalityCodeSchema, type Municipality } from './model.js';
import { findMunicipality, insertMunicipality } from './repository.js';

// Within a caller's transaction (the demo city's load): the municipality, and its registration.
export { findMunicipality, insertMunicipality } from './repository.js';

export function getMunicipality(db: Database, code: string): Promise<Municipality | undefined> {
  return db.withMunicipality(code, (trx) => findMunicipality(trx, code));
}

/** The same, inside a transaction the caller holds. */
export function municipalityIn(trx: CityTransaction, code: string): Promise<Municipality | undefined> {
  return findMunicipality(trx, code);
}

/** Registers a municipality a production install serves (`keitax municipality add`). */
export async function registerMunicipality(db: Database, municipality: Municipality): Promise<void> {
  const code = municipalityCodeSchema.safeParse(municipality.code);
  if (!code.success) {
    throw Problem.validation([{ field: 'code', message: code.error.issues[0]?.message ?? '不正な値です' }]);
  }
  await db.withMunicipality(municipality.code, async (trx) => {
    if (await findMunicipality(trx, municipality.code)) {
      throw Problem.conflict(`地方公共団体コード ${municipality.code} は既に登録されています。`);
    }
    await insertMunicipality(trx, municipality);
  });
}

export const officeSchema = z.object({
  officeCode: z.string().regex(/^[0-9A-Z]{1,8}$/, '拠点コードは半角英大文字・数字8文字以内で入力してください'),
  name: text({ label: '拠点名', max: TEXT_LIMITS.staffText }),
  kind: z.enum(['main', 'branch', 'other_department', 'contractor'], '種別は main / branch / other_department / contractor のいずれかです'),
});

/** The municipality's offices (拠点), within a caller's transaction. */
export function listOffices(trx: CityTransaction): Promise<{ officeCode: string; name: string; kind: string }[]> {
  return trx.selectFrom('office').select(['officeCode', 'name', 'kind']).orderBy('officeCode').execute();
}

export async function officeExists(trx: CityTransaction, officeCode: string): Promise<boolean> {
  return (await trx.selectFrom('office').select('officeCode').where('officeCode', '=', officeCode).executeTakeFirst()) !== undefined;
}

/** Registers an office (拠点) of the municipality: the main office, a branch, a department, a contractor. */
export async function registerOffice(db: Database, municipalityCode: string, input: unknown): Promise<void> {
  const office = validated(officeSchema, input);
  await db.withMunicipality(municipalityCode, async (trx) => {
    const taken = await trx.selectFrom('office').select('officeCode').where('officeCode', '=', office.officeCode).executeTakeFirst();
    if (taken) throw Problem.conflict(`拠点コード ${office.officeCode} は既に登録されています。`, [{ field: 'officeCode', message: '登録済みです' }]);
    await trx.insertInto('office').values({ municipalityCode, ...office }).execute();
  });
}
