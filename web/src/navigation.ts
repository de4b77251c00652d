/** @module The navigation menu's items: the system's capabilities in the order clerks meet them. */
import type { Permission } from '../../src/access/permissions.js';

/**
 * The capabilities of the system, in the order clerks meet them. `path` is set once a
 * capability has screens, and the screen's permission (App.tsx's route table) decides who sees
 * the item. Items without a path are listed so the frame shows what is coming.
 */
export interface NavigationItem {
  label: string;
  path?: string;
  /** A planned capability (no path yet): shown, as 準備中, only to those who will use it. */
  plannedFor?: Permission;
}

export interface NavigationSection {
  heading: string;
  items: NavigationItem[];
}

export const NAVIGATION: NavigationSection[] = [
  {
    heading: '業務',
    items: [
      { label: 'ホーム', path: '/' },
      { label: '車両台帳', path: '/vehicles' },
      { label: '申告受付・標識交付', path: '/vehicles/new' },
      { label: '標識の在庫', path: '/plates' },
      { label: '削除した車両', path: '/vehicles/deleted' },
      { label: '宛名', path: '/addressees' },
      { label: '住民異動の取込み', path: '/resident-changes' },
      { label: '送付データの取込み', path: '/vehicle-imports' },
      { label: '当初賦課', path: '/assessment' },
      { label: '発送前点検', path: '/mailing-checks' },
      { label: '納税通知書の一括印刷', plannedFor: 'levy.assess' },
      { label: '課税台帳・課税状況調', path: '/tax-ledger' },
      { label: '減免', plannedFor: 'reduction.read' },
      { label: '更正(過年度)', plannedFor: 'levy.correct' },
      { label: '収納状況', plannedFor: 'collection.read' },
      { label: '税額計算', path: '/tax/calculator' },
    ],
  },
  {
    heading: '管理',
    items: [
      { label: '職員・権限', path: '/admin/staff' },
      { label: 'ユーザーID棚卸し', path: '/admin/inventory' },
      { label: '監査ログ', path: '/audit' },
      { label: 'システム状態', path: '/system/status' },
    ],
  },
];
