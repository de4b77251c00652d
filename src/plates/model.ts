/**
 * @module 標識 (plates): the vocabulary of the plate inventory and the compensation slips — states,
 * design series, plate numbers, the requests the vehicle register and the screens send, and the
 * answers they receive. Zod schemas with their inferred types, shared by the API and the screens.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../shared/date-schema.js';
import { choice, codeText, halfWidthNumber, integer, text, TEXT_LIMITS } from '../shared/text.js';
import { VEHICLE_CLASS_LABEL } from '../tax-rules/model.js';

/** A calendar date of Japan, `YYYY-MM-DD` (src/shared/dates.ts). */
export type CalendarDate = string;

/** Where a plate is: the states of the inventory (issue 9 item 3). */
export const PLATE_STATES = {
  in_stock: '在庫',
  issued: '交付中',
  returned: '返納済み',
  lost: '亡失',
  stolen: '盗難',
  void: '廃棄',
} as const;
export type PlateState = keyof typeof PLATE_STATES;
export const PLATE_STATE_CODES = Object.keys(PLATE_STATES) as [PlateState, ...PlateState[]];

/**
 * The moves a plate may make. A returned plate may go back into stock or be destroyed; a lost or
 * stolen plate that turns up is handed back (returned); a void plate never moves again.
 */
export const PLATE_TRANSITIONS: Readonly<Record<PlateState, readonly PlateState[]>> = {
  in_stock: ['issued', 'void'],
  issued: ['returned', 'lost', 'stolen'],
  returned: ['in_stock', 'void'],
  lost: ['returned', 'void'],
  stolen: ['returned', 'void'],
  void: [],
};

/** The standard plate, or the city's own design (ご当地ナンバー) where it issues one for the class. */
export const PLATE_DESIGNS = { standard: '標準', city_design: '市独自デザイン' } as const;
export type PlateDesign = keyof typeof PLATE_DESIGNS;

/** How a plate came back at deregistration (軽自テーブル 21 返納区分, without 他市). */
export const PLATE_RETURN_OUTCOMES = { returned: '返納', lost: '亡失', stolen: '盗難', not_returned: '未返納' } as const;
export type PlateReturnOutcome = keyof typeof PLATE_RETURN_OUTCOMES;

/** Why a plate is replaced and a compensation slip (弁償金納付書) made. */
export const COMPENSATION_REASONS = { lost: '亡失', damaged: 'き損', stolen: '盗難' } as const;
export type CompensationReason = keyof typeof COMPENSATION_REASONS;

/** The classes declared at the city's counter (vehicle_class.declared_at = 'city'): the city issues their plates. */
export const PLATE_CLASS_CODES = ['moped_class1', 'moped_class2_otsu', 'moped_class2_ko', 'minicar', 'small_special_farm', 'small_special_other'] as const;
export type PlateClassCode = (typeof PLATE_CLASS_CODES)[number];
export const PLATE_CLASSES = Object.fromEntries(PLATE_CLASS_CODES.map((code) => [code, VEHICLE_CLASS_LABEL[code]])) as Record<PlateClassCode, string>;

/** Most plates one range load may put into stock: a box of plates, not a typo of a digit too many. */
export const MAX_RANGE_SIZE = 2000;
export const MAX_SERIAL = 999_999;

const serialText = (label: string) =>
  codeText(label, 12)
    .transform(halfWidthNumber)
    .pipe(z.string().regex(/^[1-9][0-9]{0,5}$/, `${label}は1〜${MAX_SERIAL}の数字(先頭に0を付けない)で入力してください`));

/** A plate as the vehicle record names it: 標識1 issuer, 標識2 class number and kana or mark, 標識3 serial. */
export const plateNumberSchema = z.strictObject({
  part1: text({ label: '標識1(交付市町村)', max: 20 }),
  part2: text({ label: '標識2(種別・かな)', max: 10 }),
  part3: serialText('標識3(番号)'),
});
export type PlateNumber = z.infer<typeof plateNumberSchema>;
/** The same, as the API answers it. */
const plateNumberResponse = z.object({ part1: z.string(), part2: z.string(), part3: z.string() });

/** The plate as one line of text (越谷市 あ 123), for messages and the screens. */
export const plateText = (plate: PlateNumber) => `${plate.part1} ${plate.part2} ${plate.part3}`;

const officeCodeSchema = codeText('拠点', 8).trim().regex(/^[0-9A-Z]{1,8}$/, '拠点を選んでください');
const vehicleClassCodeSchema = choice('車種', PLATE_CLASSES);
const staffNoSchema = codeText('職員番号', 12).trim().regex(/^[0-9A-Za-z]{1,12}$/, '職員番号は半角英数字12文字以内で入力してください');
/** 申告書番号: year and serial, `2026-123`. */
export const declarationNoSchema = codeText('申告書番号', 13).regex(/^[0-9]{4}-[1-9][0-9]{0,7}$/, '申告書番号は「年-連番」(例 2026-123)で入力してください');
const designSchema = choice('デザイン', PLATE_DESIGNS);
const eventDate = (label: string) => calendarDateSchema(label, 'event');

