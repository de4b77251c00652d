/**
 * @module 税宛名システム (subsystem S2): register, query and update addressees — residents (from the
 * resident registry), non-residents (住登外者), corporations — with their tax administrators
 * (納税管理人) and mail destinations (送付先). Every change writes a history entry (who, when,
 * why, what) in the same transaction.
 *
 * Functions taking an `AddresseeWork` run inside a caller's AccessControl transaction (the
 * resident-change import uses them); the class is the door for routes and other capabilities.
 */
import type { Updateable } from 'kysely';
import { commandLineActor, type Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import type { CityTransaction } from '../db/database.js';
import type { Addressee } from '../db/schema.js';
import { maskIndividualNumber } from '../shared/individual-number.js';
import { drawNumber } from '../db/numbering.js';
import { staffNames } from '../staff/service.js';
import {
  assignIntegratedAddresseeNo,
  attachIndividualNumber,
  IndividualNumberInUse,
  integratedNoOfIndividualNumber,
  maskedIndividualNumberOf,
  type LinkedAddressees,
  type VaultWork,
} from '../integrated-addressees/service.js';
import type { Vault } from '../integrated-addressees/vault.js';
import { Problem, type FieldError } from '../server/problem.js';
import { japanToday } from '../shared/dates.js';
import { decideMatch, rankCandidates, scoreBasicItems, type BasicItems } from './matching.js';
import {
  FIELD_LABELS,
  kindIssues,
  REGISTRY_FIELDS,
  type AddresseeDetail,
  type AddresseeSearchInput,
  type AddresseeSearchResult,
  type AddresseeSummary,
  type BasicItemsInput,
  type EndPeriodInput,
  type MailDestinationInput,
  type MatchCandidate,
  type RegisterAddresseeInput,
  type TaxAdministratorInput,
  type UpdateAddresseeInput,
} from './model.js';
import { searchKey } from './normalise.js';
import { periodOn, planNewPeriod, type Period } from './periods.js';
import {
  addressAreaExists,
  endPeriod as endPeriodRow,
  findAddressee,
  insertAddressee,
  insertHistory,
  insertMailDestination,
  insertTaxAdministrator,
  listAdministeredTaxpayers,
  listHistory,
  listMailDestinations,
  listTaxAdministrators,
  matchCandidatesQuery,
  rewriteSearchKeys,
  searchAddressees,
  staleSearchKeys,
  summariesByIntegratedNo,
  updateAddressee,
  type AddresseeRow,
  type NewAddressee,
  type PeriodKind,
} from './repository.js';
import { ADDRESSEE_OPERATIONS } from './operations.js';

// Within a caller's transaction: the register's reads other capabilities make (the resident
// change import, S3, the status page), and the search keys a bulk load (the demo city) writes.
export { addressAreaExists, countAddressees, findAddressee, namesOf, searchKeysOf, type AddresseeRow } from './repository.js';
// Within a caller's transaction: a town area's name, for a storage place printed on a certificate.
export { townNameOf } from './repository.js';

export interface AddresseeWork extends VaultWork {
  actor: Actor;
  /** Where the data comes from: typed in by staff, or the resident registry. */
  source: 'entry' | 'resident_registry';
}

type ChangeKind = Parameters<typeof insertHistory>[1]['changeKind'];
type Changes = Record<string, { before?: unknown; after?: unknown }>;

async function recordHistory(
  work: AddresseeWork,
  addresseeNo: string,
  entry: { changeKind: ChangeKind; reason: string; changes: Changes; effectiveDate?: string | null },
): Promise<void> {
  await insertHistory(work.trx, {
    municipalityCode: work.municipalityCode,
    addresseeNo,
    staffNo: work.actor.staffNo,
    source: work.source,
    changeKind: entry.changeKind,
    reason: entry.reason,
    effectiveDate: entry.effectiveDate ?? null,
    changes: entry.changes,
  });
}

/** Field → before/after for the fields whose value differs. */
function differences(before: Partial<Record<string, unknown>>, after: Partial<Record<string, unknown>>): Changes {
  const changes: Changes = {};
  for (const [field, value] of Object.entries(after)) {
    if (value !== undefined && (before[field] ?? null) !== (value ?? null)) changes[field] = { before: before[field] ?? null, after: value ?? null };
  }
  return changes;
}

/** The values a new record starts with (registration, a new period): nothing before them. */
function initialValues(values: Record<string, unknown>): Changes {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null).map(([field, value]) => [field, { after: value }]));
}

