/**
 * @module SQL of the tax addressee register (税宛名). Callers hold a municipality-bound transaction.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import type { Addressee, AddresseeHistory, MailDestination, TaxAdministratorAssignment } from '../db/schema.js';
import type { AddresseeSearchResult, AddresseeSummary } from './model.js';
import { addressKey, isKanaKey, localAddressKey, nameTailKey, NORMALISATION_VERSION, phoneKey, searchKey } from './normalise.js';

export type AddresseeRow = Selectable<Addressee>;
type SearchKeyColumns =
  | 'nameKanjiSearch'
  | 'nameKanaSearch'
  | 'nameKanjiSearchTail'
  | 'nameKanaSearchTail'
  | 'addressSearch'
  | 'addressSearchLocal'
  | 'phoneSearch'
  | 'searchVersion';
export type NewAddressee = Omit<Insertable<Addressee>, SearchKeyColumns | 'version' | 'createdAt' | 'updatedAt'>;

const SUMMARY_COLUMNS = ['addresseeNo', 'kind', 'nameKanji', 'nameKana', 'sexCode', 'birthDate', 'address', 'status'] as const;

/** The keys a row is searched by, made by src/addressees/normalise.ts from its current values. */
export function searchKeysOf(row: { nameKanji: string; nameKana: string; address: string; phone?: string | null }): Pick<
  Insertable<Addressee>,
  SearchKeyColumns
> {
  const phone = row.phone ? phoneKey(row.phone) : '';
  const address = addressKey(row.address);
  return {
    nameKanjiSearch: searchKey(row.nameKanji),
    nameKanaSearch: searchKey(row.nameKana),
    nameKanjiSearchTail: nameTailKey(row.nameKanji),
    nameKanaSearchTail: nameTailKey(row.nameKana),
    addressSearch: address,
    addressSearchLocal: localAddressKey(address),
    phoneSearch: phone.length >= 6 ? phone : null,
    searchVersion: NORMALISATION_VERSION,
  };
}

