/**
 * @module The fictional people, places and vehicles the demo city (src/demo) and the synthetic
 * city (src/synthetic) are made of: common name lists, 越谷市's town names, makes and models, the
 * particulars of each vehicle class, and the seeded random source that makes every city the same
 * on every machine. Nothing here describes a real person.
 */
import type { Vehicle } from '../db/schema.js';

/** The demo and synthetic cities' municipality: 越谷市's code and name, marked as holding generated data only. */
export const DEMO_MUNICIPALITY = {
  code: '112224',
  name: '越谷市',
  prefecture: '埼玉県',
  isDemo: true,
};

export const SURNAMES: [string, string][] = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['髙橋', 'タカハシ'], ['田中', 'タナカ'],
  ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['渡邊', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['𠮷田', 'ヨシダ'], ['山田', 'ヤマダ'],
  ['佐々木', 'ササキ'], ['斎藤', 'サイトウ'], ['齋藤', 'サイトウ'], ['松本', 'マツモト'], ['井上', 'イノウエ'],
  ['木村', 'キムラ'], ['林', 'ハヤシ'], ['清水', 'シミズ'], ['山崎', 'ヤマザキ'], ['森', 'モリ'],
  ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'], ['石川', 'イシカワ'], ['小川', 'オガワ'],
];
export const GIVEN_NAMES: [string, string, '1' | '2'][] = [
  ['太郎', 'タロウ', '1'], ['一郎', 'イチロウ', '1'], ['健太', 'ケンタ', '1'], ['翔', 'ショウ', '1'],
  ['大輔', 'ダイスケ', '1'], ['誠', 'マコト', '1'], ['浩', 'ヒロシ', '1'], ['蓮', 'レン', '1'],
  ['悠真', 'ユウマ', '1'], ['拓也', 'タクヤ', '1'], ['修', 'オサム', '1'], ['隆', 'タカシ', '1'],
  ['花子', 'ハナコ', '2'], ['陽子', 'ヨウコ', '2'], ['美咲', 'ミサキ', '2'], ['結衣', 'ユイ', '2'],
  ['さくら', 'サクラ', '2'], ['恵子', 'ケイコ', '2'], ['裕子', 'ユウコ', '2'], ['葵', 'アオイ', '2'],
  ['真由美', 'マユミ', '2'], ['智子', 'トモコ', '2'], ['彩', 'アヤ', '2'], ['凛', 'リン', '2'],
];
export const CORPORATION_NAMES: [string, string][] = [
  ['株式会社こしがや配送', 'カブシキガイシャコシガヤハイソウ'],
  ['有限会社大沢農園', 'ユウゲンガイシャオオサワノウエン'],
  ['株式会社レイク運輸', 'カブシキガイシャレイクウンユ'],
  ['合同会社みなみ商会', 'ゴウドウガイシャミナミショウカイ'],
  ['株式会社越谷建設工業', 'カブシキガイシャコシガヤケンセツコウギョウ'],
  ['社会福祉法人しらこばと会', 'シャカイフクシホウジンシラコバトカイ'],
  ['株式会社がもう造園', 'カブシキガイシャガモウゾウエン'],
  ['有限会社せんげん食品', 'ユウゲンガイシャセンゲンショクヒン'],
  ['株式会社北越谷リース', 'カブシキガイシャキタコシガヤリース'],
  ['株式会社瓦曽根フォークリフト', 'カブシキガイシャカワラゾネフォークリフト'],
  ['有限会社ひがし青果', 'ユウゲンガイシャヒガシセイカ'],
  ['株式会社はなだ新聞販売', 'カブシキガイシャハナダシンブンハンバイ'],
];
export const TOWNS: [string, string][] = [
  ['越ヶ谷', 'コシガヤ'], ['赤山町', 'アカヤマチョウ'], ['大沢', 'オオサワ'], ['北越谷', 'キタコシガヤ'],
  ['南越谷', 'ミナミコシガヤ'], ['蒲生', 'ガモウ'], ['袋山', 'フクロヤマ'], ['千間台東', 'センゲンダイヒガシ'],
  ['新越谷', 'シンコシガヤ'], ['瓦曽根', 'カワラゾネ'], ['谷中町', 'ヤナカチョウ'], ['東越谷', 'ヒガシコシガヤ'],
  ['花田', 'ハナダ'], ['レイクタウン', 'レイクタウン'],
];
export const ELSEWHERE = ['東京都足立区', '東京都葛飾区', '埼玉県草加市', '埼玉県春日部市', '千葉県松戸市', '埼玉県さいたま市浦和区'];

