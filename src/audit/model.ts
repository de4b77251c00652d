/**
 * @module The audit log's shapes and its words, for the guard that writes entries and the screens
 * and CSV that show them.
 */
import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../access/permissions.js';
import { INTEGRATED_ADDRESSEE_OPERATION_LABELS } from '../integrated-addressees/model.js';
import { PLATE_OPERATION_LABELS } from '../plates/model.js';
import { TAX_LEDGER_OPERATION_LABELS } from '../tax-ledger/model.js';
import type { AuditEvent } from './chain.js';

export type { AuditEvent } from './chain.js';

/**
 * The audit log in an auditor's words: one Japanese label per operation code (監査ログの操作名),
 * used by the audit screen and the audit CSV alike. An operation without its own label is named
 * by the permission it needs (a refusal at the door records the missing permission).
 */
export const AUDIT_OPERATION_LABELS: Readonly<Record<string, string>> = {
  'auth.sign_in': 'サインイン',
  'auth.sign_out': 'サインアウト',
  'auth.sign_out_everywhere': 'すべての端末からサインアウト',
  'auth.passkey_enrol': 'パスキーの登録',
  'auth.reauthenticate': '再認証',
  'route.undeclared': '権限の定められていない機能の呼出し',
  'staff.list': '職員の一覧',
  'staff.read': '職員の詳細の表示',
  'staff.create': '職員の登録',
  'staff.update': '職員情報の変更',
  'staff.roles': '職員の役割の変更',
  'staff.disable': 'アカウントの無効化',
  'staff.enable': 'アカウントの有効化',
  'staff.enrollment_code': 'パスキー登録コードの発行',
  'staff.unlock': 'ロックの解除',
  'staff.password_reset': 'パスワードの再設定',
  'role.list': '役割の一覧',
  'staff.inventory': 'ユーザーIDの棚卸し',
  'staff.inventory.export': 'ユーザーIDの棚卸しの出力(CSV)',
  'office.list': '拠点の一覧',
  'audit.search': '監査ログの検索',
  'audit.export': '監査ログの出力(CSV)',
  'audit.verify': '監査ログの改ざん検査',
  'audit.checkpoint': '監査ログのチェックポイント作成',
  'addressee.search': '宛名の検索',
  'addressee.match': '宛名の名寄せ照合',
  'addressee.register': '宛名の登録',
  'addressee.update': '宛名の変更',
  'addressee.taxAdministrator.set': '納税管理人の設定',
  'addressee.taxAdministrator.end': '納税管理人の終了',
  'addressee.mailDestination.set': '送付先の設定',
  'addressee.mailDestination.end': '送付先の終了',
  'addressee.searchKeys.refresh': '宛名の検索用キーの更新',
  'addressee.integratedAddresseeNo.assign': '統合宛名番号の付番',
  'addressee.individualNumber.reveal': '個人番号の表示',
  ...INTEGRATED_ADDRESSEE_OPERATION_LABELS,
  'resident.import': '住民異動データの取込み',
  'resident.import.list': '住民異動の取込み履歴の表示',
  'resident.import.report': '住民異動の取込み結果の表示',
  'resident.review.list': '住民異動の確認待ちの表示',
  'resident.review.apply': '住民異動の確認待ちを宛名に反映',
  'resident.review.register': '住民異動の確認待ちから宛名を登録',
  'resident.review.dismiss': '住民異動の確認待ちを対応不要として処理',
  'resident.review.rekey': '住民異動の確認待ちの再暗号化(鍵の更新)',
  ...PLATE_OPERATION_LABELS,
  'vehicle.search': '車両の検索',
  'vehicle.ownerHistory': '所有者の車両履歴の表示',
  'vehicle.deleted.list': '削除した車両の一覧の表示',
  'vehicle.register': '車両の新規登録(標識交付)',
  'vehicle.ownerChange': '名義変更',
  'vehicle.deregister': '廃車',
  'vehicle.deregisterExOfficio': '職権廃車',
  'vehicle.taxStop': '税止め(他市町村への定置場移転)',
  'vehicle.storageChange': '定置場・住所の変更',
  'vehicle.classChange': '車種変更',
  'vehicle.plateReissue': '標識の再交付(弁償金)',
  'vehicle.delete': '誤登録の車両の削除(軽自削除テーブルへ移動)',
  'vehicle.restore': '削除した車両の復元',
  'vehicle.remark.add': '備考の記録',
  'vehicle.remark.edit': '備考の修正',
  'certificate.reprint': '標識交付証明書・廃車申告受付書の再発行',
  'certificate.list': '発行した証明書の一覧の表示',
  'vehicle.import': '送付データ(軽自動車検査協会・運輸支局)の取込み',
  'vehicle.import.list': '送付データの取込み履歴の表示',
  'vehicle.import.records': '取り込んだ送付データの表示',
  'vehicle.import.resolve.apply': '送付データの所有者を宛名に決定',
  'vehicle.import.resolve.register': '送付データの所有者を住登外者として登録',
  'vehicle.import.resolve.dismiss': '送付データを対象外として処理',
  'vehicle.certificate.compare': '車検証閲覧アプリのファイルと車両台帳の突合',
  'vehicle.certificate.apply': '車検証閲覧アプリのファイルで確認した項目を車両台帳に反映',
  'notice.print_data.export': '納税通知書の印刷データ(委託先向け)の出力',
  'notice.reprint': '納税通知書の再発行',
  'notice.batch.print': '納税通知書の一括印刷(発送用)',
  'assessment.preview': '当初賦課の試算',
  'assessment.whatIf': '税率を変えた場合の試算',
  'assessment.run': '当初賦課の実行',
  'assessment.read': '当初賦課の実行履歴・照合の照会',
  ...TAX_LEDGER_OPERATION_LABELS,
};

