/**
 * @module What a certificate prints (標識交付証明書, 廃車申告受付書), as facts of its own: names,
 * addresses and labels already worded as they print, dates as `YYYY-MM-DD`. The register builds
 * them from its records; nothing here knows its tables or codes. The items and where each comes
 * from are in docs/certificates.md.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../shared/date-schema.js';
import { choice, text, TEXT_LIMITS } from '../shared/text.js';
import { declarationNoSchema, formatDeclarationNo } from '../vehicles/model.js';

/** The certificates the city issues at the counter (seed I.1② ③). */
export const CERTIFICATE_KINDS = {
  plate_issue: '標識交付証明書',
  deregistration_receipt: '廃車申告受付書',
} as const;
export type CertificateKind = keyof typeof CERTIFICATE_KINDS;

/** What a clerk asks for: one certificate, or both at once for an owner change (名義変更). */
export const CERTIFICATE_REQUEST_KINDS = {
  ...CERTIFICATE_KINDS,
  owner_change: '名義変更(新所有者の標識交付証明書と旧所有者の廃車申告受付書)',
} as const;
export type CertificateRequestKind = keyof typeof CERTIFICATE_REQUEST_KINDS;

/** 申告書番号 as the register reads it, written out as it prints: `2026-000123`. */
const declarationNoText = declarationNoSchema.transform(formatDeclarationNo);

const plateSchema = z.object({
  part1: text({ label: '標識(市区町村名)', max: 20 }),
  part2: text({ label: '標識(分類・かな)', max: 20, required: false }),
  part3: text({ label: '標識(一連番号)', max: 20 }),
});
export type Plate = z.infer<typeof plateSchema>;

const partySchema = (who: string) =>
  z.object({
    name: text({ label: `${who}の氏名又は名称`, max: TEXT_LIMITS.name }),
    address: text({ label: `${who}の住所又は所在地`, max: TEXT_LIMITS.address }),
  });
export type Party = z.infer<ReturnType<typeof partySchema>>;

const optionalText = (label: string, max = 60) => text({ label, max }).nullable().default(null);

/** The vehicle as both certificates describe it. */
export const certificateVehicleSchema = z.object({
  declarationNo: declarationNoText,
  vehicleClassName: text({ label: '車種区分', max: 60 }),
  plate: plateSchema.nullable().default(null),
  previousPlate: plateSchema.nullable().default(null),
  owner: partySchema('所有者'),
  /** Printed only when someone other than the owner uses the vehicle. */
  vehicleUser: partySchema('使用者').nullable().default(null),
  storagePlace: optionalText('主たる定置場', TEXT_LIMITS.address),
  make: optionalText('車名'),
  modelDesignation: optionalText('型式'),
  modelYear: z.number().int().min(1900).max(2200).nullable().default(null).meta({ title: '年式' }),
  engineModel: optionalText('原動機の型式'),
  chassisNo: text({ label: '車台番号', max: 40 }),
  modelTypeNo: optionalText('型式認定番号'),
  /** 総排気量 in cc, for a vehicle with an engine. */
  displacementCc: z.number().min(0).max(99999).nullable().default(null).meta({ title: '総排気量' }),
  /** 定格出力 in kW, for an electric vehicle. */
  ratedOutputKw: z.number().min(0).max(9999).nullable().default(null).meta({ title: '定格出力' }),
});
export type CertificateVehicle = z.infer<typeof certificateVehicleSchema>;

const registrationSchema = z.object({
  /** 申告の理由 as it prints (新規, 譲受, 転入 …). */
  reason: text({ label: '登録事由', max: 40 }),
  date: calendarDateSchema('登録年月日', 'event'),
  receivedDate: calendarDateSchema('申告受付年月日', 'event').nullable().default(null),
});

const deregistrationSchema = z.object({
  /** 廃車の理由 as it prints (廃棄, 譲渡, 転出, 盗難 …). */
  reason: text({ label: '廃車事由', max: 40 }),
  date: calendarDateSchema('廃車年月日', 'event'),
  receivedDate: calendarDateSchema('廃車受付年月日', 'event'),
  /** 標識の返納 as it prints (返納, 紛失, 盗難, 未返納 …). */
  plateReturn: optionalText('標識の返納'),
  declarationNo: declarationNoText.nullable().default(null),
});

/** What one certificate says about the vehicle and its declaration, by kind. */
export const certificateContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plate_issue'), vehicle: certificateVehicleSchema, registration: registrationSchema }),
  z.object({ kind: z.literal('deregistration_receipt'), vehicle: certificateVehicleSchema, deregistration: deregistrationSchema }),
]);
export type CertificateContent = z.infer<typeof certificateContentSchema>;
export type PlateIssueContent = Extract<CertificateContent, { kind: 'plate_issue' }>;
export type DeregistrationReceiptContent = Extract<CertificateContent, { kind: 'deregistration_receipt' }>;

/** What the register says for one certificate: the facts it prints, and whether it may be issued. */
export interface CertificateSource {
  content: CertificateContent;
  /** 証明制限 (軽自テーブル 67): the vehicle's record must not be certified. */
  certificateRestricted: boolean;
}

/** Who issued it, when, under which number; a reprint names the certificate it replaces. */
export interface Issuance {
  certificateNo: string;
  issuedOn: string;
  /** 証明者: the mayor's title (越谷市長). */
  issuerTitle: string;
  /** 発行拠点: the office where it was issued (市民税課, 北部出張所 …). */
  officeName: string;
  /** The certificate this one reissues (再発行), or null for a first issue. */
  reprintOf: string | null;
}

/** Everything one certificate prints. */
export type CertificateFacts<Content extends CertificateContent = CertificateContent> = Content & { issuance: Issuance };

/** A request for a vehicle of the register (POST /api/v1/vehicles/:declarationNo/certificates). */
export const certificateRequestSchema = z.object({
  kind: choice('証明書の種類', CERTIFICATE_REQUEST_KINDS),
  reprint: z.boolean().default(false).meta({ title: '再発行' }),
});
export type CertificateRequest = z.infer<typeof certificateRequestSchema>;

/** A certificate issued: its number and kind, as the issue log holds it. */
export const issuedCertificateSchema = z.object({
  certificateNo: z.string(),
  kind: z.enum(['plate_issue', 'deregistration_receipt']),
  declarationNo: z.string(),
  issuedOn: z.string(),
  reprintOf: z.string().nullable(),
});
export type IssuedCertificate = z.infer<typeof issuedCertificateSchema>;
