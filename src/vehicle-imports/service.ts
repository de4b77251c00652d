/**
 * @module Forwarded vehicle data (seed I.1②): a file from 軽自動車検査協会 or 運輸支局, read by the
 * first parser that recognises it, in one AccessControl transaction with one audit entry. Each
 * record is keyed by a keyed hash of its content and skipped when taken before, so the same file
 * twice changes nothing. A record is taken whole or not at all: one wrong cell leaves all of it
 * out, listed by row and column. A declaration's owner is matched by the four basic items
 * through the addressee register (C1, C2); a record whose owner is not found cleanly waits for
 * a clerk with the reason and the candidates — never dropped. A record whose owner is known, and
 * inspection data, are written into the vehicle register through its own use cases
 * (src/vehicles/service.ts), each inside a savepoint: a record the register refuses is rolled
 * back alone and waits for a clerk with the register's reason. A clerk's `apply` writes it too.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import { scoreBasicItems } from '../addressees/model.js';
import { createAddressee, findAddressee, matchByBasicItems, type AddresseeWork } from '../addressees/service.js';
import type { CityTransaction } from '../db/database.js';
import type { Vault } from '../integrated-addressees/vault.js';
import { Problem } from '../server/problem.js';
import type { CellProblem } from '../shared/cell-problem.js';
import { japanToday } from '../shared/dates.js';
import type { RuleBook } from '../tax-rules/service.js';
import { amendParticularsIn, changeOwnerIn, deregisterVehicleIn, findCurrentVehicle, findVehicleInUseByChassis, registerForwardedVehicleIn, type VehicleWork } from '../vehicles/service.js';
import { plateText, type CurrentVehicle, type DeclarationNo, type PersonDisplay, type VehicleParticulars, formatDeclarationNo } from '../vehicles/model.js';
import { CERTIFICATE_ITEM_LABELS, compareWithRegister, confirmedChanges, readCertificateFile, sameChassis, type CertificateItems, type CertificatePerson, type ConfirmableItem, type InspectionCertificate } from './certificate.js';
import {
  DECLARATION_TYPE_LABELS,
  plateParts,
  SOURCE_LABELS,
  wheelsOf,
  type CertificateApplyResult,
  type CertificateComparison,
  type ForwardedPerson,
  type ForwardedRecord,
  type ForwardedVehicle,
  type ImportReport,
  type ReasonCode,
  type ReasonDetail,
  type RecordStatus,
  type RegisterRefusal,
} from './model.js';
import { VEHICLE_IMPORT_OPERATIONS } from './operations.js';
import type { ForwardedDataParser, ForwardedFile } from './parser.js';
import { completeImport, findRecord, insertImport, insertRecord, isTaken, listImports, listRecords, resolveRecord, type ImportRow, type TakenRecordRow } from './repository.js';

/** A clerk's decision on a queued record. */
export type Resolution =
  | { action: 'apply'; addresseeNo?: string | undefined; note: string }
  | { action: 'register'; nameKana?: string | undefined; note: string }
  | { action: 'dismiss'; note: string };

export type TakenRecord = Omit<TakenRecordRow, 'municipalityCode' | 'recordKey' | 'content' | 'reasonDetail'> & { content: ForwardedRecord; reasonDetail: ReasonDetail };

/** A stable string of any JSON value, its object keys sorted: the same record keys the same however it was laid out. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The record's content without where it stood in its file. */
function canonical(record: ForwardedRecord): string {
  const { rowNo: _rowNo, ...content } = record;
  return stableJson(content);
}

/** Whose the record is: an owner known (or none needed, for inspection data), or a reason to ask a clerk. */
type Decision = { known: true; reasonCode: ReasonCode; ownerAddresseeNo: string | null } | { known: false; reasonCode: ReasonCode; detail: ReasonDetail };

/** What a record wrote into the register: the vehicle's declaration number and the generation. */
interface Applied {
  appliedDeclarationNo: string;
  appliedGeneration: number;
}

const appliedOf = (row: { declarationYear: number; declarationSerial: number; generation: number }): Applied => ({
  appliedDeclarationNo: formatDeclarationNo({ year: row.declarationYear, serial: row.declarationSerial }),
  appliedGeneration: row.generation,
});

