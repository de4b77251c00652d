/**
 * @module Forwarded vehicle data (seed I.1②): the vocabulary of what 軽自動車検査協会 (3- and
 * 4-wheel kei) and 運輸支局 (2-wheel) forward to the city and of the kei inspection data, as
 * every parser hands it to the import (docs/forwarded-data.md), and the shapes the API and the
 * upload screen share. Codes in English, labels as the files and screens write them.
 */
import { z } from 'zod';
import { cellProblemSchema } from '../shared/cell-problem.js';

export type ForwardedSource = 'kei_inspection_association' | 'transport_bureau';
export type RecordKind = 'declaration' | 'inspection';
export type DeclarationType = 'new_registration' | 'owner_change' | 'deregistration' | 'change';
export type RecordStatus = 'open' | 'applied' | 'dismissed';
export type ReasonCode =
  | 'owner_not_found'
  | 'owner_ambiguous'
  | 'owner_matched'
  | 'owner_chosen'
  | 'owner_registered'
  | 'inspection_data'
  | 'dismissed'
  | 'register_refused'
  | 'register_pending';

export const SOURCE_LABELS: Readonly<Record<ForwardedSource, string>> = {
  kei_inspection_association: '軽自動車検査協会',
  transport_bureau: '運輸支局',
};

export const DECLARATION_TYPE_LABELS: Readonly<Record<DeclarationType, string>> = {
  new_registration: '新規',
  owner_change: '名義変更',
  deregistration: '廃車',
  change: '変更',
};

export const RECORD_KIND_LABELS: Readonly<Record<RecordKind, string>> = { declaration: '申告', inspection: '検査情報' };

export const STATUS_LABELS: Readonly<Record<RecordStatus, string>> = { open: '確認待ち', applied: '反映済み', dismissed: '対象外' };

export const REASON_LABELS: Readonly<Record<ReasonCode, string>> = {
  owner_not_found: '基本4情報で所有者が見つかりません',
  owner_ambiguous: '所有者の候補が一つに決まりません(一致しない項目または候補が複数)',
  owner_matched: '基本4情報で所有者を特定しました',
  owner_chosen: '職員が所有者を指定しました',
  owner_registered: '職員が所有者を住登外者として登録しました',
  inspection_data: '検査情報(所有者の特定は不要)',
  dismissed: '職員が対象外にしました',
  register_refused: '車両台帳が受け付けませんでした(理由を確認し、台帳を直してから反映してください)',
  register_pending: '台帳への反映前に取り込んだデータです(反映すると台帳に書き込みます)',
};

/**
 * The classes whose declarations are forwarded (migrations/0005 vehicle_class.declared_at), by
 * the label the files write, with the office that forwards them: a record naming a class the
 * other office declares is refused.
 */
export const FORWARDED_CLASSES: Readonly<Record<string, { vehicleClassCode: string; source: ForwardedSource; wheels: number }>> = {
  軽三輪: { vehicleClassCode: 'kei_three_wheel', source: 'kei_inspection_association', wheels: 3 },
  軽四輪乗用営業用: { vehicleClassCode: 'kei_four_wheel_passenger_commercial', source: 'kei_inspection_association', wheels: 4 },
  軽四輪乗用自家用: { vehicleClassCode: 'kei_four_wheel_passenger_private', source: 'kei_inspection_association', wheels: 4 },
  軽四輪貨物営業用: { vehicleClassCode: 'kei_four_wheel_cargo_commercial', source: 'kei_inspection_association', wheels: 4 },
  軽四輪貨物自家用: { vehicleClassCode: 'kei_four_wheel_cargo_private', source: 'kei_inspection_association', wheels: 4 },
  軽二輪: { vehicleClassCode: 'kei_two_wheel', source: 'transport_bureau', wheels: 2 },
  小型二輪: { vehicleClassCode: 'small_two_wheeler', source: 'transport_bureau', wheels: 2 },
};

