/**
 * @module The vehicle register (軽自テーブル, S1): the shapes its API, screens, certificates and
 * imports share — the code lists with their Japanese labels (the database stores the English
 * code; screens and paper print the label), the declaration number, the record as the API
 * returns it, and the inputs of each counter declaration.
 */
import { z } from 'zod';
import { addresseeNoSchema, registerAddresseeSchema } from '../addressees/model.js';
import { calendarDateSchema, yearMonthSchema } from '../shared/date-schema.js';
import { choice, codeText, halfWidthNumber, integer, text, TEXT_LIMITS } from '../shared/text.js';
import { FUEL_LABEL } from '../tax-rules/model.js';

export const REGISTRATION_REASONS = {
  new: '新規',
  transfer: '譲受',
  moved_in: '転入',
  other: 'その他',
} as const;

export const DEREGISTRATION_REASONS = {
  scrapped: '廃棄',
  transferred: '譲渡',
  moved_out: '転出',
  stolen: '盗難',
  ex_officio: '職権',
  other: 'その他',
} as const;

export const CHANGE_REASONS = {
  owner_change: '名義変更',
  address_change: '住所変更',
  storage_change: '定置場変更',
  plate_reissue: '標識再交付',
  class_change: '車種変更',
  tax_stop: '税止め',
  correction: '訂正',
  entry_change: '記載変更(回送データ)',
  inspection_data: '検査情報',
  certificate_check: '車検証による訂正',
} as const;

export const PLATE_RETURNS = {
  returned: '返納',
  lost: '亡失',
  stolen: '盗難',
  not_returned: '未返納',
  other_city: '他市町村へ',
} as const;

export const DECLARATION_CHANNELS = {
  counter: '窓口',
  post: '郵送',
  other_city_copy: '他市町村の申告書写し',
  ex_officio: '職権',
  forwarded: '回送データ',
} as const;

export const TAXATION_CODES = { taxable: '課税', non_taxable: '非課税', reduced: '減免', tax_hold: '課税保留' } as const;
export const TAX_HOLD_REASONS = { whereabouts_unknown: '所在不明', theft: '盗難', disaster: '災害', bankruptcy: '破産', other: 'その他' } as const;
export const REMARK_METHODS = { counter: '窓口', phone: '電話', mail: '郵送', visit: '訪問', internal: '庁内', other: 'その他' } as const;
export const PLATE_REISSUE_REASONS = { lost: '亡失', damaged: 'き損', stolen: '盗難' } as const;

export type RegistrationReason = keyof typeof REGISTRATION_REASONS;
export type DeregistrationReason = keyof typeof DEREGISTRATION_REASONS;
export type ChangeReason = keyof typeof CHANGE_REASONS;
export type PlateReturn = keyof typeof PLATE_RETURNS;
export type DeclarationChannel = keyof typeof DECLARATION_CHANNELS;
export type RemarkMethod = keyof typeof REMARK_METHODS;

/**
 * What a generation is in a vehicle's history: the record in force, one replaced by a later
 * generation, the last generation of a deregistered vehicle, or of one passed to a new owner
 * (名義変更: the new owner's record carries on under its own declaration number).
 */
export const GENERATION_STATES = { current: '現在', superseded: '変更前', deregistered: '廃車', re_titled: '名義変更済' } as const;
export type GenerationState = keyof typeof GENERATION_STATES;

/**
 * 申告書番号: the year and the serial, written `2026-000123`. The serial's first digit(s) name
 * the office's series (docs/vehicle-register.md): six digits, a series being 100,000 numbers.
 */
export interface DeclarationNo {
  year: number;
  serial: number;
}

export const SERIES_SIZE = 100_000;

export function formatDeclarationNo({ year, serial }: DeclarationNo): string {
  return `${year}-${String(serial).padStart(6, '0')}`;
}

/** `2026-000123`, `2026-123`, `２０２６－１２３` → { year: 2026, serial: 123 }; undefined when not a number. */
export function readDeclarationNo(value: string): DeclarationNo | undefined {
  const match = /^([0-9]{4})-([0-9]{1,8})$/.exec(halfWidthNumber(value).replace(/[ー−–‐]/g, '-'));
  if (!match) return undefined;
  const [year, serial] = [Number(match[1]), Number(match[2])];
  return year >= 1950 && year <= 2200 && serial >= 1 && serial <= 99_999_999 ? { year, serial } : undefined;
}