/**
 * Runs `work` inside a savepoint of `trx`: a Problem (the register refusing the record) rolls
 * back what the work wrote and comes back as the refusal; any other error is a fault and ends
 * the whole transaction.
 */
async function inSavepoint<T>(trx: CityTransaction, work: () => Promise<T>): Promise<{ done: T } | { refusal: RegisterRefusal }> {
  await sql`savepoint forwarded_record`.execute(trx);
  try {
    const done = await work();
    await sql`release savepoint forwarded_record`.execute(trx);
    return { done };
  } catch (error) {
    await sql`rollback to savepoint forwarded_record`.execute(trx);
    if (error instanceof Problem) return { refusal: { detail: error.detail, errors: error.errors ?? [] } };
    throw error;
  }
}

/** How a record whose owner is known is kept: applied, naming what it wrote, or open with the register's refusal. */
function keptAs(decision: Extract<Decision, { known: true }>, outcome: { done: Applied } | { refusal: RegisterRefusal }) {
  if ('done' in outcome) return { status: 'applied' as const, reasonCode: decision.reasonCode, detail: {}, ...outcome.done, appliedAt: new Date() };
  return { status: 'open' as const, reasonCode: 'register_refused' as const, detail: { refusal: outcome.refusal } };
}

/** The items of a forwarded vehicle the register keeps, those the record gives. */
function particularsOf(vehicle: ForwardedVehicle): Partial<VehicleParticulars> {
  const items: Partial<VehicleParticulars> = {
    vehicleClassCode: vehicle.vehicleClassCode ?? undefined,
    vehicleMakeName: vehicle.makeName,
    modelDesignation: vehicle.modelDesignation,
    engineModel: vehicle.engineModel,
    displacementCc: vehicle.displacementCc,
    ratedOutputKw: vehicle.ratedOutputKw,
    fuelTypeCode: vehicle.fuelTypeCode,
    firstInspection: vehicle.firstInspection,
    fuelEfficiency2020Pct: vehicle.fuelEfficiency2020Pct,
    fuelEfficiency2030Pct: vehicle.fuelEfficiency2030Pct,
    lowEmission4star: vehicle.lowEmission4star ?? undefined,
    wheels: vehicle.vehicleClassCode ? wheelsOf(vehicle.vehicleClassCode) : undefined,
  };
  return Object.fromEntries(Object.entries(items).filter(([, value]) => value !== null && value !== undefined));
}

export class VehicleImportService {
  constructor(
    private readonly access: AccessControl,
    private readonly vault: Vault,
    private readonly parsers: readonly ForwardedDataParser[],
    private readonly book: RuleBook,
  ) {}

  importFile(actor: Actor, file: ForwardedFile): Promise<ImportReport> {
    return this.access.run(actor, { ...VEHICLE_IMPORT_OPERATIONS['vehicle.import'], detail: { fileName: file.fileName } }, async (trx, note) => {
      const parser = this.parsers.find((candidate) => candidate.recognises(file));
      if (!parser) {
        throw Problem.validation(
          [{ field: 'file', message: `読める形式ではありません(${this.parsers.map((p) => p.label).join('・')})` }],
          '申告データまたは検査情報の見出し行(docs/forwarded-data.md)のあるファイルを選んでください。',
        );
      }
      const parsed = parser.parse(file);
      const importId = randomUUID();
      await insertImport(trx, {
        municipalityCode: actor.municipalityCode,
        importId,
        staffNo: actor.staffNo,
        fileName: file.fileName,
        fileSha256: createHash('sha256').update(file.bytes).digest(),
        encoding: parsed.encoding,
        parserId: parser.id,
        recordCount: parsed.recordCount,
        ...{ appliedCount: 0, queuedCount: 0, alreadyTakenCount: 0, invalidCount: 0 },
      });
      const counts = { applied: 0, queued: 0, alreadyTaken: 0 };
      const work = this.work(trx, actor);
      for (const record of parsed.records) {
        const recordKey = this.vault.lookupHash('vehicle_import_record', actor.municipalityCode, canonical(record));
        if (await isTaken(trx, recordKey)) {
          counts.alreadyTaken++;
          continue;
        }
        const decision = await this.decide(work, record);
        const { detail, ...state } = decision.known
          ? keptAs(decision, await inSavepoint(trx, () => this.writeToRegister(this.registerWork(trx, actor), record, decision.ownerAddresseeNo)))
          : { status: 'open' as const, reasonCode: decision.reasonCode, detail: decision.detail };
        await insertRecord(trx, {
          municipalityCode: actor.municipalityCode,
          recordKey,
          importId,
          rowNo: record.rowNo,
          source: record.source,
          recordKind: record.kind,
          declarationType: record.declarationType,
          eventDate: record.eventDate,
          chassisNo: record.vehicle.chassisNo,
          content: JSON.stringify(record),
          ...state,
          reasonDetail: JSON.stringify(detail),
          ownerAddresseeNo: decision.known ? decision.ownerAddresseeNo : null,
        });
        counts[state.status === 'applied' ? 'applied' : 'queued']++;
      }
      const invalid = new Set(parsed.problems.map((p: CellProblem) => p.row)).size;
      await completeImport(trx, importId, { appliedCount: counts.applied, queuedCount: counts.queued, alreadyTakenCount: counts.alreadyTaken, invalidCount: invalid, problems: parsed.problems });
      note.rows(counts.applied + counts.queued);
      note.detail({ importId, parserId: parser.id, ...counts, invalid });
      return { importId, fileName: file.fileName, encoding: parsed.encoding, parserId: parser.id, recordCount: parsed.recordCount, ...counts, invalid, problems: parsed.problems };
    });
  }