/** A 409 that says which addressee already holds the number — the seed's match of a non-resident to resident data by individual number (II.3⑥). */
async function numberInUse(work: VaultWork, error: IndividualNumberInUse): Promise<Problem> {
  const holders = (await summariesByIntegratedNo(work.trx, error.holderIntegratedAddresseeNo)).map((a) => a.addresseeNo);
  return Problem.conflict(
    `この個人番号は既に宛名番号 ${holders.join('、') || '(宛名なし)'} に登録されています。同じ方であれば、その宛名を使ってください。`,
    [{ field: 'individualNumber', message: '別の宛名に登録済みの個人番号です' }],
  );
}

async function checkAddressCodes(work: VaultWork, fields: { addressCode?: string | null; storagePlaceAddressCode?: string | null }): Promise<void> {
  const errors: FieldError[] = [];
  for (const field of ['addressCode', 'storagePlaceAddressCode'] as const) {
    const code = fields[field];
    if (code && !(await addressAreaExists(work.trx, code))) errors.push({ field, message: `住所コード ${code} はこの団体の町字にありません` });
  }
  if (errors.length > 0) throw Problem.validation(errors);
}

/** Seals a number for an addressee, giving it an integrated addressee number first if it has none. */
async function linkIndividualNumber(work: AddresseeWork, row: AddresseeRow, individualNumber: string): Promise<AddresseeRow> {
  let current = row;
  if (!current.integratedAddresseeNo) {
    const integratedAddresseeNo = await assignIntegratedAddresseeNo(work);
    current = (await updateAddressee(work.trx, current, { integratedAddresseeNo })) ?? current;
  }
  try {
    await attachIndividualNumber(work, current.integratedAddresseeNo ?? '', individualNumber);
  } catch (error) {
    throw error instanceof IndividualNumberInUse ? await numberInUse(work, error) : error;
  }
  return current;
}

export type NewAddresseeInput = Omit<NewAddressee, 'municipalityCode' | 'addresseeNo' | 'integratedAddresseeNo'> & { individualNumber?: string | null | undefined };

/**
 * Registers an addressee with a new addressee number and integrated addressee number (S3 付番),
 * its individual number sealed in the vault when given, and a history entry.
 */
export async function createAddressee(work: AddresseeWork, input: NewAddresseeInput, entry: { reason: string; effectiveDate?: string | null }): Promise<AddresseeRow> {
  await checkAddressCodes(work, input);
  const { individualNumber, ...fields } = input;
  const addresseeNo = await drawNumber(work.trx, work.municipalityCode, 'addressee_no');
  const integratedAddresseeNo = await assignIntegratedAddresseeNo(work);
  const row = await insertAddressee(work.trx, { ...fields, municipalityCode: work.municipalityCode, addresseeNo, integratedAddresseeNo });
  if (individualNumber) await linkIndividualNumber(work, row, individualNumber);
  const changes = initialValues({ ...fields, integratedAddresseeNo, ...(individualNumber ? { individualNumber: maskIndividualNumber(individualNumber) } : {}) });
  await recordHistory(work, addresseeNo, { changeKind: 'registered', reason: entry.reason, changes, effectiveDate: entry.effectiveDate });
  return row;
}

/**
 * Changes an addressee if it is still at the version the change was made on, and records what
 * changed. A change of individual number is recorded as changed, masked, never in full.
 */
export async function changeAddressee(
  work: AddresseeWork,
  before: AddresseeRow,
  changes: Updateable<Addressee>,
  entry: { changeKind: ChangeKind; reason: string; effectiveDate?: string | null; individualNumber?: string | undefined },
): Promise<AddresseeRow> {
  await checkAddressCodes(work, changes);
  const changed = differences(before, changes);
  let row = before;
  if (Object.keys(changed).length > 0) {
    const updated = await updateAddressee(work.trx, before, changes);
    if (!updated) {
      throw Problem.conflict('この宛名は、画面を開いた後に他の職員または住民記録の取込みで更新されました。画面を開き直して、最新の内容で操作してください。');
    }
    row = updated;
  }
  if (entry.individualNumber) {
    const holder = await integratedNoOfIndividualNumber(work, entry.individualNumber);
    if (!holder || holder !== row.integratedAddresseeNo) {
      row = await linkIndividualNumber(work, row, entry.individualNumber);
      changed.individualNumber = { after: maskIndividualNumber(entry.individualNumber) };
    }
  }
  if (Object.keys(changed).length > 0) await recordHistory(work, row.addresseeNo, { ...entry, changes: changed });
  return row;
}

