/** @module 税宛名 (subsystem S2): the shapes the register's API, screens and imports share. */
import { z } from 'zod';
import type { Addressee } from '../db/schema.js';
import { individualNumberSchema } from '../shared/individual-number.js';
import { calendarDateSchema } from '../shared/date-schema.js';
import { choice, codeText, integer, text, TEXT_LIMITS } from '../shared/text.js';
import { isValidCorporateNumber } from '../shared/corporate-number.js';
import { isKatakanaName, storedNameKana, storedNameKanji } from './normalise.js';

// What other capabilities and the screens share of the register's pure rules: how names are
// stored, and the four basic items (基本4情報) a match compares.
export { isKatakanaName, storedNameKana, storedNameKanji } from './normalise.js';
export { BASIC_ITEM_LABELS, scoreBasicItems, type BasicItem } from './matching.js';

export type AddresseeKind = Addressee['kind'];
export type SexCode = '1' | '2';

export const KIND_LABELS: Readonly<Record<AddresseeKind, string>> = {
  resident: '住民',
  non_resident: '住登外者',
  corporation: '法人',
};

export const STATUS_LABELS: Readonly<Record<AddresseeStatusCode, string>> = {
  active: '有効',
  moved_out: '転出',
  deceased: '死亡',
  whereabouts_unknown: '所在不明',
  dissolved: '解散',
};
export type AddresseeStatusCode = 'active' | 'moved_out' | 'deceased' | 'whereabouts_unknown' | 'dissolved';

export const addresseeNoSchema = codeText('宛名番号', 15).regex(/^[0-9]{15}$/, '宛名番号は15桁の数字です');

/** A birth date: a real day, from 1900 to today. */
export const birthDateSchema = calendarDateSchema('生年月日', 'birth');

export const postalCodeSchema = codeText('郵便番号', 10)
  .transform((value) => value.normalize('NFKC').replace(/[-\s〒]/g, ''))
  .pipe(z.string().regex(/^[0-9]{7}$/, '郵便番号は7桁の数字で入力してください(例: 343-0813)'));

export const phoneSchema = codeText('電話番号', 20)
  .transform((value) =>
    value
      .normalize('NFKC')
      .trim()
      .replace(/[()\s]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, ''),
  )
  .pipe(z.string().regex(/^[0-9-]{6,15}$/, '電話番号は数字とハイフンで入力してください(例: 048-000-1234)'));

export const reasonSchema = text({ label: '理由', max: TEXT_LIMITS.reason });

const nameKanjiSchema = text({ label: '氏名', max: TEXT_LIMITS.name }).transform(storedNameKanji);
const nameKanaSchema = text({ label: 'フリガナ', max: TEXT_LIMITS.name }).transform(storedNameKana);
const addressSchema = text({ label: '住所', max: TEXT_LIMITS.address });
const addressCodeSchema = codeText('住所コード', 12).regex(/^[0-9]{1,12}$/, '住所コードは12桁以内の数字です');
const corporateNumberSchema = codeText('法人番号', 20)
  .transform((value) => value.normalize('NFKC').replace(/[-\s]/g, ''))
  .pipe(z.string().regex(/^[0-9]{13}$/, '法人番号は13桁の数字で入力してください').refine(isValidCorporateNumber, '法人番号の検査用数字が一致しません'));

const sexCodeSchema = choice('性別', { '1': '男', '2': '女' });

/** The fields staff may write on a non-resident or corporation. */
const addresseeFields = z.object({
  nameKanji: nameKanjiSchema,
  nameKana: nameKanaSchema,
  sexCode: sexCodeSchema.nullable().optional(),
  birthDate: birthDateSchema.nullable().optional(),
  corporateNumber: corporateNumberSchema.nullable().optional(),
  postalCode: postalCodeSchema.nullable().optional(),
  addressCode: addressCodeSchema.nullable().optional(),
  address: addressSchema,
  storagePlaceAddress: text({ label: '定置場の所在地', max: TEXT_LIMITS.address }).nullable().optional(),
  storagePlaceAddressCode: codeText('定置場の住所コード', 12).regex(/^[0-9]{1,12}$/, '定置場の住所コードは12桁以内の数字です').nullable().optional(),
  phone: phoneSchema.nullable().optional(),
});

type KindCheckable = {
  nameKana?: string | undefined;
  sexCode?: string | null | undefined;
  birthDate?: string | null | undefined;
  corporateNumber?: string | null | undefined;
  individualNumber?: string | null | undefined;
};

/**
 * What each kind may carry (the table's CHECKs, said in words that name the field): a person's
 * kana is katakana; a corporation has no sex, birth date or individual number; only a
 * corporation has a 法人番号.
 */
export function kindIssues(kind: AddresseeKind, value: KindCheckable): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  const corporation = kind === 'corporation';
  if (value.nameKana && !isKatakanaName(value.nameKana, { corporation })) {
    issues.push({
      field: 'nameKana',
      message: corporation ? 'フリガナはカタカナ(英数字可)で入力してください' : 'フリガナはカタカナで入力してください(漢字・英字は使えません)',
    });
  }
  if (corporation) {
    for (const field of ['sexCode', 'birthDate', 'individualNumber'] as const) {
      if (value[field]) issues.push({ field, message: '法人には入力できません' });
    }
  } else if (value.corporateNumber) {
    issues.push({ field: 'corporateNumber', message: '法人番号は法人にだけ入力できます' });
  }
  return issues;
}