/** The wheels of a forwarded class, which the register keeps for the tax engine. */
export function wheelsOf(vehicleClassCode: string): number | undefined {
  return Object.values(FORWARDED_CLASSES).find((forwarded) => forwarded.vehicleClassCode === vehicleClassCode)?.wheels;
}

/**
 * 車両番号 as forwarded files and certificates write it (越谷 580 あ 12-34) in the register's
 * three parts: the transport office's name, the class number with its kana, the serial.
 */
export function plateParts(plate: string): { platePart1: string; platePart2: string; platePart3: string } {
  const words = plate.normalize('NFKC').trim().split(/\s+/);
  return { platePart1: words[0] ?? '', platePart2: words.slice(1, -1).join(' '), platePart3: words.length > 1 ? (words.at(-1) ?? '') : '' };
}

/** 燃料の種類 as 車検証 and the forwarded files write it → the register's fuel_type_code. */
export const FUEL_TYPES: Readonly<Record<string, FuelType>> = {
  ガソリン: 'gasoline',
  軽油: 'diesel',
  LPG: 'lpg',
  電気: 'electric',
  燃料電池: 'fuel_cell',
  CNG: 'natural_gas',
  メタノール: 'methanol',
  混合メタノール: 'mixed_methanol',
  'ガソリン・電気': 'hybrid_gasoline',
  ハイブリッド: 'hybrid_other',
  その他: 'other',
};
export type FuelType = 'gasoline' | 'diesel' | 'lpg' | 'electric' | 'fuel_cell' | 'natural_gas' | 'methanol' | 'mixed_methanol' | 'hybrid_gasoline' | 'hybrid_other' | 'other';

/** A person or body as a forwarded record names it: the four basic items, as far as it gives them. */
export interface ForwardedPerson {
  nameKanji: string;
  nameKana: string | null;
  sexCode: '1' | '2' | null;
  birthDate: string | null;
  address: string;
  postalCode: string | null;
}

/** The vehicle's items a record carries, each null where the record does not say. */
export interface ForwardedVehicle {
  vehicleClassCode: string | null;
  /** 車両番号 as written on the plate, e.g. 越谷 580 あ 12-34. */
  plate: string | null;
  chassisNo: string;
  makeName: string | null;
  modelDesignation: string | null;
  engineModel: string | null;
  displacementCc: number | null;
  ratedOutputKw: number | null;
  fuelTypeCode: FuelType | null;
  /** YYYY-MM, or YYYY where only the year is known (平成26年改正法附則第14条第2項: counted as December). */
  firstInspection: string | null;
  fuelEfficiency2020Pct: number | null;
  fuelEfficiency2030Pct: number | null;
  lowEmission4star: boolean | null;
}

/**
 * One forwarded record, checked and normalised, whatever layout it came in: what every
 * ForwardedDataParser returns and what the review queue keeps. rowNo is the line of the file
 * (the header being line 1) or the parser's own record number.
 */
export interface ForwardedRecord {
  rowNo: number;
  source: ForwardedSource;
  kind: RecordKind;
  /** For a declaration only. */
  declarationType: DeclarationType | null;
  /** 異動日 of a declaration, 検査日 of inspection data. */
  eventDate: string;
  receivedDate: string | null;
  vehicle: ForwardedVehicle;
  /** The owner a declaration names (the new owner of a 名義変更); null for inspection data. */
  declaredOwner: ForwardedPerson | null;
  vehicleUser: ForwardedPerson | null;
  /** 使用の本拠の位置: where the vehicle is kept. */
  storagePlace: string | null;
}

/** An import as the list of recent imports shows it: who, when, and what became of each record. */
export const importRecordResponse = z.object({
  importId: z.string(),
  fileName: z.string(),
  encoding: z.enum(['utf-8', 'shift_jis']),
  parserId: z.string(),
  importedAt: z.string(),
  staffNo: z.string().nullable(),
  recordCount: z.number(),
  applied: z.number().describe('車両台帳に反映した件数'),
  queued: z.number().describe('確認待ちに回した件数'),
  alreadyTaken: z.number().describe('取込み済みのため何もしなかった件数'),
  invalid: z.number().describe('内容に誤りがあり取り込まなかった件数'),
  problems: z.array(cellProblemSchema),
});
export type ImportRecord = z.infer<typeof importRecordResponse>;