/** The addressees holding an individual number (normally one), found through S3's lookup hash. */
export async function addresseesByIndividualNumber(work: AddresseeWork, individualNumber: string): Promise<AddresseeRow[]> {
  const integratedAddresseeNo = await integratedNoOfIndividualNumber(work, individualNumber);
  if (!integratedAddresseeNo) return [];
  const summaries = await summariesByIntegratedNo(work.trx, integratedAddresseeNo);
  const rows = await Promise.all(summaries.map((s) => findAddressee(work.trx, s.addresseeNo, { lock: true })));
  return rows.filter((row): row is AddresseeRow => row !== undefined);
}

export type MatchResult = { decision: 'linked'; addresseeNo: string; candidates: MatchCandidate[] } | { decision: 'review'; candidates: MatchCandidate[] };

/**
 * Finds the person a declaration describes by the four basic items (C1, C2): candidates scored
 * with the items that differ; exactly one exact match links by itself, anything else is a
 * clerk's decision. Never by provision code (C13) and never by individual number: those are
 * S3's lookups.
 */
export async function matchByBasicItems(work: VaultWork, declared: BasicItems): Promise<MatchResult> {
  const rows = await matchCandidatesQuery(work.trx, {
    municipalityCode: work.municipalityCode,
    nameKanji: declared.nameKanji ? searchKey(declared.nameKanji) : undefined,
    nameKana: declared.nameKana ? searchKey(declared.nameKana) : undefined,
    birthDate: declared.birthDate ?? undefined,
  }).execute();
  const candidates = rankCandidates(rows.map((row) => ({ addressee: toSummary(row), match: scoreBasicItems(declared, row) })))
    .filter((candidate) => candidate.match.score >= 40)
    .slice(0, 20);
  const decision = decideMatch(candidates);
  return decision.decision === 'linked'
    ? { decision: 'linked', addresseeNo: decision.linked.addressee.addresseeNo, candidates }
    : { decision: 'review', candidates };
}

function toSummary(row: AddresseeRow): AddresseeSummary {
  const { addresseeNo, kind, nameKanji, nameKana, sexCode, birthDate, address, status } = row;
  return { addresseeNo, kind, nameKanji, nameKana, sexCode, birthDate, address, status };
}

/** The addressee's history, each entry with the name of the staff member who made it. */
async function historyWithStaffNames(trx: CityTransaction, addresseeNo: string): Promise<AddresseeDetail['history']> {
  const history = await listHistory(trx, addresseeNo);
  const names = await staffNames(trx, history.flatMap((entry) => (entry.staffNo ? [entry.staffNo] : [])));
  return history.map((entry) => ({
    ...entry,
    changedAt: entry.changedAt.toISOString(),
    changes: entry.changes as AddresseeDetail['history'][number]['changes'],
    staffName: (entry.staffNo && names.get(entry.staffNo)) || null,
  }));
}

/** What S3 asks of this register: IntegratedAddresseeService is given it by the composition root. */
export const linkedAddressees: LinkedAddressees = { summariesByIntegratedNo, findAddressee };

/** Marks the period in effect today. */
function withCurrent<T extends Period>(periods: T[]): (T & { current: boolean })[] {
  const current = periodOn(periods, japanToday());
  return periods.map((period) => ({ ...period, current: period === current }));
}

export class AddresseeService {
  constructor(
    private readonly access: AccessControl,
    private readonly vault: Vault,
  ) {}

