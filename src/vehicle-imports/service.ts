/**
 * @module Forwarded vehicle data (seed I.1②): a file from 軽自動車検査協会 or 運輸支局, read by the
 * first parser that recognises it, in one AccessControl transaction with one audit entry. Each
 * record is keyed by a keyed hash of its content and skipped when taken before, so the same file
 * twice changes nothing. A record is taken whole or not at all: one wrong cell leaves all of it
 * out, listed by row and column. A declaration's owner is matched by the four basic items
 * through the addressee register (C1, C2); a record whose owner is not found cleanly waits for
 * a clerk with the reason and the candidates — never dropped. A record whose owner is known is
 * kept as ready for the vehicle register (台帳反映待ち): writing it there is the register's use
 * case (src/vehicles/service.ts), which the import will call once it exists.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import { scoreBasicItems } from '../addressees/model.js';
import { createAddressee, findAddressee, matchByBasicItems, type AddresseeWork } from '../addressees/service.js';
import type { CityTransaction } from '../db/database.js';
import type { Vault } from '../integrated-addressees/vault.js';
import { Problem } from '../server/problem.js';
import type { CellProblem } from '../shared/cell-problem.js';
import { findCurrentVehicle } from '../vehicles/service.js';
import { plateText, type CurrentVehicle, type DeclarationNo, type PersonDisplay, formatDeclarationNo } from '../vehicles/model.js';
import { compareWithRegister, readCertificateFile, sameChassis, type CertificateItems, type CertificatePerson } from './certificate.js';
import { DECLARATION_TYPE_LABELS, type CertificateComparison, type ForwardedPerson, type ForwardedRecord, type ImportReport, type ReasonCode, type RecordStatus } from './model.js';
import { VEHICLE_IMPORT_OPERATIONS } from './operations.js';
import type { ForwardedDataParser, ForwardedFile } from './parser.js';
import { completeImport, findRecord, insertImport, insertRecord, isTaken, listImports, listRecords, resolveRecord, type ImportRow, type TakenRecordRow } from './repository.js';

/** A clerk's decision on a queued record. */
export type Resolution =
  | { action: 'apply'; addresseeNo: string; note: string }
  | { action: 'register'; nameKana?: string | undefined; note: string }
  | { action: 'dismiss'; note: string };

export type TakenRecord = Omit<TakenRecordRow, 'municipalityCode' | 'recordKey' | 'content'> & { content: ForwardedRecord };

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

type Decision = { status: RecordStatus; reasonCode: ReasonCode; ownerAddresseeNo: string | null; detail: { differing?: string[]; candidates?: string[] } };