  recentImports(actor: Actor, limit = 20): Promise<ImportRow[]> {
    return this.access.run(actor, { ...VEHICLE_IMPORT_OPERATIONS['vehicle.import.list'] }, (trx) => listImports(trx, limit));
  }

  /** The records in one state: `open` is the review queue. */
  records(actor: Actor, status: RecordStatus, limit = 200): Promise<TakenRecord[]> {
    return this.access.run(actor, { ...VEHICLE_IMPORT_OPERATIONS['vehicle.import.records'], detail: { status } }, async (trx, note) => {
      const rows = await listRecords(trx, status, limit);
      note.rows(rows.length);
      return rows.map(({ municipalityCode: _m, recordKey: _k, content, reasonDetail, ...shown }) => ({ ...shown, content: content as ForwardedRecord, reasonDetail: reasonDetail as ReasonDetail }));
    });
  }

  /**
   * A clerk's decision on a queued record: apply it — its owner the addressee they found, or the
   * one already known (a record the register refused, once the register is put right) — or
   * register its owner as a new non-resident (住登外者) from the record's items; either writes it
   * into the register, and a refusal there fails the whole request, changing nothing. Or dismiss
   * it with a note. Only an open record can be decided, once.
   */
  resolve(actor: Actor, recordId: string, resolution: Resolution): Promise<{ ownerAddresseeNo: string | null; appliedDeclarationNo: string | null }> {
    return this.access.run(actor, { ...VEHICLE_IMPORT_OPERATIONS[`vehicle.import.resolve.${resolution.action}`], detail: { recordId } }, async (trx, note) => {
      const record = await findRecord(trx, recordId);
      if (!record) throw Problem.notFound('この取込みデータはありません。');
      if (record.status !== 'open') throw Problem.conflict('このデータは既に処理済みです。画面を更新してください。');
      const content = record.content as ForwardedRecord;
      const resolved = { resolvedByStaffNo: actor.staffNo, resolutionNote: resolution.note };
      if (resolution.action === 'dismiss') {
        await resolveRecord(trx, recordId, { status: 'dismissed', reasonCode: 'dismissed', ownerAddresseeNo: record.ownerAddresseeNo, ...resolved });
        note.rows(1);
        return { ownerAddresseeNo: record.ownerAddresseeNo, appliedDeclarationNo: null };
      }
      const { ownerAddresseeNo, reasonCode } = resolution.action === 'apply' ? await this.ownerToApply(trx, record, content, resolution) : { ownerAddresseeNo: await this.registerOwner(this.work(trx, actor), content, resolution), reasonCode: 'owner_registered' as const };
      const applied = await this.writeToRegister(this.registerWork(trx, actor), content, ownerAddresseeNo);
      await resolveRecord(trx, recordId, { status: 'applied', reasonCode, ownerAddresseeNo, ...applied, appliedAt: new Date(), ...resolved });
      note.subject({ type: 'vehicle', id: applied.appliedDeclarationNo });
      note.detail({ recordId, ownerAddresseeNo, generation: applied.appliedGeneration });
      note.rows(1);
      return { ownerAddresseeNo, appliedDeclarationNo: applied.appliedDeclarationNo };
    });
  }