function refineKind(kind: AddresseeKind | undefined, value: KindCheckable, ctx: z.RefinementCtx): void {
  if (!kind) return;
  for (const issue of kindIssues(kind, value)) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
}

/** Registering a non-resident (住登外者) or a corporation; residents come from the resident registry. */
export const registerAddresseeSchema = addresseeFields
  .extend({
    kind: choice('区分', { non_resident: KIND_LABELS.non_resident, corporation: KIND_LABELS.corporation }),
    individualNumber: individualNumberSchema.nullable().optional(),
    reason: reasonSchema,
  })
  .superRefine((value, ctx) => refineKind(value.kind, value, ctx));
export type RegisterAddresseeInput = z.infer<typeof registerAddresseeSchema>;

/** Changing an addressee: only the fields given change; `version` is the one the screen showed. */
export const updateAddresseeSchema = addresseeFields.partial().extend({
  version: integer({ label: '版番号', min: 1, max: 2 ** 31 - 1 }),
  individualNumber: individualNumberSchema.optional(),
  status: choice('状態', {
    active: STATUS_LABELS.active,
    whereabouts_unknown: STATUS_LABELS.whereabouts_unknown,
    deceased: STATUS_LABELS.deceased,
    dissolved: STATUS_LABELS.dissolved,
  }).optional(),
  statusDate: calendarDateSchema('状態の日付', 'event').nullable().optional(),
  reason: reasonSchema,
});
export type UpdateAddresseeInput = z.infer<typeof updateAddresseeSchema>;

/** Fields a resident's record takes from the resident registry, never from the keyboard. */
export const REGISTRY_FIELDS = ['nameKanji', 'nameKana', 'sexCode', 'birthDate', 'postalCode', 'addressCode', 'address', 'individualNumber'] as const;

/** A period (納税管理人, 送付先) starts on a day and may end on a later one. */
const periodSchema = {
  validFrom: calendarDateSchema('開始日', 'event'),
  validTo: calendarDateSchema('終了日', 'term').nullable().optional(),
  reason: reasonSchema,
};
const refinePeriod = (value: { validFrom: string; validTo?: string | null | undefined }, ctx: z.RefinementCtx) => {
  if (value.validTo && value.validTo < value.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: '終了日は開始日以降の日付にしてください' });
};

export const taxAdministratorSchema = z
  .object({ administratorAddresseeNo: addresseeNoSchema, ...periodSchema })
  .superRefine(refinePeriod);
export type TaxAdministratorInput = z.infer<typeof taxAdministratorSchema>;

export const mailDestinationSchema = z
  .object({
    name: text({ label: '送付先の宛名', max: TEXT_LIMITS.name }),
    postalCode: postalCodeSchema.nullable().optional(),
    address: addressSchema,
    phone: phoneSchema.nullable().optional(),
    ...periodSchema,
  })
  .superRefine(refinePeriod);
export type MailDestinationInput = z.infer<typeof mailDestinationSchema>;

export const endPeriodSchema = z.object({ validTo: calendarDateSchema('終了日', 'term'), reason: reasonSchema });
export type EndPeriodInput = z.infer<typeof endPeriodSchema>;

/**
 * Search as clerks search: any one or more of name (kanji or kana, any width, spaced or not),
 * birth date (western or 和暦), address, addressee number (15 digits, or the serial alone),
 * phone. Values arrive in a POST body so they stay out of URLs and proxy logs.
 */
export const addresseeSearchSchema = z
  .object({
    name: text({ label: '氏名', max: TEXT_LIMITS.name, required: false }).optional(),
    birthDate: codeText('生年月日', 30)
      .optional()
      .transform((value) => value?.trim() || undefined)
      .pipe(calendarDateSchema('生年月日').optional()),
    address: text({ label: '住所', max: TEXT_LIMITS.address, required: false }).optional(),
    addresseeNo: codeText('宛名番号', 20)
      .trim()
      .optional()
      .transform((value) => (value ? value.normalize('NFKC') : undefined))
      .pipe(z.string().regex(/^[0-9]{1,15}$/, '宛名番号は数字で入力してください').optional()),
    phone: text({ label: '電話番号', max: 20, required: false }).optional(),
    kinds: z.array(choice('区分', KIND_LABELS)).max(3).optional(),
    limit: integer({ label: '件数', min: 1, max: 200 }).default(50),
  })
  .refine((value) => Boolean(value.name || value.birthDate || value.address || value.addresseeNo || value.phone), {
    message: '氏名・生年月日・住所・宛名番号・電話番号のいずれかを入力してください',
    path: ['name'],
  });
export type AddresseeSearchInput = z.infer<typeof addresseeSearchSchema>;

