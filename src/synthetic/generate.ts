/**
 * @module The synthetic city: a full-size, obviously fictional register (issue 14 item 1) made from
 * the demo city's generators (src/shared/fictional.ts). Every addressee and every vehicle is a pure
 * function of the seed and its index, so each table is streamed on its own, in order, with
 * nothing of the city held in memory, and the same seed gives the same rows on every machine.
 */
import type { Insertable } from 'kysely';
import type { AddressArea, Addressee, Office, TaxAdministratorAssignment, Vehicle } from '../db/schema.js';
import { corporateNumberCheckDigit } from '../shared/corporate-number.js';
import {
  CORPORATION_NAMES,
  ELSEWHERE,
  fiscalYearOf,
  GIVEN_NAMES,
  isoDate,
  NAME_SEPARATOR,
  pad,
  randomSource,
  SURNAMES,
  TOWNS,
  particularsColumns,
  vehicleDetails,
  type ClassCode,
} from '../shared/fictional.js';
import { individualNumberCheckDigit } from '../shared/individual-number.js';
import { vehicleSearchKeys } from '../vehicles/service.js';

export interface SyntheticCityOptions {
  municipalityCode: string;
  /** Addressees: people (residents and non-residents) and corporations. */
  persons: number;
  /** Vehicles: each the history of one physical vehicle, as one or more records and generations. */
  vehicles: number;
  seed: number;
}

/**
 * Shares of the classes in a city's register, per mille, roughly as 総務省's 市町村税課税状況等の調
 * counts them: most are four-wheel passenger kei, then mopeds, then four-wheel cargo kei.
 */
export const CLASS_SHARES: Readonly<Record<ClassCode, number>> = {
  kei_four_wheel_passenger_private: 520,
  kei_four_wheel_passenger_commercial: 5,
  kei_four_wheel_cargo_private: 150,
  kei_four_wheel_cargo_commercial: 30,
  kei_three_wheel: 1,
  moped_class1: 120,
  moped_class2_otsu: 15,
  moped_class2_ko: 40,
  minicar: 2,
  small_special_farm: 22,
  small_special_other: 10,
  kei_two_wheel: 45,
  small_two_wheeler: 40,
};

/** The classes declared at the city's counter; the rest arrive as forwarded data (回送データ). */
const COUNTER_CLASSES = new Set<ClassCode>(['moped_class1', 'moped_class2_otsu', 'moped_class2_ko', 'minicar', 'small_special_farm', 'small_special_other']);

/**
 * First inspections over 30 years (1996–2026), weighted to the recent as a register is: so old
 * (旧税率, before 2015-04), heavy (重課, 13 years and more) and green (軽課, new electric) cases all occur.
 */
export const INSPECTION_YEARS: readonly number[] = Array.from({ length: 31 }, (_, i) => 1996 + i).flatMap((year) => Array<number>(year < 2006 ? 1 : year < 2013 ? 2 : 3).fill(year));

/** Synthetic records are numbered from here: clear of every office's series (n×100000+1…, n ≤ 99) and of the demo's. */
export const FIRST_SYNTHETIC_SERIAL = 10_000_001;
/** The last day the synthetic register reaches: every date in it is on or before. */
export const REGISTER_UNTIL = '2026-11-30';

/** Every 32nd addressee is a corporation, every 16th (offset 1) a non-resident: so a corporate owner is found without a search. */
const CORPORATION_EVERY = 32;
const NON_RESIDENT_EVERY = 16;

/** Streams of random numbers: one per table, each seeded by the city's seed and the row's index. */
const Stream = { Person: 1, Vehicle: 2 } as const;
type Stream = (typeof Stream)[keyof typeof Stream];

