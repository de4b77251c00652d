/**
 * Code lists of the vehicle record with their Japanese labels. The database stores the English
 * code; screens and paper print the label.
 */
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
  other: 'その他',
} as const;

export const CHANGE_REASONS = {
  owner_change: '名義変更',
  address_change: '住所変更',
  storage_change: '定置場変更',
  plate_reissue: '標識再交付',
  class_change: '車種変更',
} as const;

export type RegistrationReason = keyof typeof REGISTRATION_REASONS;
export type DeregistrationReason = keyof typeof DEREGISTRATION_REASONS;
export type ChangeReason = keyof typeof CHANGE_REASONS;
