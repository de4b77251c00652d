/** @module The checks before mailing (発送前点検): the rules' codes and labels, what a rule reads about a levy, and the reports. */

/** Every rule, with the label the report, the CSV and the PDF show. */
export const RULE_LABELS = {
  green_reduction_missing: '新車の電気・天然ガス自動車にグリーン化特例がない',
  first_inspection_missing: '三輪・四輪の軽自動車に初度検査年月がない(重課の判定不能)',
  small_special_use_mismatch: '小型特殊自動車の農耕作業用・その他の区分と型式が合わない',
  deregistered_still_levied: '3月31日以前に廃車した車両に課税している',
  owner_gone_still_levied: '4月1日より前に死亡・転出等した所有者に課税している',
  chassis_levied_twice: '同じ車台番号に二重に課税している',
  mail_returned_last_year: '前年度の納税通知書が返戻された(公示送達の候補)',
  amount_changed: '前年度から税額が変わった',
} as const;

export type RuleCode = keyof typeof RULE_LABELS;
export const RULE_CODES = Object.keys(RULE_LABELS) as RuleCode[];

/** The levy a rule looks at: the columns of 軽自課税マスター the rules read. */
export interface CheckedLevy {
  declarationYear: number;
  declarationSerial: number;
  noticeNo: string;
  ownerAddresseeNo: string;
  amount: number;
  originalAmount: number;
  vehicleClassCode: string;
  rateCase: string | null;
}

/** What the register says of the levied vehicle now: its newest generation. */
export interface CheckedVehicle {
  vehicleClassCode: string;
  fuelTypeCode: string | null;
  firstInspection: string | null;
  vehicleMakeName: string | null;
  modelDesignation: string | null;
  deregistrationDate: string | null;
  /** The date the record passed to a new owner (名義変更), when it did. */
  ownerChangeDate: string | null;
}

/** What the addressee register records of the taxpayer. */
export interface CheckedOwner {
  status: 'active' | 'moved_out' | 'deceased' | 'whereabouts_unknown' | 'dissolved';
  statusDate: string | null;
}

/** Last year's levy on the same declaration number. */
export interface PriorLevy {
  amount: number;
  vehicleClassCode: string;
  rateCase: string | null;
}

/** Everything the rules read about one levy of the year. */
export interface LevyFacts {
  fiscalYear: number;
  levy: CheckedLevy;
  vehicle: CheckedVehicle | undefined;
  owner: CheckedOwner | undefined;
  priorLevy: PriorLevy | undefined;
  /** Returned-mail codes (返戻区分) of the taxpayer's levies of last year. */
  ownerReturnedMail: readonly string[];
  /** Other declaration numbers levied this year on the same chassis number. */
  sameChassis: readonly string[];
}

/** A rule's verdict on a levy: what to look at, and the legal or practical reason. */
export interface RuleFinding {
  ruleCode: RuleCode;
  explanation: string;
  reason: string;
}

/** A stored finding as the report shows it. */
export interface FindingView extends RuleFinding {
  findingNo: number;
  ruleLabel: string;
  declarationNo: string;
  noticeNo: string | null;
  taxpayerAddresseeNo: string;
  reviewedAt: string | null;
  reviewedByStaffNo: string | null;
  reviewNote: string | null;
}

/** The state of the year's notices: whether a supervisor's sign-off releases them, and why not. */
export interface NoticeRelease {
  fiscalYear: number;
  released: boolean;
  /** Why the notices are held, in a clerk's words; null when released. */
  heldBecause: string | null;
  checkRunId: number | null;
  signedOffAt: string | null;
  signedOffByStaffNo: string | null;
}

export interface CheckRunView {
  checkRunId: number;
  fiscalYear: number;
  assessmentRunId: number;
  levyCount: number;
  levyAmount: number;
  checkedAt: string;
  checkedByStaffNo: string | null;
  signedOffAt: string | null;
  signedOffByStaffNo: string | null;
}

export interface CheckReport {
  run: CheckRunView;
  countsByRule: Record<RuleCode, number>;
  unreviewed: number;
  findings: FindingView[];
  release: NoticeRelease;
}