/** A 32-bit seed from the city's seed, a stream and an index (murmur3's finaliser: neighbouring indexes give unrelated seeds). */
function seedOf(seed: number, stream: Stream, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Surnames made of two parts (山 + 田 …), beside the demo's common ones with their variant characters (髙, 𠮷, 邊). */
const SURNAME_HEADS: [string, string][] = [
  ['山', 'ヤマ'], ['川', 'カワ'], ['石', 'イシ'], ['松', 'マツ'], ['竹', 'タケ'], ['森', 'モリ'], ['北', 'キタ'], ['南', 'ミナミ'],
  ['東', 'ヒガシ'], ['西', 'ニシ'], ['大', 'オオ'], ['小', 'コ'], ['高', 'タカ'], ['岡', 'オカ'], ['藤', 'フジ'], ['吉', 'ヨシ'],
  ['野', 'ノ'], ['桜', 'サクラ'], ['青', 'アオ'], ['白', 'シラ'], ['黒', 'クロ'], ['金', 'カネ'], ['宮', 'ミヤ'], ['梅', 'ウメ'],
];
const SURNAME_TAILS: [string, string][] = [
  ['田', 'タ'], ['中', 'ナカ'], ['本', 'モト'], ['口', 'グチ'], ['村', 'ムラ'], ['崎', 'サキ'], ['井', 'イ'], ['島', 'シマ'],
  ['原', 'ハラ'], ['沢', 'サワ'], ['谷', 'タニ'], ['内', 'ウチ'], ['部', 'ベ'], ['瀬', 'セ'], ['浦', 'ウラ'], ['野', 'ノ'],
];
const GIVEN_HEADS: [string, string][] = [
  ['健', 'ケン'], ['大', 'ダイ'], ['翔', 'ショウ'], ['悠', 'ユウ'], ['陽', 'ハル'], ['蒼', 'ソウ'], ['颯', 'ソウ'], ['湊', 'ミナト'],
  ['美', 'ミ'], ['結', 'ユイ'], ['彩', 'アヤ'], ['真', 'マ'], ['優', 'ユウ'], ['千', 'チ'], ['奈', 'ナ'], ['恵', 'メグ'],
];
const GIVEN_TAILS: [string, string, '1' | '2'][] = [
  ['太', 'タ', '1'], ['介', 'スケ', '1'], ['斗', 'ト', '1'], ['人', 'ト', '1'], ['也', 'ヤ', '1'], ['輝', 'キ', '1'],
  ['子', 'コ', '2'], ['花', 'カ', '2'], ['奈', 'ナ', '2'], ['香', 'カ', '2'], ['里', 'リ', '2'], ['菜', 'ナ', '2'],
];
const CORPORATE_FORMS: [string, string][] = [['株式会社', 'カブシキガイシャ'], ['有限会社', 'ユウゲンガイシャ'], ['合同会社', 'ゴウドウガイシャ']];
const BUSINESSES: [string, string][] = [
  ['運輸', 'ウンユ'], ['商事', 'ショウジ'], ['建設', 'ケンセツ'], ['農園', 'ノウエン'], ['リース', 'リース'], ['食品', 'ショクヒン'],
  ['造園', 'ゾウエン'], ['配送', 'ハイソウ'], ['工業', 'コウギョウ'], ['電機', 'デンキ'], ['青果', 'セイカ'], ['設備', 'セツビ'],
];

/** Each town of the demo city in nine 丁目, each its own address code (town × 100 + 丁目): 126 areas. */
const CHOME = 9;

/** The synthetic city's offices: the demo city's counters and departments. */
export function syntheticOffices(municipalityCode: string): Insertable<Office>[] {
  return [
    { municipalityCode, officeCode: '01', name: '本庁 市民税課', kind: 'main' },
    { municipalityCode, officeCode: '02', name: '北部出張所', kind: 'branch' },
    { municipalityCode, officeCode: '03', name: '南部出張所', kind: 'branch' },
    { municipalityCode, officeCode: '10', name: '収納課', kind: 'other_department' },
  ];
}

export function syntheticAddressAreas(municipalityCode: string): Insertable<AddressArea>[] {
  return TOWNS.flatMap(([town, kana], t) =>
    Array.from({ length: CHOME }, (_, c) => ({
      municipalityCode,
      addressCode: pad((t + 1) * 100 + c + 1, 6),
      townName: `${town}${c + 1}丁目`,
      townNameKana: `${kana}${c + 1}チョウメ`,
      postalCode: `34300${pad(t + 10, 2)}`,
    })),
  );
}

/** One addressee of the synthetic city, and for a person the individual number to seal for it. */
export interface SyntheticPerson {
  addressee: Insertable<Addressee> & { addresseeNo: string; integratedAddresseeNo: string; nameKanji: string; address: string };
  individualNumber: string | null;
}

/** 宛名番号 and 統合宛名番号 of the `index`-th addressee: the municipality code and a serial from 1. */
export const addresseeNoOf = (municipalityCode: string, index: number) => `${municipalityCode}${pad(index + 1, 9)}`;

/**
 * The `index`-th addressee. Residents live at an address in the city; a few have died or moved
 * out (before or after April 1), a non-resident lives elsewhere, a corporation has its 法人番号.
 * Individual numbers are `99` and the serial with a valid check digit: generated, never anyone's.
 */
export function personAt(city: SyntheticCityOptions, index: number): SyntheticPerson {
  const rnd = randomSource(seedOf(city.seed, Stream.Person, index));
  const code = city.municipalityCode;
  const addresseeNo = addresseeNoOf(code, index);
  // The first draw: homeAddressCodeOf repeats it alone.
  const area = syntheticAreaAt(code, rnd.int(0, AREAS - 1));
  const cityAddress = `埼玉県越谷市${area.townName}${rnd.int(1, 30)}番${rnd.int(1, 20)}号`;
  const phone = rnd.chance(0.7) ? `048-000-${pad(rnd.int(0, 9999), 4)}` : null;
  const base = { municipalityCode: code, addresseeNo, integratedAddresseeNo: addresseeNo, phone };
  if (isCorporation(index)) {
    const [form, formKana] = rnd.pick(CORPORATE_FORMS);
    const [stem, stemKana] = rnd.chance(0.5) ? rnd.pick(TOWNS) : rnd.pick(SURNAMES);
    const [business, businessKana] = rnd.pick(BUSINESSES);
    const [nameKanji, nameKana] = rnd.chance(0.05) ? rnd.pick(CORPORATION_NAMES) : [`${form}${stem}${business}`, `${formKana}${stemKana}${businessKana}`];
    const corporateBase = pad(rnd.int(0, 999_999_999), 9) + pad(rnd.int(0, 999), 3);
    const dissolved = rnd.chance(0.01);
    return {
      addressee: {
        ...base,
        kind: 'corporation',
        nameKanji,
        nameKana,
        corporateNumber: `${corporateNumberCheckDigit(corporateBase)}${corporateBase}`,
        postalCode: area.postalCode,
        addressCode: area.addressCode,
        address: cityAddress,
        status: dissolved ? 'dissolved' : 'active',
        statusDate: dissolved ? randomDay(rnd, 2018, 2026) : null,
      },
      individualNumber: null,
    };
  }
  const [surname, surnameKana] = rnd.chance(0.3) ? rnd.pick(SURNAMES) : joined(rnd.pick(SURNAME_HEADS), rnd.pick(SURNAME_TAILS));
  const given = rnd.chance(0.3) ? rnd.pick(GIVEN_NAMES) : givenName(rnd);
  const person = {
    ...base,
    nameKanji: `${surname}${NAME_SEPARATOR}${given[0]}`,
    nameKana: `${surnameKana}${NAME_SEPARATOR}${given[1]}`,
    sexCode: given[2],
    birthDate: randomDay(rnd, 1931, 2008),
  };
  const individualNumber = individualNumberOf(index);
  if (isNonResident(index)) {
    return {
      addressee: {
        ...person,
        kind: 'non_resident',
        status: 'active',
        postalCode: `1${pad(rnd.int(0, 999999), 6)}`,
        addressCode: null,
        address: `${rnd.pick(ELSEWHERE)}架空町${rnd.int(1, 9)}丁目${rnd.int(1, 30)}番${rnd.int(1, 20)}号`,
      },
      individualNumber,
    };
  }
  const fate = rnd.next();
  const status = fate < 0.02 ? 'deceased' : fate < 0.035 ? 'moved_out' : 'active';
  return {
    addressee: {
      ...person,
      kind: 'resident',
      postalCode: area.postalCode,
      addressCode: area.addressCode,
      address: cityAddress,
      status,
      statusDate: status === 'active' ? null : randomDay(rnd, 2024, 2026),
    },
    individualNumber,
  };
}

const isCorporation = (index: number) => index % CORPORATION_EVERY === 0;
const isNonResident = (index: number) => index % NON_RESIDENT_EVERY === 1;
const AREAS = TOWNS.length * CHOME;

/** The `index`-th person's generated individual number: `99`, the 9-digit serial and its check digit; none for a corporation. */
export function individualNumberOf(index: number): string | null {
  if (isCorporation(index)) return null;
  const body = `99${pad(index + 1, 9)}`;
  return `${body}${individualNumberCheckDigit(body)}`;
}

/** The address code the `index`-th addressee lives at, as personAt draws it, without the rest: a non-resident's is outside the city. */
export function homeAddressCodeOf(city: SyntheticCityOptions, index: number): string | null {
  if (isNonResident(index)) return null;
  return syntheticAreaAt(city.municipalityCode, randomSource(seedOf(city.seed, Stream.Person, index)).int(0, AREAS - 1)).addressCode;
}

const joined = ([a, aKana]: [string, string], [b, bKana]: [string, string]): [string, string] => [`${a}${b}`, `${aKana}${bKana}`];

function givenName(rnd: Random): [string, string, '1' | '2'] {
  const [head, headKana] = rnd.pick(GIVEN_HEADS);
  const [tail, tailKana, sex] = rnd.pick(GIVEN_TAILS);
  return [`${head}${tail}`, `${headKana}${tailKana}`, sex];
}

type Random = ReturnType<typeof randomSource>;

/** A day of a year in [from, to], never after the register's last day. */
function randomDay(rnd: Random, from: number, to: number): string {
  const day = isoDate(rnd.int(from, to), rnd.int(1, 12), rnd.int(1, 28));
  return day > REGISTER_UNTIL ? REGISTER_UNTIL : day;
}

function syntheticAreaAt(municipalityCode: string, areaIndex: number) {
  const t = Math.floor(areaIndex / CHOME);
  const [town] = TOWNS[t] ?? TOWNS[0]!;
  const chome = (areaIndex % CHOME) + 1;
  return { addressCode: pad((t + 1) * 100 + chome, 6), townName: `${town}${chome}丁目`, postalCode: `34300${pad(t + 10, 2)}`, municipalityCode };
}

/** Every addressee in order of number. */
export function* syntheticPersons(city: SyntheticCityOptions): Generator<SyntheticPerson> {
  for (let i = 0; i < city.persons; i++) yield personAt(city, i);
}

/** Every non-resident has the resident after it as tax administrator (納税管理人), from 2019. */
export function* syntheticTaxAdministrators(city: SyntheticCityOptions): Generator<Insertable<TaxAdministratorAssignment>> {
  for (let i = 1; i + 1 < city.persons; i += NON_RESIDENT_EVERY) {
    yield { municipalityCode: city.municipalityCode, taxpayerAddresseeNo: addresseeNoOf(city.municipalityCode, i), administratorAddresseeNo: addresseeNoOf(city.municipalityCode, i + 1), validFrom: '2019-04-01' };
  }
}

/** The class of the `index`-th vehicle, drawn by the declared shares. */
function classAt(roll: number): ClassCode {
  let cumulative = 0;
  for (const [classCode, share] of Object.entries(CLASS_SHARES) as [ClassCode, number][]) {
    cumulative += share / 1000;
    if (roll < cumulative) return classCode;
  }
  return 'kei_four_wheel_passenger_private';
}

/** The 40 hiragana a plate's series runs through (お, し, へ, ん are never used on plates). */
const PLATE_KANA = [...'あいうえかきくけこさすせそたちつてとなにぬねのはひふほまみむめもやゆよらるろ'];
const COMMERCIAL_KANA = ['り', 'れ'];
const CITY_KANA: Partial<Record<ClassCode, string>> = { moped_class1: 'あ', moped_class2_otsu: 'い', moped_class2_ko: 'う', minicar: 'え', small_special_farm: 'ら', small_special_other: 'り' };
const SERIALS_PER_KANA = 9999;

/** The `n`-th plate of a class (from 0): unique within the class for every n the city reaches. */
function plateOf(classCode: ClassCode, n: number): [string, string, string] {
  const cityKana = CITY_KANA[classCode];
  if (cityKana) return ['越谷市', cityKana, String(n + 1)];
  const number = (n % SERIALS_PER_KANA) + 1;
  const series = Math.floor(n / SERIALS_PER_KANA);
  const serial = `${pad(Math.floor(number / 100), 2)}-${pad(number % 100, 2)}`;
  if (classCode === 'kei_two_wheel' || classCode === 'small_two_wheeler') return ['越谷', `${classCode === 'kei_two_wheel' ? '' : '2'}${PLATE_KANA[series % PLATE_KANA.length]}`, serial];
  const classNumber = classCode.includes('cargo') ? '480' : classCode === 'kei_three_wheel' ? '680' : '580';
  const kana = classCode.endsWith('_commercial') ? COMMERCIAL_KANA[series % COMMERCIAL_KANA.length] : PLATE_KANA[series % PLATE_KANA.length];
  return [classCode.endsWith('_commercial') || series < PLATE_KANA.length ? '越谷' : '春日部', `${classNumber} ${kana}`, serial];
}

/** How one vehicle's history in the register ends (or does not). */
type Fate = 'in_use' | 'deregistered' | 'tax_stopped' | 'tax_hold';

/**
 * Every vehicle's history as the register writes it (src/vehicles/service.ts): registered; for
 * some, passed to new owners one to three times (名義変更: the record closed as transferred, a
 * new record for the new owner); then for some deregistered (廃車, its own declaration number) or
 * stopped because another city now taxes it (税止め); a few on hold (課税保留); some kei cars
 * under retained title (所有権留保: the buyer named as user). Yields every generation in order.
 */
export function* syntheticVehicles(city: SyntheticCityOptions): Generator<Insertable<Vehicle>> {
  const code = city.municipalityCode;
  let serial = FIRST_SYNTHETIC_SERIAL;
  const platesDrawn = new Map<ClassCode, number>();
  const corporations = Math.max(1, Math.ceil(city.persons / CORPORATION_EVERY));
  const ownerAt = (index: number) => ({ addresseeNo: addresseeNoOf(code, index), addressCode: homeAddressCodeOf(city, index) });
  for (let index = 0; index < city.vehicles; index++) {
    const rnd = randomSource(seedOf(city.seed, Stream.Vehicle, index));
    const classCode = classAt(rnd.next());
    const corporate = classCode.endsWith('_commercial') || classCode === 'small_special_other';
    const ownerIndex = () => (corporate ? CORPORATION_EVERY * rnd.int(0, corporations - 1) : rnd.int(0, city.persons - 1));
    const details = vehicleDetails(classCode, rnd, INSPECTION_YEARS);
    const [chassisPrefix] = details.chassisNo.split('-');
    const chassisNo = `${chassisPrefix}-S${pad(index + 1, 7)}`;
    const firstInspection = details.firstInspection;
    const registrationDate = clampDay(
      firstInspection ? `${firstInspection.slice(0, 4)}-${firstInspection.slice(5, 7) || '12'}-${pad(rnd.int(1, 28), 2)}` : randomDay(rnd, 1996, 2026),
    );
    const n = platesDrawn.get(classCode) ?? 0;
    platesDrawn.set(classCode, n + 1);
    const [platePart1, platePart2, platePart3] = plateOf(classCode, n);
    const atCounter = COUNTER_CLASSES.has(classCode);
    const owner = ownerAt(ownerIndex());
    const retainedTitle = classCode.startsWith('kei_four_wheel') && !corporate && rnd.chance(0.03);
    const record: Insertable<Vehicle> = {
      municipalityCode: code,
      declarationYear: fiscalYearOf(registrationDate),
      declarationSerial: serial++,
      generation: 1,
      vehicleClassCode: classCode,
      platePart1,
      platePart2,
      platePart3,
      ownerAddresseeNo: owner.addresseeNo,
      registrationReasonCode: rnd.pick(['new', 'new', 'new', 'moved_in']),
      registrationDate,
      registrationReceivedDate: registrationDate,
      ...particularsColumns(details),
      chassisNo,
      modelYear: Number(registrationDate.slice(0, 4)),
      storageAddressCode: owner.addressCode ?? syntheticAreaAt(code, rnd.int(0, AREAS - 1)).addressCode,
      storageBlockNo: String(rnd.int(1, 30)),
      storageLotNo: String(rnd.int(1, 20)),
      vehicleUserKindCode: retainedTitle ? 'other' : 'owner',
      vehicleUserAddresseeNo: retainedTitle ? addresseeNoOf(code, rnd.int(0, city.persons - 1)) : null,
      taxationCode: 'taxable',
      registrationOfficeCode: atCounter ? rnd.pick(['01', '01', '02', '03']) : null,
      firstInspection,
      wheels: classCode.includes('two_wheel') || classCode.startsWith('moped') ? 2 : classCode === 'kei_three_wheel' ? 3 : classCode === 'minicar' ? 4 : null,
      bodyType: classCode === 'kei_three_wheel' ? 'cargo' : null,
      cabin: classCode === 'minicar' ? true : null,
      trackWidthCm: classCode === 'minicar' ? 90 : null,
      declarationChannel: atCounter ? 'counter' : 'forwarded',
      crimePreventionRegistrationNo: atCounter && classCode.startsWith('moped') ? `K${pad(index, 7)}` : null,
      ...vehicleSearchKeys({ chassisNo, platePart1, platePart2, platePart3 }),
    };
    const roll = rnd.next();
    const owners = roll < 0.15 ? rnd.int(1, 3) : 0;
    const fate: Fate = roll < 0.12 ? 'deregistered' : roll > 0.97 ? 'tax_stopped' : roll > 0.955 ? 'tax_hold' : 'in_use';
    let current = record;
    let since = registrationDate;
    for (let change = 0; change < owners && since < '2026-06-01'; change++) {
      const changeDate = laterDay(rnd, since);
      const opened = { year: fiscalYearOf(changeDate), serial: serial++ };
      const newOwner = ownerAt(ownerIndex());
      yield { ...current, supersededAt: `${changeDate}T09:00:00+09:00` };
      yield {
        ...current,
        generation: current.generation + 1,
        changeReasonCode: 'owner_change',
        changeDate,
        deregistrationReasonCode: 'transferred',
        deregistrationDate: changeDate,
        deregistrationReceivedDate: changeDate,
        newOwnerAddresseeNo: newOwner.addresseeNo,
        newOwnerDeclarationNo: `${opened.year}-${opened.serial}`,
      };
      current = {
        ...current,
        declarationYear: opened.year,
        declarationSerial: opened.serial,
        generation: 1,
        ownerAddresseeNo: newOwner.addresseeNo,
        previousOwnerAddresseeNo: current.ownerAddresseeNo,
        previousOwnerDeclarationNo: `${current.declarationYear}-${current.declarationSerial}`,
        registrationReasonCode: 'transfer',
        registrationDate: changeDate,
        registrationReceivedDate: changeDate,
        storageAddressCode: newOwner.addressCode ?? current.storageAddressCode,
      };
      since = changeDate;
    }
    if ((fate === 'deregistered' || fate === 'tax_stopped') && since < REGISTER_UNTIL) {
      const endDate = laterDay(rnd, since);
      yield { ...current, supersededAt: `${endDate}T09:00:00+09:00` };
      const ending: Partial<Insertable<Vehicle>> =
        fate === 'tax_stopped'
          ? { deregistrationReasonCode: 'moved_out', changeReasonCode: 'tax_stop', plateReturnCode: 'other_city', deregistrationRemark1: '草加市の申告書写しにより税止め', declarationChannel: 'other_city_copy' }
          : {
              deregistrationReasonCode: rnd.pick(['scrapped', 'scrapped', 'transferred', 'moved_out', 'stolen']),
              plateReturnCode: atCounter ? 'returned' : null,
              plateReturnedDate: atCounter ? endDate : null,
            };
      yield {
        ...current,
        generation: current.generation + 1,
        deregistrationDeclarationYear: fiscalYearOf(endDate),
        deregistrationDeclarationSerial: serial++,
        deregistrationDate: endDate,
        deregistrationReceivedDate: endDate,
        changeDate: endDate,
        ...ending,
      };
    } else if (fate === 'tax_hold') {
      yield { ...current, taxationCode: 'tax_hold', taxHoldReasonCode: rnd.pick(['whereabouts_unknown', 'theft', 'disaster']), taxationRemark: '納税通知書返戻・所在調査中' };
    } else {
      yield current;
    }
  }
}

const clampDay = (day: string) => (day > REGISTER_UNTIL ? REGISTER_UNTIL : day);

/** A day after `since` (within six years), never after the register's last day; changes gather around the 賦課期日 too. */
function laterDay(rnd: Random, since: string): string {
  if (since < '2026-03-01' && rnd.chance(0.05)) return rnd.pick(['2026-03-31', '2026-04-01', '2026-04-02']);
  const year = Number(since.slice(0, 4));
  const day = isoDate(rnd.int(year + 1, year + 6), rnd.int(1, 12), rnd.int(1, 28));
  return clampDay(day);
}