export const declarationNoSchema = codeText('申告書番号', 20)
  .refine((value) => readDeclarationNo(value) !== undefined, '申告書番号は「年-連番」の形で入力してください(例: 2026-000123)')
  .transform((value) => readDeclarationNo(value) as DeclarationNo);

/**
 * 車台番号 as written on the vehicle or its certificate: letters, digits and hyphens, with at
 * least one digit (AF68-1234567, JBH-HA36S-123456), typed in any width and case.
 */
export const chassisNoSchema = codeText('車台番号', 40)
  .transform((value) => value.normalize('NFKC').trim().toUpperCase().replace(/[ー−–‐]/g, '-'))
  .pipe(
    z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9-]{2,23}[A-Z0-9]$/, '車台番号は英大文字・数字・ハイフンで4〜25文字で入力してください(例: AF68-1234567)')
      .refine((value) => /[0-9]/.test(value), '車台番号には数字が含まれます。車台番号を確認してください'),
  );

const platePartText = (label: string) => text({ label, max: 12 }).transform((value) => value.normalize('NFKC').replace(/\s+/g, ' '));

/** 標識 as three parts: issuer (越谷市), class number and kana (あ / 580 あ), serial (1234). */
export const plateSchema = z.object({
  platePart1: platePartText('標識1(交付者)'),
  platePart2: platePartText('標識2(分類・かな)'),
  platePart3: platePartText('標識3(一連番号)').refine((value) => /^[0-9][0-9 -]*$/.test(value), '標識3(一連番号)は数字(とハイフン)で入力してください'),
});

export const PLATE_DESIGNS = { standard: '標準', city_design: '市独自デザイン' } as const;
/** Which plate a counter hands over: one the clerk picked from the stock, or the lowest number in stock of the design. */
const plateChoice = {
  plate: plateSchema.optional(),
  plateDesign: choice('標識のデザイン', PLATE_DESIGNS).default('standard'),
};
export type PlateInput = z.infer<typeof plateSchema>;

const decimal = (label: string, max: number) =>
  z
    .number({ error: `${label}は数値で入力してください` })
    .min(0, `${label}は0以上で入力してください`)
    .max(max, `${label}は${max}以下で入力してください`)
    .meta({ title: label });
const optionalText = (label: string, max: number) => text({ label, max }).nullable().optional();
const optionalCode = (label: string, max: number) =>
  codeText(label, max)
    .transform((value) => value.normalize('NFKC').trim())
    .pipe(z.string().regex(/^[0-9A-Za-z-]*$/, `${label}は英数字とハイフンで入力してください`))
    .nullable()
    .optional();
const percent = (label: string) => integer({ label, min: 0, max: 500 }).nullable().optional();

export const eventDate = (label: string) => calendarDateSchema(label, 'event');