const isPermission = (code: string): code is Permission => code in PERMISSIONS;

/** 「サインイン」 for `auth.sign_in`; the permission's name for a permission; the code itself otherwise. */
export function auditOperationLabel(operation: string): string {
  return AUDIT_OPERATION_LABELS[operation] ?? (isPermission(operation) ? PERMISSIONS[operation] : operation);
}

/** Whose personal data an entry is about (対象の種類), in an auditor's words. */
export const AUDIT_SUBJECT_LABELS = {
  addressee: '宛名',
  vehicle: '車両',
  staff: '職員',
  levy: '課税',
  reduction: '減免',
  audit_log: '監査ログ',
  municipality: '団体',
  export: '出力',
} as const;
export type AuditSubjectType = keyof typeof AUDIT_SUBJECT_LABELS;
export const AUDIT_SUBJECT_TYPES = Object.keys(AUDIT_SUBJECT_LABELS) as [AuditSubjectType, ...AuditSubjectType[]];

/** An entry as the audit screen and the CSV receive it. */
export const auditEntryResponse = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  staffNo: z.string().nullable(),
  officeCode: z.string().nullable(),
  terminal: z.string().nullable(),
  ipAddress: z.string().nullable(),
  operation: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  result: z.enum(['succeeded', 'denied', 'failed']),
  rowCount: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntryResponse>;

/** What a verification of the chain found (src/audit/verify.ts): each break with its sequence number. */
export const verifyReportResponse = z.object({
  municipalityCode: z.string(),
  entries: z.number().int(),
  headSeq: z.number().int(),
  checkpoints: z.number().int(),
  /** The highest head a witness saw committed (0: none). */
  witnessedSeq: z.number().int(),
  ok: z.boolean(),
  problems: z.array(z.object({ seq: z.number().int(), code: z.string(), problem: z.string() })),
});
export type VerifyReport = z.infer<typeof verifyReportResponse>;

export const AUDIT_RESULT_LABELS: Readonly<Record<AuditEvent['result'], string>> = { succeeded: '成功', denied: '拒否', failed: '失敗' };
