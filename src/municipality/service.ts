import type { Database } from '../db/database.js';
import { Problem } from '../server/problem.js';
import { municipalityCodeSchema, type Municipality } from './model.js';
import { findMunicipality, insertMunicipality } from './repository.js';

export function getMunicipality(db: Database, code: string): Promise<Municipality | undefined> {
  return db.withMunicipality(code, (trx) => findMunicipality(trx, code));
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