  /** Ranked search; the audit entry names the fields searched by, never their values. */
  search(actor: Actor, input: AddresseeSearchInput): Promise<AddresseeSearchResult> {
    const fields = (['name', 'birthDate', 'address', 'addresseeNo', 'phone'] as const).filter((field) => input[field]);
    return this.access.run(actor, { ...ADDRESSEE_OPERATIONS['addressee.search'], detail: { fields } }, async (trx, note) => {
      const hits = await searchAddressees(trx, { ...input, municipalityCode: actor.municipalityCode, limit: input.limit + 1 });
      note.rows(Math.min(hits.length, input.limit));
      if (hits.length === 1 && hits[0]) note.subject({ type: 'addressee', id: hits[0].addresseeNo });
      return { hits: hits.slice(0, input.limit), truncated: hits.length > input.limit };
    });
  }

  detail(actor: Actor, addresseeNo: string): Promise<AddresseeDetail> {
    return this.access.run(actor, { ...ADDRESSEE_OPERATIONS['addressee.read'], subject: { type: 'addressee', id: addresseeNo } }, async (trx, note) => {
      const row = await findAddressee(trx, addresseeNo);
      if (!row) throw notFound(addresseeNo);
      note.rows(1);
      const work = this.work(trx, actor);
      const { municipalityCode: _m, nameKanjiSearch: _a, nameKanaSearch: _b, addressSearch: _c, phoneSearch: _d, searchVersion: _e, ...fields } = row;
      return {
        ...fields,
        createdAt: fields.createdAt.toISOString(),
        updatedAt: fields.updatedAt.toISOString(),
        maskedIndividualNumber: await maskedIndividualNumberOf(work, row.integratedAddresseeNo),
        taxAdministrators: withCurrent(await listTaxAdministrators(trx, addresseeNo)),
        administeredTaxpayers: withCurrent(await listAdministeredTaxpayers(trx, addresseeNo)),
        mailDestinations: withCurrent(await listMailDestinations(trx, addresseeNo)),
        history: await historyWithStaffNames(trx, addresseeNo),
      };
    });
  }

  /** Registers a non-resident or a corporation typed in by staff. */
  register(actor: Actor, input: RegisterAddresseeInput): Promise<AddresseeRow> {
    return this.access.run(actor, { ...ADDRESSEE_OPERATIONS['addressee.register'] }, async (trx, note) => {
      const { reason, ...fields } = input;
      const row = await createAddressee({ ...this.work(trx, actor), actor, source: 'entry' }, fields, { reason });
      note.subject({ type: 'addressee', id: row.addresseeNo });
      note.rows(1);
      return row;
    });
  }

  /**
   * Changes what staff may change: everything of a non-resident or corporation; of a resident
   * only the phone, the storage place and whether its whereabouts are known — the rest comes
   * from the resident registry (C16).
   */
  update(actor: Actor, addresseeNo: string, input: UpdateAddresseeInput): Promise<AddresseeRow> {
    return this.access.run(actor, { ...ADDRESSEE_OPERATIONS['addressee.update'], subject: { type: 'addressee', id: addresseeNo } }, async (trx, note) => {
      const before = await findAddressee(trx, addresseeNo, { lock: true });
      if (!before) throw notFound(addresseeNo);
      if (before.version !== input.version) {
        throw Problem.conflict('この宛名は、画面を開いた後に更新されました。画面を開き直して、最新の内容で操作してください。');
      }
      const { version: _version, reason, individualNumber, ...changes } = input;
      this.checkEditable(before, input);
      const merged = { ...before, ...changes, individualNumber };
      const issues = kindIssues(before.kind, merged);
      if (issues.length > 0) throw Problem.validation(issues);
      const row = await changeAddressee({ ...this.work(trx, actor), actor, source: 'entry' }, before, changes, {
        changeKind: changes.status && changes.status !== before.status ? 'status_changed' : 'updated',
        reason,
        individualNumber,
      });
      note.rows(1);
      return row;
    });
  }