/** The four basic items (基本4情報) of a declaration, to find the person they describe. */
export const basicItemsSchema = z
  .object({
    nameKanji: nameKanjiSchema.nullable().optional(),
    nameKana: nameKanaSchema.nullable().optional(),
    sexCode: sexCodeSchema.nullable().optional(),
    birthDate: birthDateSchema.nullable().optional(),
    address: addressSchema.nullable().optional(),
  })
  .refine((value) => Boolean(value.nameKanji || value.nameKana), { message: '氏名かフリガナを入力してください', path: ['nameKanji'] });
export type BasicItemsInput = z.infer<typeof basicItemsSchema>;

/** One line of a search result or a candidate list. */
/** An addressee as lists and matches send it. */
export const addresseeSummaryResponse = z.object({
  addresseeNo: z.string(),
  kind: z.enum(['resident', 'non_resident', 'corporation']),
  nameKanji: z.string(),
  nameKana: z.string(),
  sexCode: z.enum(['1', '2']).nullable(),
  birthDate: z.string().nullable(),
  address: z.string(),
  status: z.enum(['active', 'moved_out', 'deceased', 'whereabouts_unknown', 'dissolved']),
});
export type AddresseeSummary = z.infer<typeof addresseeSummaryResponse>;

const nullableString = z.string().nullable();
const periodFields = { validFrom: z.string(), validTo: nullableString, current: z.boolean().describe('今日有効な期間') };
/** What every period of an addressee (tax administrator, mail destination) has. */
export type ValidityPeriod = z.infer<z.ZodObject<typeof periodFields>>;

/** GET /addressees/:addresseeNo: the addressee, its periods and its history. */
export const addresseeDetailResponse = addresseeSummaryResponse.extend({
  corporateNumber: nullableString,
  postalCode: nullableString,
  addressCode: nullableString,
  storagePlaceAddress: nullableString,
  storagePlaceAddressCode: nullableString,
  phone: nullableString,
  statusDate: nullableString,
  version: z.number().describe('変更時に送り返す版番号'),
  createdAt: z.string(),
  updatedAt: z.string(),
  integratedAddresseeNo: nullableString,
  maskedIndividualNumber: nullableString.describe('下4桁以外を伏せた個人番号。全桁は表示操作(監査対象)でのみ'),
  taxAdministrators: z.array(z.object({ administratorAddresseeNo: z.string(), administratorName: z.string(), ...periodFields })),
  administeredTaxpayers: z.array(z.object({ taxpayerAddresseeNo: z.string(), taxpayerName: z.string(), ...periodFields })),
  mailDestinations: z.array(z.object({ name: z.string(), postalCode: nullableString, address: z.string(), phone: nullableString, ...periodFields })),
  history: z.array(
    z.object({
      historyId: z.number(),
      changedAt: z.string(),
      staffNo: nullableString,
      staffName: nullableString,
      source: z.enum(['entry', 'resident_registry']),
      changeKind: z.string(),
      reason: z.string(),
      effectiveDate: nullableString,
      changes: z.record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() })),
    }),
  ),
});
export type AddresseeDetail = z.infer<typeof addresseeDetailResponse>;

/** What registering or editing answers: the new version, to send back with the next change. */
export const savedAddresseeResponse = z.object({ addresseeNo: z.string(), version: z.number(), integratedAddresseeNo: nullableString });
export type SavedAddressee = z.infer<typeof savedAddresseeResponse>;

const basicItemList = z.array(z.enum(['name', 'sex', 'birthDate', 'address']));

/** A candidate of a basic-items match, with the items that agree, differ or are unknown. */
export const matchCandidateResponse = z.object({
  addressee: addresseeSummaryResponse,
  match: z.object({ score: z.number(), matched: basicItemList, differing: basicItemList, unknown: basicItemList }),
});
export type MatchCandidate = z.infer<typeof matchCandidateResponse>;

export const addresseeSearchResponse = z.object({ hits: z.array(addresseeSummaryResponse.extend({ score: z.number().describe('一致度 0〜110') })), truncated: z.boolean() });
export type AddresseeSearchResult = z.infer<typeof addresseeSearchResponse>;

export const addresseeMatchResponse = z.object({ decision: z.enum(['linked', 'review']), addresseeNo: z.string().optional(), candidates: z.array(matchCandidateResponse) });

/** Japanese names of the fields, for messages and the history shown on screen. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  kind: '区分',
  nameKanji: '氏名',
  nameKana: 'フリガナ',
  sexCode: '性別',
  birthDate: '生年月日',
  corporateNumber: '法人番号',
  postalCode: '郵便番号',
  addressCode: '住所コード',
  address: '住所',
  storagePlaceAddress: '定置場の所在地',
  storagePlaceAddressCode: '定置場の住所コード',
  phone: '電話番号',
  status: '状態',
  statusDate: '状態の日付',
  individualNumber: '個人番号',
  integratedAddresseeNo: '統合宛名番号',
  administratorAddresseeNo: '納税管理人の宛名番号',
  name: '送付先の宛名',
  validFrom: '開始日',
  validTo: '終了日',
};
