/**
 * @module Least privilege, deny by default (controls C3, C8): one permission per operation, roles
 * composed of them. Every route declares what it needs in `config.permission`; a test fails for
 * a route that declares nothing.
 */
export const PERMISSIONS = {
  'vehicle.read': '車両台帳の照会',
  'vehicle.write': '車両の登録・異動・廃車',
  'plate.issue': '標識の交付・回収・弁償金',
  'certificate.issue': '標識交付証明書・廃車申告受付書の発行',
  'remark.write': '備考履歴の記録',
  'addressee.read': '宛名の照会',
  'addressee.write': '宛名(住登外・納税管理人・送付先)の登録・変更',
  'addressee.individualNumber.reveal': '個人番号の表示',
  // Held by no role: `keitax keys rotate` on the server only (re-seals, reveals nothing).
  'addressee.individualNumber.rekey': '個人番号の暗号鍵の更新(再暗号化)',
  'resident.import': '住民異動データの取込み',
  'levy.read': '課税情報の照会',
  'levy.assess': '当初賦課の実行',
  'levy.correct': '更正(過年度を含む)',
  'notice.print': '納税通知書の作成・印刷',
  'reduction.read': '減免の照会',
  'reduction.write': '減免申請の受付・入力',
  'reduction.decide': '減免の決定',
  'collection.read': '収納状況の照会',
  'collection.write': '収納・返戻・公示送達の記録',
  'tax.calculate': '税額計算(個人情報を含まない)',
  'tax.rules.manage': '団体独自の税率・納期限等の設定',
  'transfer.approve': 'データ利用申請の承認',
  'transfer.receive': '承認済み移転データの受領',
  'linkage.operate': '中間サーバー連携(照会・提供確認)',
  'data.export': 'データの一括出力・CSV出力(複製)',
  'audit.read': '監査ログ・棚卸し報告の閲覧',
  'staff.admin': '職員アカウント・権限の管理',
  'staff.inventory': 'ユーザーIDの棚卸し報告',
  'disclosure.handle': '開示・訂正・利用停止請求の対応',
  'notice.release': '発送前点検の決裁(納税通知書の発送承認)',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/**
 * What a route requires: a permission, or several that must all be held (an export: `data.export`
 * and the permission to read what it exports), or `authenticated` (any signed-in staff member,
 * for what holds no personal data), or `public` (no sign-in: health, the sign-in itself,
 * the screens' static files).
 */
export type RouteAccess = Permission | Permission[] | 'authenticated' | 'public';

/** The permissions a route's declared access requires (none for `public` and `authenticated`). */
export function requiredPermissions(access: RouteAccess): Permission[] {
  if (access === 'public' || access === 'authenticated') return [];
  return [access].flat();
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route; see src/access/permissions.ts. */
    permission?: RouteAccess;
    /** The operations the route serves (src/access/operations.ts), whose permissions it declares. */
    operations?: string[];
  }
}