  /** 納税管理人: from `validFrom`, an open-ended earlier one ending the day before. */
  setTaxAdministrator(actor: Actor, taxpayerAddresseeNo: string, input: TaxAdministratorInput): Promise<void> {
    return this.access.run(actor, { ...ADDRESSEE_OPERATIONS['addressee.taxAdministrator.set'], subject: { type: 'addressee', id: taxpayerAddresseeNo } }, async (trx, note) => {
      await this.requireAddressee(trx, taxpayerAddresseeNo);
      if (input.administratorAddresseeNo === taxpayerAddresseeNo) {
        throw Problem.validation([{ field: 'administratorAddresseeNo', message: '本人を自分の納税管理人にはできません' }]);
      }
      const administrator = await findAddressee(trx, input.administratorAddresseeNo);
      if (!administrator) throw Problem.validation([{ field: 'administratorAddresseeNo', message: 'この宛名番号の宛名はありません' }]);
      if (administrator.status === 'deceased' || administrator.status === 'dissolved') {
        throw Problem.validation([{ field: 'administratorAddresseeNo', message: '死亡・解散した宛名は納税管理人にできません' }]);
      }
      const existing = await listTaxAdministrators(trx, taxpayerAddresseeNo);
      await this.startPeriod(trx, 'tax_administrator', taxpayerAddresseeNo, existing, input);
      await insertTaxAdministrator(trx, {
        municipalityCode: actor.municipalityCode,
        taxpayerAddresseeNo,
        administratorAddresseeNo: input.administratorAddresseeNo,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
      });
      await recordHistory({ ...this.work(trx, actor), actor, source: 'entry' }, taxpayerAddresseeNo, {
        changeKind: 'tax_administrator_set',
        reason: input.reason,
        effectiveDate: input.validFrom,
        changes: initialValues({ administratorAddresseeNo: input.administratorAddresseeNo, validFrom: input.validFrom, validTo: input.validTo }),
      });
      note.rows(1);
    });
  }



  /** 送付先: notices go here from `validFrom`, an open-ended earlier one ending the day before. */
  setMailDestination(actor: Actor, addresseeNo: string, input: MailDestinationInput): Promise<void> {
    return this.access.run(actor, { ...ADDRESSEE_OPERATIONS['addressee.mailDestination.set'], subject: { type: 'addressee', id: addresseeNo } }, async (trx, note) => {
      await this.requireAddressee(trx, addresseeNo);
      const existing = await listMailDestinations(trx, addresseeNo);
      await this.startPeriod(trx, 'mail_destination', addresseeNo, existing, input);
      const { reason, ...destination } = input;
      await insertMailDestination(trx, { municipalityCode: actor.municipalityCode, addresseeNo, ...destination, validTo: destination.validTo ?? null });
      await recordHistory({ ...this.work(trx, actor), actor, source: 'entry' }, addresseeNo, {
        changeKind: 'mail_destination_set',
        reason,
        effectiveDate: input.validFrom,
        changes: initialValues(destination),
      });
      note.rows(1);
    });
  }



  /** 付番 for an addressee that has no integrated addressee number yet. */
  assignIntegratedAddresseeNo(actor: Actor, addresseeNo: string): Promise<string> {
    return this.access.run(actor, { ...ADDRESSEE_OPERATIONS['addressee.integratedAddresseeNo.assign'], subject: { type: 'addressee', id: addresseeNo } }, async (trx, note) => {
      const before = await findAddressee(trx, addresseeNo, { lock: true });
      if (!before) throw notFound(addresseeNo);
      if (before.integratedAddresseeNo) return before.integratedAddresseeNo;
      const work: AddresseeWork = { ...this.work(trx, actor), actor, source: 'entry' };
      const integratedAddresseeNo = await assignIntegratedAddresseeNo(work);
      await changeAddressee(work, before, { integratedAddresseeNo }, { changeKind: 'integrated_addressee_no_assigned', reason: '統合宛名番号の付番' });
      note.rows(1);
      return integratedAddresseeNo;
    });
  }

  /** The four-basic-item match, for declarations and imports (C1, C2). */
  match(actor: Actor, declared: BasicItemsInput): Promise<MatchResult> {
    return this.access.run(actor, { ...ADDRESSEE_OPERATIONS['addressee.match'] }, async (trx, note) => {
      const result = await matchByBasicItems(this.work(trx, actor), declared);
      note.rows(result.candidates.length);
      if (result.decision === 'linked') note.subject({ type: 'addressee', id: result.addresseeNo });
      return result;
    });
  }