  /** The owner an `apply` writes with: the addressee the clerk names, else the one the record already has; none for inspection data. */
  private async ownerToApply(trx: CityTransaction, record: TakenRecordRow, content: ForwardedRecord, resolution: Extract<Resolution, { action: 'apply' }>): Promise<{ ownerAddresseeNo: string | null; reasonCode: ReasonCode }> {
    if (!content.declaredOwner) return { ownerAddresseeNo: null, reasonCode: record.reasonCode };
    if (!resolution.addresseeNo) {
      if (!record.ownerAddresseeNo) throw Problem.validation([{ field: 'addresseeNo', message: '所有者の宛名番号を入力してください(基本4情報で検索できます)' }]);
      return { ownerAddresseeNo: record.ownerAddresseeNo, reasonCode: record.reasonCode };
    }
    const chosen = await findAddressee(trx, resolution.addresseeNo);
    if (!chosen) throw Problem.validation([{ field: 'addresseeNo', message: 'この宛名番号の宛名はありません' }]);
    return { ownerAddresseeNo: chosen.addresseeNo, reasonCode: 'owner_chosen' };
  }

  /**
   * Writes a forwarded record through the register's front door (src/vehicles/service.ts):
   * 新規 → a new record, 名義変更 → an owner change, 廃車 → a deregistration, 変更 and 検査情報 →
   * a new generation with the items the record gives. A vehicle is named by its chassis number;
   * whatever the register refuses is a Problem in its words.
   */
  private async writeToRegister(work: VehicleWork, record: ForwardedRecord, ownerAddresseeNo: string | null): Promise<Applied> {
    const { vehicle } = record;
    const receivedDate = record.receivedDate ?? record.eventDate;
    const remark = `${SOURCE_LABELS[record.source]}の送付データ(${record.declarationType ? DECLARATION_TYPE_LABELS[record.declarationType] : '検査情報'})`;
    const owner = () => {
      if (!ownerAddresseeNo) throw new Error(`a forwarded ${record.declarationType ?? 'record'} reached the register without its owner`);
      return ownerAddresseeNo;
    };
    if (record.declarationType === 'new_registration') {
      const particulars = { ...particularsOf(vehicle), vehicleClassCode: vehicle.vehicleClassCode ?? '', chassisNo: vehicle.chassisNo };
      return appliedOf(
        await registerForwardedVehicleIn(work, this.book, { ownerAddresseeNo: owner(), registrationDate: record.eventDate, receivedDate, particulars, plate: plateParts(vehicle.plate ?? ''), registrationRemark1: remark }),
      );
    }
    const current = await findVehicleInUseByChassis(work.trx, vehicle.chassisNo);
    if (!current) {
      throw Problem.notFound(`車台番号 ${vehicle.chassisNo} の使用中の車両は台帳にありません。車台番号を確認するか、新規の送付データを先に反映してください。`);
    }
    const no = { year: current.declarationYear, serial: current.declarationSerial };
    const basis = { generation: current.generation, changeDate: record.eventDate, receivedDate };
    switch (record.declarationType) {
      case 'owner_change':
        return appliedOf((await changeOwnerIn(work, no, { ...basis, newOwner: { addresseeNo: owner() }, registrationRemark1: remark })).opened);
      case 'deregistration':
        // 抹消: the plate went back to the office that issued it, on the day of the deregistration.
        return appliedOf(await deregisterVehicleIn(work, no, { ...basis, deregistrationReasonCode: 'other', plateReturnCode: 'returned', plateReturnedDate: record.eventDate, deregistrationRemark1: remark }));
      case 'change':
        if (owner() !== current.ownerAddresseeNo) {
          throw Problem.conflict(`送付データの所有者が台帳(申告書番号 ${formatDeclarationNo(no)})の所有者と異なります。名義変更のデータでないか、送付元に確認してください。`);
        }
        return appliedOf(await amendParticularsIn(work, this.book, no, { ...basis, reason: 'entry_change', particulars: particularsOf(vehicle), plate: vehicle.plate ? plateParts(vehicle.plate) : undefined }));
      default:
        return appliedOf(await amendParticularsIn(work, this.book, no, { ...basis, reason: 'inspection_data', particulars: particularsOf(vehicle) }));
    }
  }