/** 交付: the plate the clerk hands over, or the lowest in stock of the class and design at the office. */
export const issuePlateSchema = z.strictObject({
  officeCode: officeCodeSchema,
  vehicleClassCode: vehicleClassCodeSchema,
  design: designSchema,
  plate: plateNumberSchema.optional(),
  staffNo: staffNoSchema,
  issuedOn: eventDate('交付日'),
  declarationNo: declarationNoSchema,
});
export type IssuePlateRequest = z.input<typeof issuePlateSchema>;

export const issuedPlateResponse = z.object({
  plate: plateNumberResponse,
  officeCode: z.string(),
  vehicleClassCode: z.string(),
  design: z.enum(['standard', 'city_design']),
  issuedOn: z.string(),
  declarationNo: z.string(),
});
export type IssuedPlate = z.infer<typeof issuedPlateResponse>;

/** 回収: the plate comes back at deregistration or replacement — or does not. */
export const takeBackPlateSchema = z.strictObject({
  plate: plateNumberSchema,
  outcome: choice('返納区分', PLATE_RETURN_OUTCOMES),
  on: eventDate('返納日'),
  staffNo: staffNoSchema,
  declarationNo: declarationNoSchema,
});
export type TakeBackPlateRequest = z.input<typeof takeBackPlateSchema>;

/** 標識の交換: the standard plate for the city's design or back, under one declaration. */
export const swapPlateSchema = z.strictObject({
  plate: plateNumberSchema,
  officeCode: officeCodeSchema,
  to: designSchema,
  newPlate: plateNumberSchema.optional(),
  on: eventDate('交換日'),
  staffNo: staffNoSchema,
  declarationNo: declarationNoSchema,
});
export type SwapPlateRequest = z.input<typeof swapPlateSchema>;

/** 他市標識回収: another city's plate handed in at the counter. */
export const otherCityPlateSchema = z.strictObject({
  issuer: text({ label: '交付した市区町村', max: 20 }),
  plateText: text({ label: '回収した標識', max: 40 }),
  on: eventDate('回収日'),
  staffNo: staffNoSchema,
  declarationNo: declarationNoSchema,
});
export type OtherCityPlateRequest = z.input<typeof otherCityPlateSchema>;
export interface RecordedOtherCityPlate {
  /** 他市標識回収番号 (軽自テーブル 63), `2026-1`. */
  recoveryNo: string;
}

/** 弁償金納付書: the fee for a lost, damaged or stolen plate, from the city's settings. */
export const compensationSlipSchema = z
  .strictObject({
    declarationNo: declarationNoSchema,
    generation: integer({ label: '世代', min: 1, max: 32767 }),
    addresseeNo: codeText('所有者の宛名番号', 15).regex(/^[0-9]{15}$/, '宛名番号は15桁の数字です'),
    plate: plateNumberSchema,
    reason: choice('理由', COMPENSATION_REASONS),
    theftReported: z.boolean({ error: '盗難届の提示の有無を選んでください' }),
    staffNo: staffNoSchema,
    on: eventDate('発布日'),
  })
  .refine((slip) => !slip.theftReported || slip.reason === 'stolen', { path: ['theftReported'], message: '盗難届の提示は、理由が盗難のときだけ記録できます' });
export type CompensationSlipRequest = z.input<typeof compensationSlipSchema>;

export const compensationSlipResponse = z.object({
  slipNo: z.string().describe('納付書番号'),
  declarationNo: z.string(),
  generation: z.number().int(),
  taxYear: z.number().int().describe('年分'),
  ownerAddresseeNo: z.string(),
  amount: z.number().int().describe('弁償金(円)'),
  paidAmount: z.number().int(),
  unpaidAmount: z.number().int(),
  paidDate: z.string().nullable(),
  issuedDate: z.string(),
  vehicleClassCode: z.string(),
  plate: plateNumberResponse,
  reason: z.enum(['lost', 'damaged', 'stolen']).nullable(),
  theftReportShown: z.boolean(),
  feeCitation: z.string().nullable().describe('弁償金の根拠(団体の設定)'),
  staffNo: z.string().nullable(),
});
export type CompensationSlip = z.infer<typeof compensationSlipResponse>;

export const compensationSlipListQuery = z.strictObject({
  declarationNo: declarationNoSchema.optional(),
  unpaidOnly: z.enum(['true', 'false']).optional(),
});
export const compensationSlipListResponse = z.object({ slips: z.array(compensationSlipResponse) });
export const slipNoSchema = codeText('納付書番号', 12).regex(/^[0-9]{1,12}$/, '納付書番号は12桁以内の数字です');