  /**
   * Remakes the search keys of addressees keyed by older normalisation rules, in batches (at
   * start, after an upgrade that changed a rule). Returns how many were remade.
   */
  async refreshSearchKeys(actor: Actor, batchSize = 2000): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.access.run(actor, { ...ADDRESSEE_OPERATIONS['addressee.searchKeys.refresh'] }, async (trx, note) => {
        const rows = await staleSearchKeys(trx, batchSize);
        for (const row of rows) await rewriteSearchKeys(trx, row);
        note.rows(rows.length);
        return rows.length;
      });
      total += done;
      if (done < batchSize) return total;
    }
  }

  /**
   * At start: remakes the search keys of addressees keyed by older normalisation rules (or not at
   * all), acting as the operator who started keitax; each batch is audited.
   */
  refreshStaleSearchKeys(municipalityCode: string): Promise<number> {
    return this.refreshSearchKeys(commandLineActor(municipalityCode, ['addressee.write']));
  }

  private checkEditable(before: AddresseeRow, input: UpdateAddresseeInput): void {
    const errors: FieldError[] = [];
    if (before.kind === 'resident') {
      for (const field of REGISTRY_FIELDS) {
        if (input[field] !== undefined) errors.push({ field, message: `住民の${FIELD_LABELS[field]}は住民記録から更新されます(住民異動データの取込み)` });
      }
    }
    if (input.status === 'dissolved' && before.kind !== 'corporation') errors.push({ field: 'status', message: '解散は法人にだけ設定できます' });
    if (input.status === 'deceased' && before.kind !== 'non_resident') {
      errors.push({ field: 'status', message: before.kind === 'resident' ? '住民の死亡は住民記録から更新されます' : '法人には死亡を設定できません' });
    }
    if (errors.length > 0) throw Problem.validation(errors);
  }

  /** Closes an open-ended earlier period the day before `next` starts, or refuses an overlap. */
  private async startPeriod(trx: CityTransaction, kind: PeriodKind, addresseeNo: string, existing: Period[], next: { validFrom: string; validTo?: string | null | undefined }): Promise<void> {
    const plan = planNewPeriod(existing, { validFrom: next.validFrom, validTo: next.validTo ?? null });
    if (!plan.ok) {
      throw Problem.conflict(
        `${plan.conflictWith.validFrom}${plan.conflictWith.validTo ? `〜${plan.conflictWith.validTo}` : '〜'} の期間と重なります。開始日を見直すか、先に既存の期間を終了してください。`,
        [{ field: 'validFrom', message: '既存の期間と重なっています' }],
      );
    }
    if (plan.close) await endPeriodRow(trx, kind, addresseeNo, plan.close.validFrom, plan.close.validTo);
  }

  /** Ends the 納税管理人 or 送付先 period that starts on `validFrom`. */
  endPeriod(actor: Actor, kind: PeriodKind, addresseeNo: string, validFrom: string, input: EndPeriodInput): Promise<void> {
    const [operation, changeKind] =
      kind === 'tax_administrator' ? (['addressee.taxAdministrator.end', 'tax_administrator_ended'] as const) : (['addressee.mailDestination.end', 'mail_destination_ended'] as const);
    return this.access.run(actor, { ...ADDRESSEE_OPERATIONS[operation], subject: { type: 'addressee', id: addresseeNo } }, async (trx, note) => {
      if (input.validTo < validFrom) throw Problem.validation([{ field: 'validTo', message: '終了日は開始日以降の日付にしてください' }]);
      if (!(await endPeriodRow(trx, kind, addresseeNo, validFrom, input.validTo))) throw Problem.notFound(`${validFrom} から始まる期間はありません。`);
      await recordHistory({ ...this.work(trx, actor), actor, source: 'entry' }, addresseeNo, {
        changeKind,
        reason: input.reason,
        effectiveDate: input.validTo,
        changes: { validTo: { before: null, after: input.validTo }, validFrom: { after: validFrom } },
      });
      note.rows(1);
    });
  }

  private async requireAddressee(trx: CityTransaction, addresseeNo: string): Promise<AddresseeRow> {
    const row = await findAddressee(trx, addresseeNo, { lock: true });
    if (!row) throw notFound(addresseeNo);
    return row;
  }

  private work(trx: CityTransaction, actor: Actor): VaultWork {
    return { trx, municipalityCode: actor.municipalityCode, vault: this.vault };
  }
}