/** What describes the vehicle itself: make, measurements, identification, the engine's inputs. */
export const vehicleParticularsSchema = z.object({
  vehicleClassCode: codeText('車種', 40).regex(/^[a-z0-9_]+$/, '車種を選んでください'),
  chassisNo: chassisNoSchema.nullable().optional(),
  vehicleMakeCode: optionalCode('車名コード', 10),
  vehicleMakeName: optionalText('車名', 40),
  modelDesignation: optionalText('型式', 40),
  modelYear: integer({ label: '年式', min: 1900, max: 2200 }).nullable().optional(),
  modelTypeNo: optionalCode('型式指定番号・類別区分番号', 20),
  engineModel: optionalText('原動機の型式', 40),
  fuelTypeCode: choice('燃料(電気区分)', FUEL_LABEL).nullable().optional(),
  displacementCc: decimal('総排気量(cc)', 99_999).nullable().optional(),
  ratedOutputKw: decimal('定格出力(kW)', 9_999).nullable().optional(),
  maxOutputKw: decimal('最高出力(kW)', 9_999).nullable().optional(),
  wheels: integer({ label: '車輪の数', min: 1, max: 20 }).nullable().optional(),
  cabin: z.boolean().nullable().optional().meta({ title: '車室の有無' }),
  trackWidthCm: decimal('輪距(cm)', 500).nullable().optional(),
  bodyType: choice('車体(乗用・貨物)', { passenger: '乗用', cargo: '貨物' }).nullable().optional(),
  firstInspection: yearMonthSchema('初度検査年月', { yearOnly: true }).nullable().optional(),
  lowEmission4star: z.boolean().optional().meta({ title: '★★★★低排出ガス' }),
  naturalGasEmissionStandard: z.boolean().optional().meta({ title: '天然ガス車の排出ガス基準適合' }),
  fuelEfficiency2015Pct: percent('2015年度燃費基準達成率(%)'),
  fuelEfficiency2020Pct: percent('2020年度燃費基準達成率(%)'),
  fuelEfficiency2030Pct: percent('2030年度燃費基準達成率(%)'),
  towed: z.boolean().optional().meta({ title: '被けん引車' }),
  crimePreventionRegistrationNo: optionalCode('防犯登録番号', 20),
  keiTaxNumber: optionalCode('軽自用課税番号', 20),
});
export type VehicleParticulars = z.infer<typeof vehicleParticularsSchema>;

/** 主たる定置場: the town (住所コード) and the lot within it. */
export const storagePlaceSchema = z.object({
  storageAddressCode: codeText('定置場の住所コード', 12).regex(/^[0-9]{1,12}$/, '定置場の住所コードは12桁以内の数字です'),
  storageBlockNo: optionalText('定置場の番地', 20),
  storageLotNo: optionalText('定置場の号', 20),
  storageLotSubNo: optionalText('定置場の枝番', 20),
});
export type StoragePlaceInput = z.infer<typeof storagePlaceSchema>;

/** The owner: someone the register knows (found by the four basic items), or a non-resident registered on the spot. */
export const ownerSchema = z.union(
  [z.object({ addresseeNo: addresseeNoSchema }), z.object({ newNonResident: registerAddresseeSchema })],
  { error: '所有者は宛名番号で指定するか、住登外者として登録してください' },
);
export type OwnerInput = z.infer<typeof ownerSchema>;

const officeCodeSchema = codeText('受付拠点', 8).regex(/^[0-9A-Z]{1,8}$/, '受付拠点を選んでください');
const remarkText = (label: string) => optionalText(label, 100);
const userFields = {
  vehicleUserKindCode: choice('使用者', { owner: '所有者と同じ', other: '所有者と異なる' }).optional(),
  vehicleUserAddresseeNo: addresseeNoSchema.nullable().optional(),
};

/** Every declaration: where it was received (default: the clerk's own office) and how. */
const declarationFields = {
  officeCode: officeCodeSchema.optional(),
  receivedDate: eventDate('受付日'),
};

