/**
 * @module The electronic inspection certificate (電子車検証) at the counter. Since 2023 (kei:
 * 2024) the card no longer shows the owner, the user or where the vehicle is kept; owners bring
 * the 車検証閲覧アプリ's JSON export instead (docs/forwarded-data.md, docs/examples/). Pure:
 * reads the file, names what is wrong with it in Japanese, and compares it item by item with a
 * kei vehicle's record, so that a clerk confirms each difference before anything changes.
 */
import { z } from 'zod';
import { storedNameKanji } from '../addressees/model.js';
import { Problem, type FieldError } from '../server/problem.js';
import { readYearMonth } from '../shared/era.js';
import { halfWidthNumber, text, TEXT_LIMITS } from '../shared/text.js';
import { FUEL_TYPES, type ForwardedVehicle, type FuelType } from './model.js';
import { chassisNoSchema } from './parser.js';

/** The vehicle's items a certificate and the register both hold, by the register's names (the chassis number may be missing on a record). */
export type CertificateItems = Omit<ForwardedVehicle, 'chassisNo' | 'fuelEfficiency2020Pct' | 'fuelEfficiency2030Pct' | 'lowEmission4star'> & { chassisNo: string | null };
export type CertificateItem = keyof CertificateItems;
/** The items a clerk may confirm: every item but the chassis number, which names the vehicle. */
export const CONFIRMABLE_ITEMS = ['plate', 'vehicleClassCode', 'makeName', 'modelDesignation', 'engineModel', 'displacementCc', 'ratedOutputKw', 'fuelTypeCode', 'firstInspection'] as const satisfies readonly CertificateItem[];
export type ConfirmableItem = (typeof CONFIRMABLE_ITEMS)[number];

export const CERTIFICATE_ITEM_LABELS: Readonly<Record<CertificateItem, string>> = {
  plate: '車両番号',
  chassisNo: '車台番号',
  vehicleClassCode: '車種',
  makeName: '車名',
  modelDesignation: '型式',
  engineModel: '原動機の型式',
  displacementCc: '総排気量(cc)',
  ratedOutputKw: '定格出力(kW)',
  fuelTypeCode: '燃料の種類',
  firstInspection: '初度検査年月',
};

export interface CertificatePerson {
  name: string;
  address: string;
}

export interface InspectionCertificate {
  /** 電子車検証の管理番号 (ElectCertMgNo). */
  certificateNo: string;
  items: CertificateItems & { chassisNo: string };
  certifiedOwner: CertificatePerson | null;
  /** Null where the certificate writes *** (the user is the owner). */
  vehicleUser: CertificatePerson | null;
  /** 使用の本拠の位置; null where it is the user's address. */
  storagePlace: string | null;
}

/** 車検証 writes a kei vehicle's use and its private or business use; the register's class follows. */
const KEI_CLASSES: Readonly<Record<string, string>> = {
  '乗用/自家用': 'kei_four_wheel_passenger_private',
  '乗用/事業用': 'kei_four_wheel_passenger_commercial',
  '貨物/自家用': 'kei_four_wheel_cargo_private',
  '貨物/事業用': 'kei_four_wheel_cargo_commercial',
};

/** Where the certificate says "the same as above" (同上): the app writes asterisks. */
const SAME_AS_ABOVE = /^[*＊]+$/;

const FIELD_TEXT = {
  EntryNoCarNo: text({ label: '車両番号(EntryNoCarNo)', max: 30 }),
  CarName: text({ label: '車名(CarName)', max: 60 }),
  Model: text({ label: '型式(Model)', max: 40 }),
  EngineModel: text({ label: '原動機の型式(EngineModel)', max: 40 }),
  OwnerName: text({ label: '所有者の氏名又は名称(Ownername)', max: TEXT_LIMITS.name }),
  OwnerAddress: text({ label: '所有者の住所(OwnerAddress)', max: TEXT_LIMITS.address }),
  UserName: text({ label: '使用者の氏名又は名称(Username)', max: TEXT_LIMITS.name }),
  UserAddress: text({ label: '使用者の住所(UserAddress)', max: TEXT_LIMITS.address }),
  Useheadqrter: text({ label: '使用の本拠の位置(Useheadqrter)', max: TEXT_LIMITS.address }),
} as const;

const MAX_FILE_BYTES = 256 * 1024;

/** The app's fields are strings, often padded with spaces (era years arrive as " 8"). */
const field = (info: Record<string, unknown>, name: string): string => (typeof info[name] === 'string' ? (info[name] as string).replace(/^[\s\u3000]+|[\s\u3000]+$/g, '') : '');