  /**
   * Cross-checks a 車検証閲覧アプリ export against a kei vehicle's record in force: every item side
   * by side, and the owner and user beside the addressees the record names. Reads only.
   */
  compareCertificate(actor: Actor, declarationNo: DeclarationNo, bytes: Uint8Array): Promise<CertificateComparison> {
    const subject = { type: 'vehicle' as const, id: formatDeclarationNo(declarationNo) };
    return this.access.run(actor, { ...VEHICLE_IMPORT_OPERATIONS['vehicle.certificate.compare'], subject }, async (trx, note) => {
      const { certificate, vehicle } = await this.certifiedVehicle(trx, declarationNo, bytes);
      const register = registerItemsOf(vehicle);
      note.rows(1);
      note.detail({ certificateNo: certificate.certificateNo });
      const person = (role: 'owner' | 'vehicleUser', label: string, onRecord: CertificatePerson | null, onCertificate: CertificatePerson | null) => ({
        role,
        label,
        register: onRecord,
        certificate: onCertificate,
        differs: onCertificate !== null && (onRecord === null || scoreBasicItems({ nameKanji: onRecord.name, address: onRecord.address }, { nameKanji: onCertificate.name, address: onCertificate.address }).differing.length > 0),
      });
      const { owner: recordOwner, vehicleUser: recordUser } = vehicle;
      const shown = (p: PersonDisplay | null) => (p ? { name: p.nameKanji, address: p.address } : null);
      return {
        certificateNo: certificate.certificateNo,
        declarationNo: vehicle.declarationNo,
        generation: vehicle.generation,
        items: compareWithRegister(register, certificate),
        people: [
          person('owner', '所有者', shown(recordOwner), certificate.certifiedOwner),
          // *** on the certificate: the user is the owner, as a record without a user of its own says.
          person('vehicleUser', '使用者', shown(recordUser), certificate.vehicleUser),
        ],
        storagePlace: certificate.storagePlace,
      };
    });
  }

  /**
   * Writes the items a clerk confirmed from a 車検証閲覧アプリ file into the vehicle's record, as
   * a new generation through the register's front door (reason 車検証による訂正). The file is
   * read and compared again; the generation the clerk compared against must still be current
   * (else the register's 409 says who changed it and when), and each confirmed item must differ.
   */
  applyCertificate(actor: Actor, declarationNo: DeclarationNo, seen: { generation: number; confirmed: readonly ConfirmableItem[] }, bytes: Uint8Array): Promise<CertificateApplyResult> {
    const subject = { type: 'vehicle' as const, id: formatDeclarationNo(declarationNo) };
    return this.access.run(actor, { ...VEHICLE_IMPORT_OPERATIONS['vehicle.certificate.apply'], subject }, async (trx, note) => {
      const { certificate, vehicle } = await this.certifiedVehicle(trx, declarationNo, bytes);
      // Against a stale generation nothing is compared: the register refuses it below, naming who changed it.
      const changes = vehicle.generation === seen.generation ? confirmedChanges(compareWithRegister(registerItemsOf(vehicle), certificate), seen.confirmed) : {};
      const { plate, makeName, vehicleClassCode, chassisNo: _sameChassis, ...items } = changes;
      const today = japanToday();
      const row = await amendParticularsIn({ trx, actor, municipalityCode: actor.municipalityCode, vault: this.vault }, this.book, declarationNo, {
        generation: seen.generation,
        changeDate: today,
        receivedDate: today,
        reason: 'certificate_check',
        particulars: { ...items, ...(vehicleClassCode ? { vehicleClassCode } : {}), ...(makeName ? { vehicleMakeName: makeName } : {}) },
        plate: plate ? plateParts(plate) : undefined,
      });
      note.rows(1);
      note.detail({ certificateNo: certificate.certificateNo, items: seen.confirmed, generation: row.generation });
      return { declarationNo: subject.id, generation: row.generation, applied: seen.confirmed.map((item) => CERTIFICATE_ITEM_LABELS[item]) };
    });
  }

