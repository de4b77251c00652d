/**
 * @module 団体内統合宛名 (S3): the shapes of the lookup and of revealing an individual number, with the
 * reasons a reveal may give.
 */
import { z } from 'zod';
import { addresseeSummaryResponse, type AddresseeSummary } from '../addressees/model.js';
import { choice, codeText, text, TEXT_LIMITS } from '../shared/text.js';
import { individualNumberSchema } from '../shared/individual-number.js';
import type { RevealReasonCode } from './repository.js';

/** Why an individual number is revealed: the category goes into the audit entry, the words stay in the vault's record. */
export const REVEAL_REASONS: Readonly<Record<RevealReasonCode, string>> = {
  identity_verification: '本人確認(個人番号カード等との照合)',
  declaration_check: '申告書記載の個人番号の確認',
  resident_registry_check: '住民記録との突合',
  intermediate_server_linkage: '情報照会・情報提供のための確認',
  disclosure_request: '開示請求への対応',
  other: 'その他',
};

export const revealSchema = z.object({
  reasonCode: choice('表示する理由の区分', REVEAL_REASONS),
  reason: text({ label: '表示する理由', max: TEXT_LIMITS.reason }),
});
export type RevealInput = z.infer<typeof revealSchema>;

/** A recorded reveal as an auditor reads it: who, whose, when and why, in the clerk's own words. */
export const revealRecordResponse = z.object({
  revealId: z.string(),
  revealedAt: z.string(),
  staffNo: z.string(),
  addresseeNo: z.string(),
  reasonCode: z.string(),
  reasonLabel: z.string(),
  reason: z.string(),
});
export type RevealRecord = z.infer<typeof revealRecordResponse>;

/** This module's audit operations in Japanese, for the audit log's labels (src/audit/model.ts). */
export const INTEGRATED_ADDRESSEE_OPERATION_LABELS: Readonly<Record<string, string>> = {
  'integratedAddressee.lookup': '統合宛名の照会',
  'integratedAddressee.reveal.read': '個人番号を表示した理由の確認',
  'integratedAddressee.provisionCode.read': '情報提供用個人識別符号の読出し',
  'integratedAddressee.provisionCode.record': '情報提供用個人識別符号の記録',
  'integratedAddressee.provisionCode.resolve': '情報提供用個人識別符号による照会',
  'integratedAddressee.rekey': '個人番号の再暗号化(鍵の更新)',
};

/** 情報提供用個人識別符号: opaque to the city, issued through the information provision network. */
export const provisionCodeSchema = codeText('情報提供用個人識別符号', 128).regex(/^[0-9A-Za-z+/=_-]{1,128}$/, '符号の形式が正しくありません');

/** Other modules ask by individual number or by integrated addressee number; never both. */
export const integratedLookupSchema = z.union([
  z.object({ individualNumber: individualNumberSchema }).strict(),
  z.object({ integratedAddresseeNo: codeText('統合宛名番号', 15).regex(/^[0-9]{15}$/, '統合宛名番号は15桁の数字です') }).strict(),
]);

/** The answer: numbers and addressees linked, the individual number masked. */
export interface IntegratedLookup {
  integratedAddresseeNo: string;
  maskedIndividualNumber: string | null;
  addressees: AddresseeSummary[];
}

export const integratedLookupResponse = z.object({
  integratedAddresseeNo: z.string(),
  maskedIndividualNumber: z.string().nullable().describe('下4桁以外を伏せた個人番号(********1234)'),
  addressees: z.array(addresseeSummaryResponse),
});
