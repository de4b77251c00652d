/**
 * The capabilities of the system, in the order clerks meet them. `path` is set once a
 * capability has screens; `permission` hides what the signed-in person may not use. Items without
 * a path are listed so the frame shows what is coming.
 */
export interface NavigationItem {
  label: string;
  path?: string;
  /** Shown only to staff holding this permission (`authenticated`: anyone signed in). */
  permission?: string;
}

export interface NavigationSection {
  heading: string;
  items: NavigationItem[];
}

export const NAVIGATION: NavigationSection[] = [
  {
    heading: '業務',
    items: [
      { label: 'ホーム', path: '/', permission: 'authenticated' },
      { label: '車両台帳' },
      { label: '申告受付・標識交付' },
      { label: '宛名', path: '/addressees', permission: 'addressee.read' },
      { label: '住民異動の取込み', path: '/resident-changes', permission: 'resident.import' },
      { label: '当初賦課・納税通知書' },
      { label: '減免' },
      { label: '更正(過年度)' },
      { label: '収納状況' },
      { label: '税額計算', path: '/tax/calculator' },
    ],
  },
  {
    heading: '管理',
    items: [
      { label: '職員・権限', path: '/admin/staff', permission: 'staff.admin' },
      { label: 'ユーザーID棚卸し', path: '/admin/inventory', permission: 'staff.inventory' },
      { label: '監査ログ', path: '/audit', permission: 'audit.read' },
      { label: 'システム状態', path: '/system/status', permission: 'authenticated' },
    ],
  },
];