  /** The certificate file read, and the record in force it belongs to (its chassis number); refused in Japanese otherwise. */
  private async certifiedVehicle(trx: CityTransaction, declarationNo: DeclarationNo, bytes: Uint8Array): Promise<{ certificate: InspectionCertificate; vehicle: CurrentVehicle }> {
    const id = formatDeclarationNo(declarationNo);
    const certificate = readCertificateFile(bytes);
    const vehicle = await findCurrentVehicle(trx, declarationNo);
    if (!vehicle || vehicle.state !== 'current') throw Problem.notFound(`申告書番号 ${id} の使用中の車両はありません。番号を確認してください。`);
    const register = registerItemsOf(vehicle);
    if (!sameChassis(register, certificate)) {
      throw Problem.conflict(`この車検証は車台番号 ${certificate.items.chassisNo} の車両のものです。申告書番号 ${id} の車台番号(${register.chassisNo ?? '未登録'})と一致しません。`, [{ field: 'file', message: '別の車両の車検証です' }]);
    }
    return { certificate, vehicle };
  }

  /** Inspection data needs no owner; a declaration's owner links by itself only on one exact four-item match. */
  private async decide(work: AddresseeWork, record: ForwardedRecord): Promise<Decision> {
    if (!record.declaredOwner) return { known: true, reasonCode: 'inspection_data', ownerAddresseeNo: null };
    const { nameKanji, nameKana, sexCode, birthDate, address } = record.declaredOwner;
    const match = await matchByBasicItems(work, { nameKanji, nameKana, sexCode, birthDate, address });
    if (match.decision === 'linked') return { known: true, reasonCode: 'owner_matched', ownerAddresseeNo: match.addresseeNo };
    const [best] = match.candidates;
    if (!best) return { known: false, reasonCode: 'owner_not_found', detail: {} };
    return {
      known: false,
      reasonCode: 'owner_ambiguous',
      detail: { differing: [...best.match.differing, ...best.match.unknown], candidates: match.candidates.map((c) => c.addressee.addresseeNo) },
    };
  }

  private async registerOwner(work: AddresseeWork, record: ForwardedRecord, resolution: Extract<Resolution, { action: 'register' }>): Promise<string> {
    const owner: ForwardedPerson | null = record.declaredOwner;
    if (!owner) throw Problem.validation([{ field: 'action', message: '検査情報には所有者がないため登録できません' }]);
    const nameKana = resolution.nameKana ?? owner.nameKana;
    if (!nameKana) throw Problem.validation([{ field: 'nameKana', message: '所有者のフリガナを入力してください(送付データにありません)' }]);
    const reason = `送付データ(${DECLARATION_TYPE_LABELS[record.declarationType ?? 'new_registration']}) ${record.rowNo}行目 の所有者を登録: ${resolution.note}`;
    const created = await createAddressee(
      work,
      { kind: 'non_resident', nameKanji: owner.nameKanji, nameKana, sexCode: owner.sexCode, birthDate: owner.birthDate, postalCode: owner.postalCode, address: owner.address, status: 'active' },
      { reason },
    );
    return created.addresseeNo;
  }

  private work(trx: CityTransaction, actor: Actor): AddresseeWork {
    return { trx, municipalityCode: actor.municipalityCode, vault: this.vault, actor, source: 'entry' };
  }

  private registerWork(trx: CityTransaction, actor: Actor): VehicleWork {
    return { trx, actor, municipalityCode: actor.municipalityCode, vault: this.vault, channel: 'forwarded' };
  }
}

/** The items of a record a certificate also states. */
function registerItemsOf(vehicle: CurrentVehicle): CertificateItems {
  return {
    plate: plateText(vehicle) || null,
    chassisNo: vehicle.chassisNo,
    vehicleClassCode: vehicle.vehicleClassCode,
    makeName: vehicle.vehicleMakeName,
    modelDesignation: vehicle.modelDesignation,
    engineModel: vehicle.engineModel,
    displacementCc: vehicle.displacementCc,
    ratedOutputKw: vehicle.ratedOutputKw,
    fuelTypeCode: vehicle.fuelTypeCode as CertificateItems['fuelTypeCode'],
    firstInspection: vehicle.firstInspection,
  };
}