/** What importing a file answers, to the clerk who imported it. */
export const importReportResponse = importRecordResponse.omit({ importedAt: true, staffNo: true });
export type ImportReport = z.infer<typeof importReportResponse>;

const personResponse = z.object({
  nameKanji: z.string(),
  nameKana: z.string().nullable(),
  sexCode: z.enum(['1', '2']).nullable(),
  birthDate: z.string().nullable(),
  address: z.string(),
  postalCode: z.string().nullable(),
});

/** Why the vehicle register refused a record, in its own words. */
export const registerRefusal = z.object({ detail: z.string(), errors: z.array(z.object({ field: z.string(), message: z.string() })) });
export type RegisterRefusal = z.infer<typeof registerRefusal>;

/** What a record's reason keeps: the candidates and differing items of an owner match, or the register's refusal — never personal values. */
export interface ReasonDetail {
  differing?: string[];
  candidates?: string[];
  refusal?: RegisterRefusal;
}

/** A record taken, as the review screen lists it. */
export const takenRecordResponse = z.object({
  recordId: z.string(),
  importId: z.string(),
  rowNo: z.number(),
  source: z.enum(['kei_inspection_association', 'transport_bureau']),
  recordKind: z.enum(['declaration', 'inspection']),
  declarationType: z.enum(['new_registration', 'owner_change', 'deregistration', 'change']).nullable(),
  eventDate: z.string(),
  chassisNo: z.string(),
  plate: z.string().nullable(),
  owner: personResponse.nullable(),
  status: z.enum(['open', 'applied', 'dismissed']),
  reasonCode: z.string(),
  reasonDetail: z.object({ differing: z.array(z.string()).optional(), candidates: z.array(z.string()).optional(), refusal: registerRefusal.optional() }),
  appliedDeclarationNo: z.string().nullable().describe('反映した車両の申告書番号'),
  appliedGeneration: z.number().nullable(),
  appliedAt: z.string().nullable(),
  ownerAddresseeNo: z.string().nullable(),
  takenAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByStaffNo: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});
export type TakenRecordView = z.infer<typeof takenRecordResponse>;

const comparedValue = z.union([z.string(), z.number()]).nullable();

/** A 車検証閲覧アプリ file beside a vehicle's record: each item, register value and certificate value. */
export const certificateComparisonResponse = z.object({
  certificateNo: z.string().describe('電子車検証の管理番号'),
  declarationNo: z.string(),
  generation: z.number().describe('比較した台帳の世代'),
  items: z.array(z.object({ item: z.string(), label: z.string(), registerValue: comparedValue, certificateValue: comparedValue, differs: z.boolean() })),
  /** People are compared for the clerk to see; a different owner is a 名義変更 declaration, not an item to confirm. */
  people: z.array(
    z.object({
      role: z.enum(['owner', 'vehicleUser']),
      label: z.string(),
      register: z.object({ name: z.string(), address: z.string() }).nullable(),
      certificate: z.object({ name: z.string(), address: z.string() }).nullable(),
      differs: z.boolean(),
    }),
  ),
  storagePlace: z.string().nullable().describe('車検証の使用の本拠の位置(使用者の住所と同じときは空)'),
});
export type CertificateComparison = z.infer<typeof certificateComparisonResponse>;

/** What applying the confirmed items of a 車検証閲覧アプリ file wrote: the vehicle's new generation. */
export const certificateApplyResponse = z.object({
  declarationNo: z.string(),
  generation: z.number().describe('反映後の世代'),
  applied: z.array(z.string()).describe('反映した項目(日本語名)'),
});
export type CertificateApplyResult = z.infer<typeof certificateApplyResponse>;