/** 新規登録: a vehicle the city's counter registers, its plate issued. */
export const registrationSchema = z.object({
  ...declarationFields,
  owner: ownerSchema,
  ...userFields,
  registrationReasonCode: choice('登録事由', REGISTRATION_REASONS),
  registrationDate: eventDate('登録年月日'),
  registrationRemark1: remarkText('登録備考1'),
  registrationRemark2: remarkText('登録備考2'),
  particulars: vehicleParticularsSchema,
  ...plateChoice,
  storagePlace: storagePlaceSchema,
  /** 他市標識回収: the previous city's plate taken back at this counter. */
  otherCityPlate: z.object({ issuer: text({ label: '標識を交付した市区町村', max: 20 }), plateText: text({ label: '回収した標識', max: 40 }) }).optional(),
  priorYearDeclarationNo: declarationNoSchema.nullable().optional(),
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

/** Every change names the generation the screen showed, so a change made meanwhile is not overwritten. */
const changeFields = {
  ...declarationFields,
  generation: integer({ label: '世代', min: 1, max: 32_767 }),
  changeDate: eventDate('異動年月日'),
};

/** 名義変更: the old owner's record closes; the new owner's opens with its own declaration number. */
export const ownerChangeSchema = z.object({
  ...changeFields,
  newOwner: ownerSchema,
  ...userFields,
  storagePlace: storagePlaceSchema.optional(),
  registrationRemark1: remarkText('登録備考1'),
});
export type OwnerChangeInput = z.infer<typeof ownerChangeSchema>;

/** 廃車: scrapping, transfer out of the city, theft; the plate returned or not. */
export const deregistrationSchema = z.object({
  ...changeFields,
  deregistrationReasonCode: choice('廃車事由', { scrapped: '廃棄', transferred: '譲渡', moved_out: '転出', stolen: '盗難', other: 'その他' }),
  plateReturnCode: choice('標識の返納', PLATE_RETURNS),
  plateReturnedDate: eventDate('標識返納年月日').nullable().optional(),
  deregistrationRemark1: remarkText('廃車備考1'),
  deregistrationRemark2: remarkText('廃車備考2'),
  /** 郵送: the nationwide common form arrived by post; the fee came by postal money order. */
  byPost: z.boolean().optional().meta({ title: '郵送による申告' }),
  postalMoneyOrderNo: optionalCode('定額小為替の番号', 20),
});
export type DeregistrationInput = z.infer<typeof deregistrationSchema>;

/** 職権廃車: the city deregisters on its own findings, recorded with the investigation. */
export const exOfficioDeregistrationSchema = z.object({
  ...changeFields,
  investigation: text({ label: '調査の記録', max: 1000, multiline: true }),
  plateReturnCode: choice('標識の返納', { not_returned: PLATE_RETURNS.not_returned, lost: PLATE_RETURNS.lost, returned: PLATE_RETURNS.returned }),
});
export type ExOfficioDeregistrationInput = z.infer<typeof exOfficioDeregistrationSchema>;

/** 税止め: another city's copy of the declaration shows the vehicle kept there now. */
export const taxStopSchema = z.object({
  ...changeFields,
  otherCityName: text({ label: '転出先の市区町村', max: 40 }),
  otherCityDeclarationNo: optionalCode('転出先の申告書番号', 30),
});
export type TaxStopInput = z.infer<typeof taxStopSchema>;

/** 定置場・住所の変更. */
export const storageChangeSchema = z.object({ ...changeFields, storagePlace: storagePlaceSchema, reason: choice('異動事由', { storage_change: '定置場変更', address_change: '住所変更' }) });
export type StorageChangeInput = z.infer<typeof storageChangeSchema>;

/** 車種変更 (a bore-up, a conversion): the new class and what the engine needs to judge it. */
export const classChangeSchema = z.object({ ...changeFields, particulars: vehicleParticularsSchema, ...plateChoice });
export type ClassChangeInput = z.infer<typeof classChangeSchema>;

/** 標識再交付: a lost, damaged or stolen plate replaced by a new one (and a compensation slip). */
export const plateReissueSchema = z.object({
  ...changeFields,
  reissueReason: choice('再交付の理由', PLATE_REISSUE_REASONS),
  ...plateChoice,
  theftReportShown: z.boolean().optional().meta({ title: '盗難届の提示' }),
});
export type PlateReissueInput = z.infer<typeof plateReissueSchema>;

/**
 * A new generation with changed particulars that is not a 車種変更 at the counter: a forwarded
 * 変更 (記載変更), the kei inspection data, or the items a clerk confirmed from a
 * 車検証閲覧アプリ file. Only the items named change; a kei class may change to another kei class.
 */
export interface ParticularsAmendment {
  generation: number;
  changeDate: string;
  receivedDate: string;
  reason: 'entry_change' | 'inspection_data' | 'certificate_check';
  particulars: Partial<VehicleParticulars>;
  plate?: PlateInput | undefined;
}

/** A declaration made at 軽自動車検査協会 or 運輸支局 and forwarded to the city (seed I.1②): its plate issued there, its owner known. */
export interface ForwardedRegistrationInput {
  ownerAddresseeNo: string;
  registrationDate: string;
  receivedDate: string;
  particulars: VehicleParticulars;
  plate: PlateInput;
  registrationRemark1: string | null;
}

/** 削除 to correct an error: the whole record moves to the deletion table, with why. */
export const deletionSchema = z.object({ reason: text({ label: '削除の理由', max: TEXT_LIMITS.reason }) });
export const restorationSchema = z.object({ reason: text({ label: '復元の理由', max: TEXT_LIMITS.reason }) });

/** 備考履歴: one dated exchange with the taxpayer. */
export const remarkSchema = z.object({
  remarkDate: eventDate('備考年月日'),
  body: text({ label: '備考', max: 1000, multiline: true }),
  methodCode: choice('方法', REMARK_METHODS),
});
export type RemarkInput = z.infer<typeof remarkSchema>;
export const remarkEditSchema = remarkSchema.extend({
  updatedAt: codeText('表示時の更新日時', 40).refine((value) => !Number.isNaN(Date.parse(value)), '表示時の更新日時が読めません。画面を開き直してください'),
});
export type RemarkEditInput = z.infer<typeof remarkEditSchema>;

/**
 * Search as clerks search: any one of plate (any part, spaced or not, any width), chassis
 * number (its beginning or its last characters), owner name or kana, declaration number, owner's
 * addressee number. Values arrive in a POST body so they stay out of URLs and logs.
 */
export const vehicleSearchSchema = z
  .object({
    plate: text({ label: '標識番号', max: 40, required: false }).optional(),
    chassisNo: text({ label: '車台番号', max: 40, required: false }).optional(),
    ownerName: text({ label: '所有者の氏名・カナ', max: TEXT_LIMITS.name, required: false }).optional(),
    declarationNo: text({ label: '申告書番号', max: 20, required: false })
      .optional()
      .refine((value) => !value || readDeclarationNo(value) !== undefined, '申告書番号は「年-連番」の形で入力してください(例: 2026-000123)'),
    addresseeNo: text({ label: '宛名番号', max: 20, required: false })
      .optional()
      .refine((value) => !value || /^[0-9]{1,15}$/.test(halfWidthNumber(value)), '宛名番号は数字で入力してください'),
    includeDeregistered: z.boolean().default(true),
    limit: integer({ label: '件数', min: 1, max: 200 }).default(50),
  })
  .refine((value) => Boolean(value.plate || value.chassisNo || value.ownerName || value.declarationNo || value.addresseeNo), {
    message: '標識番号・車台番号・所有者・申告書番号・宛名番号のいずれかを入力してください',
    path: ['plate'],
  });
export type VehicleSearchInput = z.infer<typeof vehicleSearchSchema>;

const nullableString = z.string().nullable();
const nullableNumber = z.number().nullable();

/** One generation of a vehicle record (all 73 items of 軽自テーブル and the engine's inputs), as the API returns it. */
export const vehicleRecordResponse = z.object({
  declarationNo: z.string().describe('申告書番号(年-連番)'),
  declarationYear: z.number(),
  declarationSerial: z.number(),
  deregistrationDeclarationNo: nullableString,
  vehicleClassCode: z.string(),
  platePart1: nullableString,
  platePart2: nullableString,
  platePart3: nullableString,
  generation: z.number(),
  ownerAddresseeNo: z.string(),
  registrationReasonCode: nullableString,
  registrationRemark1: nullableString,
  registrationRemark2: nullableString,
  registrationDate: nullableString,
  registrationReceivedDate: nullableString,
  deregistrationReasonCode: nullableString,
  deregistrationRemark1: nullableString,
  deregistrationRemark2: nullableString,
  deregistrationDate: nullableString,
  deregistrationReceivedDate: nullableString,
  plateReturnCode: nullableString,
  plateReturnedDate: nullableString,
  vehicleMakeCode: nullableString,
  vehicleMakeName: nullableString,
  fuelTypeCode: nullableString,
  displacementCc: nullableNumber,
  ratedOutputKw: nullableNumber,
  maxOutputKw: nullableNumber,
  chassisNo: nullableString,
  modelDesignation: nullableString,
  modelYear: nullableNumber,
  modelTypeNo: nullableString,
  taxationCode: z.string(),
  taxHoldReasonCode: nullableString,
  taxationRemark: nullableString,
  nonTaxableStartDate: nullableString,
  nonTaxableEndDate: nullableString,
  previousTaxationCode: nullableString,
  previousOwnerAddresseeNo: nullableString,
  previousOwnerDeclarationNo: nullableString,
  newOwnerAddresseeNo: nullableString,
  newOwnerDeclarationNo: nullableString,
  previousPlatePart1: nullableString,
  previousPlatePart2: nullableString,
  previousPlatePart3: nullableString,
  previousVehicleClassCode: nullableString,
  crimePreventionRegistrationNo: nullableString,
  storageAddressCode: nullableString,
  storageBlockNo: nullableString,
  storageLotNo: nullableString,
  storageLotSubNo: nullableString,
  changeReasonCode: nullableString,
  changeDate: nullableString,
  priorYearDeclarationNo: nullableString,
  staffNo: nullableString,
  vehicleUserKindCode: nullableString,
  vehicleUserAddresseeNo: nullableString,
  storagePostcardStopped: z.boolean(),
  accountTransferStopped: z.boolean(),
  recordCreatedAt: z.string(),
  engineModel: nullableString,
  otherCityPlateRecoveryCode: nullableString,
  otherCityPlateRecoveryNo: nullableString,
  keiTaxNumber: nullableString,
  registrationOfficeCode: nullableString,
  changeOfficeCode: nullableString,
  certificateRestricted: z.boolean(),
  changeRestricted: z.boolean(),
  vehicleClassChangedDate: nullableString,
  classBeforeChangeCode: nullableString,
  firstInspection: nullableString,
  lowEmission4star: z.boolean(),
  fuelEfficiency2015Pct: nullableNumber,
  fuelEfficiency2020Pct: nullableNumber,
  fuelEfficiency2030Pct: nullableNumber,
  towed: z.boolean(),
  supersededAt: nullableString,
  wheels: nullableNumber,
  naturalGasEmissionStandard: z.boolean(),
  bodyType: nullableString,
  cabin: z.boolean().nullable(),
  trackWidthCm: nullableNumber,
  declarationChannel: z.string(),
  exOfficioInvestigation: nullableString,
  state: z.enum(['current', 'superseded', 'deregistered', 're_titled']),
});
export type VehicleRecord = z.infer<typeof vehicleRecordResponse>;

/** A person on a record, as a clerk needs to see them: number, name, kana, address. */
export const personDisplay = z.object({
  addresseeNo: z.string(),
  kind: z.enum(['resident', 'non_resident', 'corporation']),
  nameKanji: z.string(),
  nameKana: z.string(),
  address: z.string(),
  postalCode: nullableString,
});
export type PersonDisplay = z.infer<typeof personDisplay>;

/** The class of a record with what a history view colours it by. */
export const vehicleClassDisplay = z.object({ code: z.string(), nameJa: z.string(), displayColour: z.string(), taxClass: z.string() });
export type VehicleClassDisplay = z.infer<typeof vehicleClassDisplay>;

/** The current generation of a vehicle with its owner, user, class and offices for display. */
export const currentVehicleResponse = vehicleRecordResponse.extend({
  owner: personDisplay,
  vehicleUser: personDisplay.nullable(),
  vehicleClass: vehicleClassDisplay,
  registrationOfficeName: nullableString,
  changeOfficeName: nullableString,
  staffName: nullableString,
});
export type CurrentVehicle = z.infer<typeof currentVehicleResponse>;

/** One row of a vehicle's or an owner's history: a generation, its state, class colour and label. */
export const historyRowResponse = z.object({
  declarationNo: z.string(),
  generation: z.number(),
  state: z.enum(['current', 'superseded', 'deregistered', 're_titled']),
  stateLabel: z.string(),
  vehicleClass: vehicleClassDisplay,
  plate: z.string(),
  chassisNo: nullableString,
  ownerAddresseeNo: z.string(),
  ownerName: z.string(),
  eventLabel: z.string().describe('この世代を作った申告(新規登録・名義変更・廃車 など)'),
  eventDate: nullableString,
  officeName: nullableString,
  staffNo: nullableString,
  staffName: nullableString,
  recordedAt: z.string(),
  previousOwnerDeclarationNo: nullableString,
  newOwnerDeclarationNo: nullableString,
});
export type HistoryRow = z.infer<typeof historyRowResponse>;

/** What the vehicle owes this fiscal year, from the tax-rule engine. */
export const taxOwedResponse = z.union([
  z.object({
    fiscalYear: z.number(),
    amount: z.number(),
    rateCase: z.string(),
    rateCaseLabel: z.string(),
    explanation: z.string(),
    citations: z.array(z.string()),
    cautions: z.array(z.string()),
  }),
  z.object({ fiscalYear: z.number(), notComputed: z.string().describe('計算できない理由') }),
]);
export type TaxOwed = z.infer<typeof taxOwedResponse>;

export const remarkResponse = z.object({
  remarkNo: z.number(),
  remarkDate: z.string(),
  body: z.string(),
  methodCode: nullableString,
  firstStaffNo: z.string(),
  firstStaffName: z.string(),
  lastUpdatedStaffNo: z.string(),
  lastUpdatedStaffName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RemarkView = z.infer<typeof remarkResponse>;

/** GET /vehicles/:declarationNo: the current record, its history, what it owes, its remarks. */
export const vehicleDetailResponse = z.object({
  vehicle: currentVehicleResponse,
  history: z.array(historyRowResponse),
  taxOwed: taxOwedResponse,
  remarks: z.array(remarkResponse),
});
export type VehicleDetail = z.infer<typeof vehicleDetailResponse>;

/** What a declaration answers: the record it wrote (and, for an owner change, the old one closed). */
export const declarationResultResponse = z.object({
  declarationNo: z.string(),
  generation: z.number(),
  ownerAddresseeNo: z.string(),
  closedDeclarationNo: z.string().optional().describe('名義変更で閉じた旧所有者の申告書番号'),
});
export type DeclarationResult = z.infer<typeof declarationResultResponse>;

export const vehicleSearchResponse = z.object({
  hits: z.array(
    z.object({
      declarationNo: z.string(),
      generation: z.number(),
      state: z.enum(['current', 'superseded', 'deregistered', 're_titled']),
      vehicleClass: vehicleClassDisplay,
      plate: z.string(),
      chassisNo: nullableString,
      ownerAddresseeNo: z.string(),
      ownerName: z.string(),
    }),
  ),
  truncated: z.boolean(),
});
export type VehicleSearchResult = z.infer<typeof vehicleSearchResponse>;

export const deletedVehicleResponse = z.object({
  declarationNo: z.string(),
  generations: z.number(),
  deletedAt: z.string(),
  deletedByStaffNo: z.string(),
  deletionReason: z.string(),
  vehicleClassCode: z.string(),
  plate: z.string(),
  chassisNo: nullableString,
  ownerAddresseeNo: z.string(),
});
export type DeletedVehicle = z.infer<typeof deletedVehicleResponse>;

/** The plate as one line: 越谷市 あ 1234. */
export function plateText(parts: { platePart1: string | null; platePart2: string | null; platePart3: string | null }): string {
  return [parts.platePart1, parts.platePart2, parts.platePart3].filter(Boolean).join(' ');
}

/** Japanese names of the fields, for messages. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  chassisNo: '車台番号',
  plate: '標識',
  registrationDate: '登録年月日',
  receivedDate: '受付日',
  changeDate: '異動年月日',
  deregistrationDate: '廃車年月日',
  plateReturnedDate: '標識返納年月日',
  vehicleClassCode: '車種',
  displacementCc: '総排気量',
  ratedOutputKw: '定格出力',
  wheels: '車輪の数',
  firstInspection: '初度検査年月',
  fuelTypeCode: '燃料',
  storageAddressCode: '定置場の住所コード',
  officeCode: '受付拠点',
};

/** The text colour of history rows; every background below and every class colour keeps ≥ 4.5:1 with it. */
export const HISTORY_TEXT_COLOUR = '#1a1a1a';
/** Backgrounds of the generations that ended a record, distinct from every class's colour (seed S1 (3)). */
export const STATE_BACKGROUNDS: Readonly<Partial<Record<GenerationState, string>>> = { deregistered: '#d6d6d6', re_titled: '#fbdcae' };

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