export type ClassCode = Vehicle['vehicleClassCode'];

export const MAKES: [string, string][] = [
  ['01', 'ホンダ'], ['02', 'スズキ'], ['03', 'ダイハツ'], ['04', 'ヤマハ'], ['05', 'カワサキ'],
  ['06', 'ニッサン'], ['07', 'ミツビシ'], ['08', 'クボタ'], ['09', 'ヤンマー'], ['10', 'トヨタL&F'],
];

/** mulberry32: a tiny, well-mixed PRNG, so a generated city is the same on every machine. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

/** Registries separate surname and given name with a full-width space (U+3000). */
export const NAME_SEPARATOR = '\u3000';
export const pad = (value: number, width: number) => String(value).padStart(width, '0');
export const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m, 2)}-${pad(d, 2)}`;

/** April–March year of a date, named by its first calendar year. */
export function fiscalYearOf(isoDay: string): number {
  const year = Number(isoDay.slice(0, 4));
  return Number(isoDay.slice(5, 7)) >= 4 ? year : year - 1;
}

export interface VehicleDetails {
  cityDeclared: boolean;
  make: [string, string];
  fuel: Vehicle['fuelTypeCode'];
  displacementCc: number | null;
  ratedOutputKw: number | null;
  maxOutputKw: number | null;
  chassisNo: string;
  model: string;
  firstInspection: string | null;
  lowEmission4star: boolean;
  fuelEfficiency2020Pct: number | null;
  fuelEfficiency2030Pct: number | null;
}

/** Years of first inspection the demo draws kei cars from: each rate case, weighted to the recent. */
const DEMO_INSPECTION_YEARS = [1999, 2001, 2004, 2008, 2011, 2012, 2013, 2014, 2015, 2016, 2018, 2020, 2022, 2024, 2025, 2025];

/** The register columns that come straight from a vehicle's particulars, the same in the demo and the synthetic city. */
export const particularsColumns = (details: VehicleDetails) => ({
  vehicleMakeCode: details.make[0],
  vehicleMakeName: details.make[1],
  fuelTypeCode: details.fuel,
  displacementCc: details.displacementCc,
  ratedOutputKw: details.ratedOutputKw,
  maxOutputKw: details.maxOutputKw,
  modelDesignation: details.model,
  lowEmission4star: details.lowEmission4star,
  fuelEfficiency2020Pct: details.fuelEfficiency2020Pct,
  fuelEfficiency2030Pct: details.fuelEfficiency2030Pct,
});

/** The particulars of a vehicle of `classCode`; kei cars are first inspected in one of `inspectionYears`. */
export function vehicleDetails(classCode: ClassCode, rnd: ReturnType<typeof randomSource>, inspectionYears: readonly number[] = DEMO_INSPECTION_YEARS): VehicleDetails {
  const chassis = (prefix: string) => `${prefix}-${pad(rnd.int(1_000_000, 9_999_999), 7)}`;
  const none = { ratedOutputKw: null, maxOutputKw: null, firstInspection: null, lowEmission4star: false, fuelEfficiency2020Pct: null, fuelEfficiency2030Pct: null };
  switch (classCode) {
    case 'moped_class1': {
      const electric = rnd.chance(0.15);
      return {
        ...none,
        cityDeclared: true,
        make: rnd.pick(MAKES.slice(0, 4)),
        fuel: electric ? 'electric' : 'gasoline',
        displacementCc: electric ? null : 49,
        ratedOutputKw: electric ? 0.58 : null,
        chassisNo: chassis(electric ? 'EZ1' : 'AF68'),
        model: electric ? 'ZAA-EZ1' : 'JBH-AF68',
      };
    }
    case 'moped_class2_otsu':
      return { ...none, cityDeclared: true, make: rnd.pick(MAKES.slice(0, 4)), fuel: 'gasoline', displacementCc: 90, chassisNo: chassis('HA02'), model: 'BC-HA02' };
    case 'moped_class2_ko':
      return { ...none, cityDeclared: true, make: rnd.pick(MAKES.slice(0, 4)), fuel: 'gasoline', displacementCc: rnd.pick([110, 124, 125]), maxOutputKw: 6.5, chassisNo: chassis('JK03'), model: '8BJ-JK03' };
    case 'minicar':
      return { ...none, cityDeclared: true, make: ['99', 'その他'], fuel: 'electric', displacementCc: null, ratedOutputKw: 0.59, chassisNo: chassis('MC1'), model: 'ZAA-MC1' };
    case 'small_special_farm':
      return { ...none, cityDeclared: true, make: rnd.pick(MAKES.slice(7, 9)), fuel: 'diesel', displacementCc: rnd.pick([719, 898, 1123]), chassisNo: chassis('KT'), model: 'KT-F' };
    case 'small_special_other':
      return { ...none, cityDeclared: true, make: rnd.pick(MAKES.slice(9)), fuel: rnd.pick(['lpg', 'diesel', 'electric'] as const), displacementCc: null, chassisNo: chassis('FL'), model: 'FL-25' };
    case 'kei_two_wheel':
      return { ...none, cityDeclared: false, make: rnd.pick(MAKES.slice(0, 5)), fuel: 'gasoline', displacementCc: 249, chassisNo: chassis('MD44'), model: '8BK-MD44' };
    case 'small_two_wheeler':
      return { ...none, cityDeclared: false, make: rnd.pick(MAKES.slice(0, 5)), fuel: 'gasoline', displacementCc: rnd.pick([399, 650, 1000]), chassisNo: chassis('RH42'), model: '8BL-RH42' };
    default:
      return keiThreeOrFourWheel(rnd, chassis, inspectionYears);
  }
}

/** Three- and four-wheel kei cars span every rate case: old, standard, heavy and green. */
function keiThreeOrFourWheel(rnd: ReturnType<typeof randomSource>, chassis: (prefix: string) => string, inspectionYears: readonly number[]): VehicleDetails {
  const year = rnd.pick(inspectionYears);
  // Certificates of cars first inspected before 2003-10-14 may show the year alone.
  const yearOnly = year < 2003 && rnd.chance(0.5);
  const firstInspection = yearOnly ? String(year) : `${year}-${pad(rnd.int(1, 12), 2)}`;
  const recent = year >= 2018;
  const electric = year >= 2024 && rnd.chance(0.3);
  return {
    cityDeclared: false,
    make: rnd.pick([MAKES[1], MAKES[2], MAKES[0], MAKES[5], MAKES[6]] as [string, string][]),
    fuel: electric ? 'electric' : rnd.chance(0.15) ? 'hybrid_gasoline' : 'gasoline',
    displacementCc: electric ? null : 658,
    ratedOutputKw: electric ? 47 : null,
    maxOutputKw: null,
    chassisNo: chassis(rnd.pick(['DA17V', 'JF3', 'LA650S', 'B45A', 'MK53S'])),
    model: electric ? 'ZAA-B5AA' : '5BA-JF3',
    firstInspection,
    lowEmission4star: recent,
    fuelEfficiency2020Pct: recent ? rnd.int(95, 135) : null,
    fuelEfficiency2030Pct: year >= 2021 ? rnd.int(60, 95) : null,
  };
}