function notFound(addresseeNo: string): Problem {
  return Problem.notFound(`宛名番号 ${addresseeNo} の宛名はありません。番号を確認してください。`);
}

/**
 * Where each taxpayer's notice goes on `onDate`, as a key that tells destinations apart: their
 * 納税管理人 (`administrator:<宛名番号>`) before a 送付先 (`mail:<valid from>`), else their own
 * address (`address`). The initial assessment gives one notice per taxpayer and key.
 */
export async function noticeDestinations(trx: CityTransaction, addresseeNos: readonly string[], onDate: string): Promise<Map<string, string>> {
  const destinations = new Map<string, string>(addresseeNos.map((no) => [no, 'address']));
  if (addresseeNos.length === 0) return destinations;
  const [mail, administrators] = await Promise.all([
    trx
      .selectFrom('mailDestination')
      .where('validFrom', '<=', onDate)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', onDate)]))
      .where('addresseeNo', 'in', addresseeNos)
      .select(['addresseeNo', 'validFrom'])
      .execute(),
    trx
      .selectFrom('taxAdministratorAssignment')
      .where('validFrom', '<=', onDate)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', onDate)]))
      .where('taxpayerAddresseeNo', 'in', addresseeNos)
      .select(['taxpayerAddresseeNo', 'administratorAddresseeNo'])
      .execute(),
  ]);
  for (const row of mail) destinations.set(row.addresseeNo, `mail:${String(row.validFrom)}`);
  for (const row of administrators) destinations.set(row.taxpayerAddresseeNo, `administrator:${row.administratorAddresseeNo}`);
  return destinations;
}

/** Where a tax notice goes and whose it is: the taxpayer's name, and the envelope's name and address. */
export interface NoticeAddress {
  taxpayerName: string;
  postalCode: string | null;
  address: string;
  /** The taxpayer, the 送付先's name, or `納税管理人 <name> 様方`. */
  envelopeName: string;
}

/**
 * For the tax notices (src/notices): each taxpayer's name and where their notice goes on
 * `onDate`, as `noticeDestinations` decides it: their 納税管理人 (at the administrator's address,
 * 「納税管理人 … 様方」) before a 送付先, else their own address. Taxpayers not in the register are left out.
 */
export async function noticeAddresses(trx: CityTransaction, addresseeNos: readonly string[], onDate: string): Promise<Map<string, NoticeAddress>> {
  const found = new Map<string, NoticeAddress>();
  if (addresseeNos.length === 0) return found;
  const destinations = await noticeDestinations(trx, addresseeNos, onDate);
  const administrators = [...destinations.values()].flatMap((key) => (key.startsWith('administrator:') ? [key.slice('administrator:'.length)] : []));
  const [people, mail] = await Promise.all([
    trx.selectFrom('addressee').select(['addresseeNo', 'nameKanji', 'postalCode', 'address']).where('addresseeNo', 'in', [...addresseeNos, ...administrators]).execute(),
    trx
      .selectFrom('mailDestination')
      .select(['addresseeNo', 'validFrom', 'name', 'postalCode', 'address'])
      .where('addresseeNo', 'in', addresseeNos)
      .where('validFrom', '<=', onDate)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', onDate)]))
      .execute(),
  ]);
  const person = new Map(people.map((row) => [row.addresseeNo, row]));
  const mailTo = new Map(mail.map((row) => [row.addresseeNo, row]));
  for (const addresseeNo of addresseeNos) {
    const taxpayer = person.get(addresseeNo);
    if (!taxpayer) continue;
    const key = destinations.get(addresseeNo) ?? 'address';
    const administrator = key.startsWith('administrator:') ? person.get(key.slice('administrator:'.length)) : undefined;
    const destination = key.startsWith('mail:') ? mailTo.get(addresseeNo) : undefined;
    const envelope = administrator
      ? { postalCode: administrator.postalCode, address: administrator.address, envelopeName: `納税管理人 ${administrator.nameKanji} 様方` }
      : destination
        ? { postalCode: destination.postalCode, address: destination.address, envelopeName: destination.name }
        : { postalCode: taxpayer.postalCode, address: taxpayer.address, envelopeName: taxpayer.nameKanji };
    found.set(addresseeNo, { taxpayerName: taxpayer.nameKanji, ...envelope });
  }
  return found;
}