export class VehicleImportService {
  constructor(
    private readonly access: AccessControl,
    private readonly vault: Vault,
    private readonly parsers: readonly ForwardedDataParser[],
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
        ...{ readyCount: 0, queuedCount: 0, alreadyTakenCount: 0, invalidCount: 0 },
      });
      const counts = { ready: 0, queued: 0, alreadyTaken: 0 };
      const work = this.work(trx, actor);
      for (const record of parsed.records) {
        const recordKey = this.vault.lookupHash('vehicle_import_record', actor.municipalityCode, canonical(record));
        if (await isTaken(trx, recordKey)) {
          counts.alreadyTaken++;
          continue;
        }
        const decision = await this.decide(work, record);
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
          status: decision.status,
          reasonCode: decision.reasonCode,
          reasonDetail: JSON.stringify(decision.detail),
          ownerAddresseeNo: decision.ownerAddresseeNo,
        });
        counts[decision.status === 'ready' ? 'ready' : 'queued']++;
      }
      const invalid = new Set(parsed.problems.map((p: CellProblem) => p.row)).size;
      await completeImport(trx, importId, { readyCount: counts.ready, queuedCount: counts.queued, alreadyTakenCount: counts.alreadyTaken, invalidCount: invalid, problems: parsed.problems });
      note.rows(counts.ready + counts.queued);
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
      return rows.map(({ municipalityCode: _m, recordKey: _k, content, ...shown }) => ({ ...shown, content: content as ForwardedRecord }));
    });
  }

  /**
   * A clerk's decision on a queued record: the owner is the addressee they found, or a new
   * non-resident (住登外者) registered from the record's items, or the record is dismissed with
   * a note. Only an open record can be decided, once.
   */
  resolve(actor: Actor, recordId: string, resolution: Resolution): Promise<{ ownerAddresseeNo: string | null }> {
    return this.access.run(actor, { ...VEHICLE_IMPORT_OPERATIONS[`vehicle.import.resolve.${resolution.action}`], detail: { recordId } }, async (trx, note) => {
      const record = await findRecord(trx, recordId);
      if (!record) throw Problem.notFound('この取込みデータはありません。');
      if (record.status !== 'open') throw Problem.conflict('このデータは既に処理済みです。画面を更新してください。');
      const content = record.content as ForwardedRecord;
      let decided: Pick<TakenRecordRow, 'status' | 'reasonCode' | 'ownerAddresseeNo'>;
      if (resolution.action === 'apply') {
        const chosen = await findAddressee(trx, resolution.addresseeNo);
        if (!chosen) throw Problem.validation([{ field: 'addresseeNo', message: 'この宛名番号の宛名はありません' }]);
        decided = { status: 'ready', reasonCode: 'owner_chosen', ownerAddresseeNo: chosen.addresseeNo };
      } else if (resolution.action === 'register') {
        const created = await this.registerOwner(this.work(trx, actor), content, resolution);
        decided = { status: 'ready', reasonCode: 'owner_registered', ownerAddresseeNo: created };
      } else {
        decided = { status: 'dismissed', reasonCode: 'dismissed', ownerAddresseeNo: null };
      }
      await resolveRecord(trx, recordId, { ...decided, resolvedByStaffNo: actor.staffNo, resolutionNote: resolution.note });
      if (decided.ownerAddresseeNo) note.subject({ type: 'addressee', id: decided.ownerAddresseeNo });
      note.rows(1);
      return { ownerAddresseeNo: decided.ownerAddresseeNo };
    });
  }

  /**
   * Cross-checks a 車検証閲覧アプリ export against a kei vehicle's record in force: every item side
   * by side, and the owner and user beside the addressees the record names. Reads only.
   */
  compareCertificate(actor: Actor, declarationNo: DeclarationNo, bytes: Uint8Array): Promise<CertificateComparison> {
    const subject = { type: 'vehicle' as const, id: formatDeclarationNo(declarationNo) };
    return this.access.run(actor, { ...VEHICLE_IMPORT_OPERATIONS['vehicle.certificate.compare'], subject }, async (trx, note) => {
      const certificate = readCertificateFile(bytes);
      const vehicle = await findCurrentVehicle(trx, declarationNo);
      if (!vehicle || vehicle.state !== 'current') throw Problem.notFound(`申告書番号 ${subject.id} の使用中の車両はありません。番号を確認してください。`);
      const register = registerItemsOf(vehicle);
      if (!sameChassis(register, certificate)) {
        throw Problem.conflict(`この車検証は車台番号 ${certificate.items.chassisNo} の車両のものです。申告書番号 ${subject.id} の車台番号(${register.chassisNo ?? '未登録'})と一致しません。`, [{ field: 'file', message: '別の車両の車検証です' }]);
      }
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

  /** Inspection data needs no owner; a declaration's owner links by itself only on one exact four-item match. */
  private async decide(work: AddresseeWork, record: ForwardedRecord): Promise<Decision> {
    if (!record.declaredOwner) return { status: 'ready', reasonCode: 'inspection_data', ownerAddresseeNo: null, detail: {} };
    const { nameKanji, nameKana, sexCode, birthDate, address } = record.declaredOwner;
    const match = await matchByBasicItems(work, { nameKanji, nameKana, sexCode, birthDate, address });
    if (match.decision === 'linked') return { status: 'ready', reasonCode: 'owner_matched', ownerAddresseeNo: match.addresseeNo, detail: {} };
    const [best] = match.candidates;
    if (!best) return { status: 'open', reasonCode: 'owner_not_found', ownerAddresseeNo: null, detail: {} };
    return {
      status: 'open',
      reasonCode: 'owner_ambiguous',
      ownerAddresseeNo: null,
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