/** 在庫の受入れ: a box of consecutive numbers of one class and design, for one office. */
export const loadRangeSchema = z
  .strictObject({
    officeCode: officeCodeSchema,
    vehicleClassCode: vehicleClassCodeSchema,
    design: designSchema,
    part1: text({ label: '標識1(交付市町村)', max: 20 }),
    part2: text({ label: '標識2(種別・かな)', max: 10 }),
    firstSerial: integer({ label: '最初の番号', min: 1, max: MAX_SERIAL }),
    lastSerial: integer({ label: '最後の番号', min: 1, max: MAX_SERIAL }),
    receivedOn: eventDate('受入日'),
  })
  .refine((range) => range.lastSerial >= range.firstSerial, { path: ['lastSerial'], message: '最後の番号は最初の番号以上にしてください' })
  .refine((range) => range.lastSerial - range.firstSerial < MAX_RANGE_SIZE, {
    path: ['lastSerial'],
    message: `一度に受け入れられるのは${MAX_RANGE_SIZE}枚までです。分けて登録してください`,
  });
export type LoadRangeRequest = z.input<typeof loadRangeSchema>;
/** A plate and the state it is now in. */
export const plateStateResponse = z.object({ plate: plateNumberResponse, state: z.enum(PLATE_STATE_CODES) });
export const loadedRangeResponse = z.object({ loaded: z.number().int() });

export const voidPlateSchema = z.strictObject({
  plate: plateNumberSchema,
  on: eventDate('廃棄日'),
  reason: text({ label: '廃棄の理由', max: TEXT_LIMITS.reason }),
});
export type VoidPlateRequest = z.input<typeof voidPlateSchema>;

/** A city's own design for a class (e.g. しらこばと橋とガーヤちゃん for 原付 第一種). */
export const designSeriesSchema = z.strictObject({
  vehicleClassCode: vehicleClassCodeSchema,
  designName: text({ label: 'デザインの名称', max: 60 }),
});
export type DesignSeries = z.infer<typeof designSeriesSchema>;

export const inventoryQuery = z.strictObject({
  officeCode: officeCodeSchema.optional(),
  vehicleClassCode: vehicleClassCodeSchema.optional(),
  design: designSchema.optional(),
  state: choice('状態', PLATE_STATES).optional(),
});
export type InventoryQuery = z.infer<typeof inventoryQuery>;

const countsSchema = z.object(Object.fromEntries(PLATE_STATE_CODES.map((state) => [state, z.number().int()])) as Record<PlateState, z.ZodNumber>);
export type StateCounts = z.infer<typeof countsSchema>;

/** The stock by office, class and design, with how many plates are in each state. */
export const inventoryResponse = z.object({
  groups: z.array(
    z.object({
      officeCode: z.string(),
      officeName: z.string(),
      vehicleClassCode: z.string(),
      design: z.enum(['standard', 'city_design']),
      counts: countsSchema,
      /** The lowest number in stock, what the counter hands out next. */
      nextInStock: z.string().nullable(),
    }),
  ),
  designSeries: z.array(z.object({ vehicleClassCode: z.string(), designName: z.string() })),
  /** Where a range may be loaded: the offices and the classes the city counter declares. */
  offices: z.array(z.object({ officeCode: z.string(), name: z.string() })),
});
export type Inventory = z.infer<typeof inventoryResponse>;

export const plateHistoryResponse = z.object({
  plate: plateNumberResponse,
  officeCode: z.string(),
  vehicleClassCode: z.string(),
  design: z.enum(['standard', 'city_design']),
  state: z.enum(PLATE_STATE_CODES),
  declarationNo: z.string().nullable(),
  events: z.array(
    z.object({
      fromState: z.enum(PLATE_STATE_CODES).nullable(),
      toState: z.enum(PLATE_STATE_CODES),
      returnCode: z.enum(['returned', 'lost', 'stolen', 'not_returned']).nullable(),
      occurredOn: z.string(),
      staffNo: z.string(),
      declarationNo: z.string().nullable(),
      reason: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
});
export type PlateHistory = z.infer<typeof plateHistoryResponse>;

/** Labels of the audit log for the plate operations (監査ログの操作名). */
export const PLATE_OPERATION_LABELS = {
  'plate.inventory': '標識の在庫の照会',
  'plate.history': '標識の履歴の表示',
  'plate.range.load': '標識の在庫の受入れ',
  'plate.void': '標識の廃棄',
  'plate.designSeries.define': '市独自デザイン標識の設定',
  'plate.compensation.list': '弁償金納付書の一覧',
  'plate.compensation.read': '弁償金納付書の表示',
} as const;