export async function insertAddressee(trx: CityTransaction, row: NewAddressee): Promise<AddresseeRow> {
  return trx
    .insertInto('addressee')
    .values({ ...row, ...searchKeysOf(row) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findAddressee(trx: CityTransaction, addresseeNo: string, options: { lock?: boolean } = {}): Promise<AddresseeRow | undefined> {
  const query = trx.selectFrom('addressee').selectAll().where('addresseeNo', '=', addresseeNo);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The kanji names of `addresseeNos`, in one query (a list of vehicles names its owners without a query per row). */
export async function namesOf(trx: CityTransaction, addresseeNos: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(addresseeNos)];
  if (unique.length === 0) return new Map();
  const rows = await trx.selectFrom('addressee').select(['addresseeNo', 'nameKanji']).where('addresseeNo', 'in', unique).execute();
  return new Map(rows.map((row) => [row.addresseeNo, row.nameKanji]));
}

/**
 * Writes `changes` over `before` if nobody changed the row since `before` was read (its version),
 * remaking the search keys and counting the version up. Undefined when the row moved on.
 */
export async function updateAddressee(trx: CityTransaction, before: AddresseeRow, changes: Updateable<Addressee>): Promise<AddresseeRow | undefined> {
  const after = { ...before, ...changes } as AddresseeRow;
  return trx
    .updateTable('addressee')
    .set({ ...changes, ...searchKeysOf(after), version: before.version + 1, updatedAt: new Date() })
    .where('addresseeNo', '=', before.addresseeNo)
    .where('version', '=', before.version)
    .returningAll()
    .executeTakeFirst();
}

export async function summariesByIntegratedNo(trx: CityTransaction, integratedAddresseeNo: string): Promise<AddresseeSummary[]> {
  return trx.selectFrom('addressee').select(SUMMARY_COLUMNS).where('integratedAddresseeNo', '=', integratedAddresseeNo).orderBy('addresseeNo').execute();
}

export async function countAddressees(trx: CityTransaction): Promise<number> {
  const { n } = await trx
    .selectFrom('addressee')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function addressAreaExists(trx: CityTransaction, addressCode: string): Promise<boolean> {
  return (await trx.selectFrom('addressArea').select('addressCode').where('addressCode', '=', addressCode).executeTakeFirst()) !== undefined;
}

/** The name of a town area (町字) by its address code, as an address is written (越ヶ谷). */
export async function townNameOf(trx: CityTransaction, addressCode: string): Promise<string | undefined> {
  return (await trx.selectFrom('addressArea').select('townName').where('addressCode', '=', addressCode).executeTakeFirst())?.townName;
}

export interface SearchCriteria {
  municipalityCode: string;
  name?: string | undefined;
  birthDate?: string | undefined;
  address?: string | undefined;
  addresseeNo?: string | undefined;
  phone?: string | undefined;
  kinds?: AddresseeRow['kind'][] | undefined;
  limit: number;
}

export type SearchHit = AddresseeSearchResult['hits'][number];

/**
 * `column` begins with `key`, written as a range of leakproof comparisons (~>=~, ~<~) so that
 * row-level security lets the planner use the pattern-ops index (see migration 0030). The upper
 * bound is the key with its last character's code point raised by one.
 */
function startsWith(column: string, key: string) {
  const chars = [...key];
  const last = chars.pop() ?? '';
  const upper = `${chars.join('')}${String.fromCodePoint((last.codePointAt(0) ?? 0) + 1)}`;
  return sql<boolean>`(${sql.ref(column)} ~>=~ ${key} and ${sql.ref(column)} ~<~ ${upper})`;
}

/**
 * The ranked search as a query: a name by its key against the kana columns when the key is all
 * kana, else the kanji ones — the whole name ranking first when equal, then when it begins with
 * the key, then the second part (given name, company name) — and the address by its whole key
 * or its local part. pg_trgm's similarity only orders the rows found.
 */
export function searchQuery(trx: CityTransaction, criteria: SearchCriteria) {
  let query = trx.selectFrom('addressee').select(SUMMARY_COLUMNS).where('municipalityCode', '=', criteria.municipalityCode);
  let rank = sql<number>`1.0`;

  const nameKey = criteria.name ? searchKey(criteria.name) : '';
  if (nameKey) {
    const [whole, tail] = isKanaKey(nameKey) ? ['name_kana_search', 'name_kana_search_tail'] : ['name_kanji_search', 'name_kanji_search_tail'];
    query = query.where(sql<boolean>`(${startsWith(whole, nameKey)} or ${startsWith(tail, nameKey)})`);
    rank = sql<number>`(case when ${sql.ref(whole)} = ${nameKey} then 1.0 when ${startsWith(whole, nameKey)} then 0.9 when ${sql.ref(tail)} = ${nameKey} then 0.85 else 0.8 end
      + 0.1 * similarity(${sql.ref(whole)}, ${nameKey}))`;
  }
  const address = criteria.address ? addressKey(criteria.address) : '';
  if (address) {
    const local = localAddressKey(address) || address;
    query = query.where(sql<boolean>`(${startsWith('address_search', address)} or ${startsWith('address_search_local', local)})`);
    rank = sql<number>`(${rank} * (0.9 + 0.1 * similarity(address_search, ${address})))`;
  }
  if (criteria.birthDate) query = query.where('birthDate', '=', criteria.birthDate);
  if (criteria.addresseeNo) {
    // The serial alone (「123」) means that number of this municipality.
    const full = criteria.addresseeNo.length === 15 ? criteria.addresseeNo : `${criteria.municipalityCode}${criteria.addresseeNo.padStart(9, '0')}`;
    query = query.where('addresseeNo', '=', full);
  }
  if (criteria.phone) query = query.where('phoneSearch', '=', phoneKey(criteria.phone));
  if (criteria.kinds?.length) query = query.where('kind', 'in', criteria.kinds);
  return query.select(rank.as('score')).orderBy(sql`score`, 'desc').orderBy('nameKanaSearch').orderBy('addresseeNo').limit(criteria.limit);
}

export async function searchAddressees(trx: CityTransaction, criteria: SearchCriteria): Promise<SearchHit[]> {
  const rows = await searchQuery(trx, criteria).execute();
  return rows.map((row) => ({ ...row, score: Math.round(Number(row.score) * 100) }));
}

/**
 * Candidates for a declaration's four basic items: anyone with the same birth date or the same
 * name key (equalities: index-usable under row-level security). Scoring is left to matching.ts.
 */
export function matchCandidatesQuery(
  trx: CityTransaction,
  keys: { municipalityCode: string; nameKanji?: string | undefined; nameKana?: string | undefined; birthDate?: string | undefined },
) {
  return trx
    .selectFrom('addressee')
    .selectAll()
    .where('municipalityCode', '=', keys.municipalityCode)
    .where('kind', '<>', 'corporation')
    .where((eb) =>
      eb.or([
        ...(keys.birthDate ? [eb('birthDate', '=', keys.birthDate)] : []),
        ...(keys.nameKanji ? [eb('nameKanjiSearch', '=', keys.nameKanji)] : []),
        ...(keys.nameKana ? [eb('nameKanaSearch', '=', keys.nameKana)] : []),
      ]),
    )
    .limit(200);
}

/** Addressees whose keys were made by older rules (or none), a batch at a time. */
export async function staleSearchKeys(trx: CityTransaction, limit: number): Promise<AddresseeRow[]> {
  return trx.selectFrom('addressee').selectAll().where('searchVersion', '<>', NORMALISATION_VERSION).orderBy('addresseeNo').limit(limit).execute();
}

export async function rewriteSearchKeys(trx: CityTransaction, row: AddresseeRow): Promise<void> {
  await trx.updateTable('addressee').set(searchKeysOf(row)).where('addresseeNo', '=', row.addresseeNo).execute();
}

export type NewHistory = Omit<Insertable<AddresseeHistory>, 'historyId' | 'changedAt' | 'changes'> & { changes: Record<string, unknown> };

export async function insertHistory(trx: CityTransaction, entry: NewHistory): Promise<void> {
  await trx
    .insertInto('addresseeHistory')
    .values({ ...entry, changes: JSON.stringify(entry.changes) })
    .execute();
}

export async function listHistory(trx: CityTransaction, addresseeNo: string) {
  return trx
    .selectFrom('addresseeHistory')
    .select(['historyId', 'changedAt', 'staffNo', 'source', 'changeKind', 'reason', 'effectiveDate', 'changes'])
    .where('addresseeNo', '=', addresseeNo)
    .orderBy('historyId', 'desc')
    .execute();
}

export async function listTaxAdministrators(trx: CityTransaction, taxpayerAddresseeNo: string) {
  return trx
    .selectFrom('taxAdministratorAssignment as t')
    .innerJoin('addressee as a', (join) =>
      join.onRef('a.municipalityCode', '=', 't.municipalityCode').onRef('a.addresseeNo', '=', 't.administratorAddresseeNo'),
    )
    .select(['t.administratorAddresseeNo', 'a.nameKanji as administratorName', 't.validFrom', 't.validTo'])
    .where('t.taxpayerAddresseeNo', '=', taxpayerAddresseeNo)
    .orderBy('t.validFrom', 'desc')
    .execute();
}

export async function listAdministeredTaxpayers(trx: CityTransaction, administratorAddresseeNo: string) {
  return trx
    .selectFrom('taxAdministratorAssignment as t')
    .innerJoin('addressee as a', (join) => join.onRef('a.municipalityCode', '=', 't.municipalityCode').onRef('a.addresseeNo', '=', 't.taxpayerAddresseeNo'))
    .select(['t.taxpayerAddresseeNo', 'a.nameKanji as taxpayerName', 't.validFrom', 't.validTo'])
    .where('t.administratorAddresseeNo', '=', administratorAddresseeNo)
    .orderBy('t.validFrom', 'desc')
    .execute();
}

export async function insertTaxAdministrator(trx: CityTransaction, row: Insertable<TaxAdministratorAssignment>): Promise<void> {
  await trx.insertInto('taxAdministratorAssignment').values(row).execute();
}

export async function listMailDestinations(trx: CityTransaction, addresseeNo: string) {
  return trx
    .selectFrom('mailDestination')
    .select(['name', 'postalCode', 'address', 'phone', 'validFrom', 'validTo'])
    .where('addresseeNo', '=', addresseeNo)
    .orderBy('validFrom', 'desc')
    .execute();
}

export async function insertMailDestination(trx: CityTransaction, row: Insertable<MailDestination>): Promise<void> {
  await trx.insertInto('mailDestination').values(row).execute();
}

/** What has periods per addressee, and the column naming whose period it is. */
const PERIOD_TABLES = {
  tax_administrator: { table: 'tax_administrator_assignment', owner: 'taxpayer_addressee_no' },
  mail_destination: { table: 'mail_destination', owner: 'addressee_no' },
} as const;
export type PeriodKind = keyof typeof PERIOD_TABLES;

/** Sets the last day of the period starting on `validFrom`; false when there is none. */
export async function endPeriod(trx: CityTransaction, kind: PeriodKind, addresseeNo: string, validFrom: string, validTo: string): Promise<boolean> {
  const { table, owner } = PERIOD_TABLES[kind];
  const result = await sql`update ${sql.table(table)} set valid_to = ${validTo} where ${sql.ref(owner)} = ${addresseeNo} and valid_from = ${validFrom}`.execute(trx);
  return Number(result.numAffectedRows ?? 0) > 0;
}