/** Reads a 車検証閲覧アプリ export; a file that is not one, or holds a wrong item, is a Problem naming the field in Japanese. */
export function readCertificateFile(bytes: Uint8Array): InspectionCertificate {
  if (bytes.length > MAX_FILE_BYTES) throw Problem.validation([{ field: 'file', message: '車検証のファイルとしては大きすぎます' }], '車検証閲覧アプリで出力した JSON ファイルを選んでください。');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw Problem.validation([{ field: 'file', message: 'JSON として読めません' }], '車検証閲覧アプリで出力した JSON ファイル(UTF-8)を選んでください。PDF や画像は読めません。');
  }
  const wrapper = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const info = (wrapper.CertInfo && typeof wrapper.CertInfo === 'object' ? wrapper.CertInfo : wrapper) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const wrong = (name: string, message: string) => errors.push({ field: `CertInfo.${name}`, message });
  const checked = (name: keyof typeof FIELD_TEXT, value: string): string => {
    const result = FIELD_TEXT[name].safeParse(value);
    if (!result.success) wrong(name, result.error.issues[0]?.message ?? '');
    return result.success ? result.data : '';
  };

  const certificateNo = field(info, 'ElectCertMgNo');
  if (!/^[0-9]{12,13}$/.test(halfWidthNumber(certificateNo))) wrong('ElectCertMgNo', certificateNo ? '電子車検証の管理番号(ElectCertMgNo)は12〜13桁の数字です' : '電子車検証の管理番号(ElectCertMgNo)がありません');
  const chassis = chassisNoSchema.safeParse(field(info, 'CarNo'));
  if (!chassis.success) wrong('CarNo', field(info, 'CarNo') ? `車台番号(CarNo): ${chassis.error.issues[0]?.message ?? ''}` : '車台番号(CarNo)がありません');
  if (field(info, 'CarKind') && field(info, 'CarKind') !== '軽自動車') wrong('CarKind', `軽自動車の車検証ではありません(自動車の種別: ${field(info, 'CarKind')})`);
  const vehicleClassCode = KEI_CLASSES[`${field(info, 'Use')}/${field(info, 'PrivateBusiness')}`] ?? null;
  if (field(info, 'Use') && !vehicleClassCode) wrong('Use', '用途(Use)・自家用事業用の別(PrivateBusiness)は 乗用・貨物 と 自家用・事業用 です');
  const firstInspection = readFirstInspection(info, wrong);
  const fuelTypeCode = field(info, 'FuelClass') ? (FUEL_TYPES[field(info, 'FuelClass').normalize('NFKC')] ?? null) : null;
  if (field(info, 'FuelClass') && !fuelTypeCode) wrong('FuelClass', `燃料の種類(FuelClass)は ${Object.keys(FUEL_TYPES).join('・')} のいずれかです`);
  const size = readDisplacement(field(info, 'Displacement'), fuelTypeCode, wrong);

  const plate = field(info, 'EntryNoCarNo') ? checked('EntryNoCarNo', field(info, 'EntryNoCarNo').normalize('NFKC').replace(/\s+/g, ' ')) : null;
  const optional = (name: 'CarName' | 'Model' | 'EngineModel') => (field(info, name) ? checked(name, field(info, name)) : null);
  const person = (name: string, address: string, labels: ['OwnerName' | 'UserName', 'OwnerAddress' | 'UserAddress']): CertificatePerson | null => {
    if (!name || SAME_AS_ABOVE.test(name)) return null;
    return { name: storedNameKanji(checked(labels[0], name)), address: checked(labels[1], address) };
  };
  const nameOf = (prefix: 'Owner' | 'User') => field(info, `${prefix}nameHighLevelChar`) || field(info, `${prefix}nameLowLevelChar`);
  const addressOf = (prefix: 'Owner' | 'User') => `${field(info, `${prefix}AddressChar`)}${field(info, `${prefix}AddressNumValue`)}`;
  const owner = person(nameOf('Owner'), addressOf('Owner'), ['OwnerName', 'OwnerAddress']);
  const vehicleUser = person(nameOf('User'), addressOf('User'), ['UserName', 'UserAddress']);
  const headquarters = `${field(info, 'UseheadqrterChar')}${field(info, 'UseheadqrterNumValue')}`;
  const storagePlace = headquarters && !SAME_AS_ABOVE.test(field(info, 'UseheadqrterChar')) ? checked('Useheadqrter', headquarters) : null;

  if (errors.length > 0 || !chassis.success) throw Problem.validation(errors, '車検証のファイルに読めない項目があります。示された項目を確かめ、車検証閲覧アプリで出力し直してください。');
  return {
    certificateNo: halfWidthNumber(certificateNo),
    items: { plate, chassisNo: chassis.data, vehicleClassCode, makeName: optional('CarName'), modelDesignation: optional('Model'), engineModel: optional('EngineModel'), ...size, fuelTypeCode, firstInspection },
    certifiedOwner: owner,
    vehicleUser,
    storagePlace,
  };
}

