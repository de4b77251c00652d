/** @module The checks' tables: mailing_check_run, mailing_check_finding and the two working tables a run empties before it commits. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import type { MailingCheckFinding, MailingCheckPriorLevy, MailingCheckRun } from '../db/schema.js';
import type { RuleCode } from './model.js';

export type CheckRunRow = Selectable<MailingCheckRun>;
export type FindingRow = Selectable<MailingCheckFinding>;

/** Declaration numbers as a set to match `(declaration_year, declaration_serial) in (…)`: two arrays, not a list of tuples, which at a thousand overflows embedded PGlite's stack. */
const declarationsIn = (declarations: readonly { year: number; serial: number }[]) =>
  sql`select * from unnest(${declarations.map((no) => no.year)}::smallint[], ${declarations.map((no) => no.serial)}::integer[])`;

export async function insertCheckRun(trx: CityTransaction, run: Insertable<MailingCheckRun>): Promise<CheckRunRow> {
  return trx.insertInto('mailingCheckRun').values(run).returningAll().executeTakeFirstOrThrow();
}

export async function updateCheckRun(trx: CityTransaction, checkRunId: number, change: Partial<Pick<CheckRunRow, 'levyCount' | 'levyAmount' | 'levyFingerprint' | 'signedOffAt' | 'signedOffByStaffNo'>>): Promise<void> {
  await trx.updateTable('mailingCheckRun').set(change).where('checkRunId', '=', checkRunId).execute();
}

/** The newest check run of the year, locked when asked so that a review and a sign-off never interleave. */
export async function newestCheckRun(trx: CityTransaction, fiscalYear: number, options: { lock?: boolean } = {}): Promise<CheckRunRow | undefined> {
  const query = trx.selectFrom('mailingCheckRun').selectAll().where('fiscalYear', '=', fiscalYear).orderBy('checkRunId', 'desc').limit(1);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertFindings(trx: CityTransaction, findings: Insertable<MailingCheckFinding>[]): Promise<void> {
  if (findings.length > 0) await trx.insertInto('mailingCheckFinding').values(findings).execute();
}

export async function listFindings(trx: CityTransaction, checkRunId: number, ruleCode?: RuleCode): Promise<FindingRow[]> {
  return trx
    .selectFrom('mailingCheckFinding')
    .selectAll()
    .where('checkRunId', '=', checkRunId)
    .$if(ruleCode !== undefined, (query) => query.where('ruleCode', '=', ruleCode as RuleCode))
    .orderBy('findingNo')
    .execute();
}

/** Findings per rule and how many are not yet reviewed, counted in SQL. */
export async function findingCounts(trx: CityTransaction, checkRunId: number) {
  return trx
    .selectFrom('mailingCheckFinding')
    .select(['ruleCode', sql<number>`count(*)::int`.as('count'), sql<number>`count(*) filter (where reviewed_at is null)::int`.as('unreviewed')])
    .where('checkRunId', '=', checkRunId)
    .groupBy('ruleCode')
    .execute();
}

/** Marks a finding reviewed; false when the run has no such finding. */
export async function markReviewed(trx: CityTransaction, checkRunId: number, findingNo: number, review: { staffNo: string; note: string | null }): Promise<boolean> {
  const result = await trx
    .updateTable('mailingCheckFinding')
    .set({ reviewedAt: new Date(), reviewedByStaffNo: review.staffNo, reviewNote: review.note })
    .where('checkRunId', '=', checkRunId)
    .where('findingNo', '=', findingNo)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertLevyKeys(trx: CityTransaction, checkRunId: number, keys: { declarationYear: number; declarationSerial: number; chassisKey: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await trx
    .insertInto('mailingCheckLevyKey')
    .values(keys.map((key) => ({ municipalityCode: sql<string>`keitax_current_municipality()`, checkRunId, ...key })))
    .execute();
}

/** For each of `declarations`, the other declaration numbers of the run levied on its chassis. */
export async function sameChassisOf(trx: CityTransaction, checkRunId: number, declarations: { year: number; serial: number }[]): Promise<Map<string, string[]>> {
  if (declarations.length === 0) return new Map();
  const keys = declarationsIn(declarations);
  const { rows } = await sql<{ key: string; other: string }>`
    select mine.declaration_year || '-' || mine.declaration_serial as key,
           other.declaration_year || '-' || other.declaration_serial as other
      from mailing_check_levy_key mine
      join mailing_check_levy_key other
        on other.check_run_id = mine.check_run_id and other.chassis_key = mine.chassis_key
       and (other.declaration_year, other.declaration_serial) <> (mine.declaration_year, mine.declaration_serial)
     where mine.check_run_id = ${checkRunId} and (mine.declaration_year, mine.declaration_serial) in (${keys})
     order by other.declaration_year, other.declaration_serial`.execute(trx);
  const found = new Map<string, string[]>();
  for (const row of rows) found.set(row.key, [...(found.get(row.key) ?? []), row.other]);
  return found;
}

export async function insertPriorLevies(trx: CityTransaction, checkRunId: number, levies: Omit<Insertable<MailingCheckPriorLevy>, 'municipalityCode' | 'checkRunId'>[]): Promise<void> {
  if (levies.length === 0) return;
  await trx
    .insertInto('mailingCheckPriorLevy')
    .values(levies.map((levy) => ({ municipalityCode: sql<string>`keitax_current_municipality()`, checkRunId, ...levy })))
    .execute();
}

export async function priorLeviesOf(trx: CityTransaction, checkRunId: number, declarations: { year: number; serial: number }[]) {
  if (declarations.length === 0) return [];
  const keys = declarationsIn(declarations);
  return trx
    .selectFrom('mailingCheckPriorLevy')
    .select(['declarationYear', 'declarationSerial', 'amount', 'vehicleClassCode', 'rateCase'])
    .where('checkRunId', '=', checkRunId)
    .where(sql<boolean>`(declaration_year, declaration_serial) in (${keys})`)
    .execute();
}

/** The returned-mail codes of last year's levies of each of `owners`. */
export async function returnedMailOf(trx: CityTransaction, checkRunId: number, owners: readonly string[]): Promise<Map<string, string[]>> {
  if (owners.length === 0) return new Map();
  const rows = await trx
    .selectFrom('mailingCheckPriorLevy')
    .select(['ownerAddresseeNo', 'returnedMailCode'])
    .distinct()
    .where('checkRunId', '=', checkRunId)
    .where('ownerAddresseeNo', 'in', owners)
    .where('returnedMailCode', 'is not', null)
    .execute();
  const found = new Map<string, string[]>();
  for (const row of rows) found.set(row.ownerAddresseeNo, [...(found.get(row.ownerAddresseeNo) ?? []), row.returnedMailCode as string]);
  return found;
}

/** Empties the run's working tables: they held copies of levies only while the checks ran. */
export async function clearWorkingRows(trx: CityTransaction, checkRunId: number): Promise<void> {
  await trx.deleteFrom('mailingCheckLevyKey').where('checkRunId', '=', checkRunId).execute();
  await trx.deleteFrom('mailingCheckPriorLevy').where('checkRunId', '=', checkRunId).execute();
}