/** 初度検査年月 as 和暦 parts: FirstregistdateE (令和, or 令 and 和 spaced by an ideographic space), Y (" 8"), M (" 4"); a year alone on older certificates. */
function readFirstInspection(info: Record<string, unknown>, wrong: (name: string, message: string) => void): string | null {
  const [era, year, month] = ['FirstregistdateE', 'FirstregistdateY', 'FirstregistdateM'].map((name) => field(info, name).replace(/[\s\u3000]+/g, ''));
  if (!era && !year) return null;
  const reading = readYearMonth(month ? `${era}${year}年${month}月` : `${era}${year}年`, { yearOnly: true });
  if (!reading.ok) {
    wrong('FirstregistdateY', '初度検査年月(FirstregistdateE・Y・M)が正しくありません');
    return null;
  }
  return reading.value;
}

/**
 * 総排気量又は定格出力: litres as the certificate prints them (0.65 → 650 cc) — or kW for an
 * electric vehicle, whose certificate gives its rated output in the same place.
 */
function readDisplacement(value: string, fuel: FuelType | null, wrong: (name: string, message: string) => void): Pick<CertificateItems, 'displacementCc' | 'ratedOutputKw'> {
  if (!value) return { displacementCc: null, ratedOutputKw: null };
  const number = z.coerce.number().positive().max(9999).safeParse(halfWidthNumber(value).replace(/(L|KW|ℓ)$/i, ''));
  if (!number.success) {
    wrong('Displacement', '総排気量又は定格出力(Displacement)は数値です(例: 0.65)');
    return { displacementCc: null, ratedOutputKw: null };
  }
  return fuel === 'electric' ? { displacementCc: null, ratedOutputKw: number.data } : { displacementCc: Math.round(number.data * 1000), ratedOutputKw: null };
}

export interface ItemComparison {
  item: CertificateItem;
  label: string;
  registerValue: string | number | null;
  certificateValue: string | number | null;
  differs: boolean;
}

const comparable = (value: string | number | null) => (typeof value === 'string' ? value.normalize('NFKC').replace(/[\s-]+/g, '').toUpperCase() : value);

/**
 * Each item side by side, register value beside certificate value. An item the certificate does
 * not give never differs: an empty certificate field clears nothing.
 */
export function compareWithRegister(register: CertificateItems, certificate: InspectionCertificate): ItemComparison[] {
  return (Object.keys(CERTIFICATE_ITEM_LABELS) as CertificateItem[]).map((item) => {
    const registerValue = register[item];
    const certificateValue = certificate.items[item];
    return { item, label: CERTIFICATE_ITEM_LABELS[item], registerValue, certificateValue, differs: certificateValue !== null && comparable(registerValue) !== comparable(certificateValue) };
  });
}

/**
 * The changes a clerk confirmed: only the items they named, each of which must differ (the
 * chassis number cannot: a certificate of another chassis is refused before anything is
 * compared, see sameChassis).
 */
export function confirmedChanges(comparisons: readonly ItemComparison[], confirmed: readonly CertificateItem[]): Partial<CertificateItems> {
  const errors: FieldError[] = [];
  const changes: Partial<CertificateItems> = {};
  for (const item of confirmed) {
    const comparison = comparisons.find((c) => c.item === item);
    if (!comparison?.differs) errors.push({ field: `confirmed.${item}`, message: `${CERTIFICATE_ITEM_LABELS[item]}は台帳と車検証で同じです` });
    else Object.assign(changes, { [item]: comparison.certificateValue });
  }
  if (errors.length > 0) throw Problem.validation(errors, '反映する項目は、台帳と車検証で違う項目から選んでください。');
  return changes;
}

/** A certificate of another vehicle than the record it is compared with. */
export function sameChassis(register: CertificateItems, certificate: InspectionCertificate): boolean {
  return comparable(register.chassisNo) === comparable(certificate.items.chassisNo);
}
