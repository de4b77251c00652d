/**
 * @module Reading forwarded vehicle data. The official layouts of 軽自動車検査協会 and 運輸支局
 * are not public, so keitax reads the CSV layouts of docs/forwarded-data.md (申告データ and
 * 検査情報) behind `ForwardedDataParser`: a city whose data arrives in another layout plugs in
 * its own parser (src/composition.ts lists them) and everything after parsing — the keyed hash,
 * the owner match, the review queue, the report — stays the same.
 */
import { z } from 'zod';
import { isKatakanaName, storedNameKana, storedNameKanji } from '../addressees/model.js';
import type { CellProblem } from '../shared/cell-problem.js';
import { CellReader, MAX_PROBLEMS, readCsvRows, readCsvTable, type CsvLayout, type EncodingChoice, type FileEncoding } from '../shared/csv-file.js';
import { calendarDateSchema, yearMonthSchema } from '../shared/date-schema.js';
import { halfWidthNumber, text, TEXT_LIMITS } from '../shared/text.js';
import { FORWARDED_CLASSES, FUEL_TYPES, SOURCE_LABELS, type DeclarationType, type ForwardedPerson, type ForwardedRecord, type ForwardedSource, type ForwardedVehicle, type FuelType } from './model.js';

export interface ForwardedFile {
  fileName: string;
  bytes: Uint8Array;
  encoding: EncodingChoice;
}

export interface ParsedForwardedFile {
  encoding: FileEncoding;
  records: ForwardedRecord[];
  /** Records refused for their content, each with the column at fault; such a record is taken not at all. */
  problems: CellProblem[];
  recordCount: number;
}

/** A layout of forwarded data keitax can read. */
export interface ForwardedDataParser {
  /** Recorded with each import, e.g. `keitax-csv-declarations`. */
  readonly id: string;
  /** The layout's Japanese name, for messages. */
  readonly label: string;
  /** Whether the file is in this layout: the first parser that recognises a file reads it. */
  recognises(file: ForwardedFile): boolean;
  /** Reads every record; a file it cannot read at all (encoding, header) is a Problem. */
  parse(file: ForwardedFile): ParsedForwardedFile;
}

export const DECLARATION_COLUMNS = [
  '送付元', '申告区分', '異動日', '受付日', '車種', '車両番号', '車台番号', '車名', '型式', '原動機の型式', '総排気量', '定格出力', '燃料の種類', '初度検査年月',
  '所有者氏名', '所有者氏名カナ', '所有者性別', '所有者生年月日', '所有者郵便番号', '所有者住所', '使用者氏名', '使用者住所', '使用の本拠の位置',
] as const;
export const INSPECTION_COLUMNS = ['送付元', '検査日', '車種', '車両番号', '車台番号', '型式', '総排気量', '燃料の種類', '初度検査年月', '2020年度燃費基準達成率', '2030年度燃費基準達成率', '低排出ガス'] as const;
type DeclarationColumn = (typeof DECLARATION_COLUMNS)[number];
type InspectionColumn = (typeof INSPECTION_COLUMNS)[number];
type Column = DeclarationColumn | InspectionColumn;

const DOCUMENTATION = 'docs/forwarded-data.md';
const DECLARATION_LAYOUT: CsvLayout<DeclarationColumn> = {
  columns: DECLARATION_COLUMNS,
  optional: new Set(['受付日', '車名', '型式', '原動機の型式', '総排気量', '定格出力', '燃料の種類', '初度検査年月', '所有者氏名カナ', '所有者性別', '所有者生年月日', '所有者郵便番号', '使用者氏名', '使用者住所', '使用の本拠の位置']),
  documentation: DOCUMENTATION,
};
const INSPECTION_LAYOUT: CsvLayout<InspectionColumn> = {
  columns: INSPECTION_COLUMNS,
  optional: new Set(['車種', '車両番号', '型式', '総排気量', '燃料の種類', '2020年度燃費基準達成率', '2030年度燃費基準達成率', '低排出ガス']),
  documentation: DOCUMENTATION,
};

const DECLARATION_TYPES: Readonly<Record<string, DeclarationType>> = { 新規: 'new_registration', 名義変更: 'owner_change', 移転: 'owner_change', 廃車: 'deregistration', 抹消: 'deregistration', 変更: 'change' };
const SOURCES = Object.fromEntries(Object.entries(SOURCE_LABELS).map(([code, label]) => [label, code])) as Readonly<Record<string, ForwardedSource>>;

/** Free-text cells obey the register's text rules and limits; any other cell is a code, a number or a date. */
const TEXT_CELLS: Partial<Record<Column, z.ZodType<string, string>>> = {
  車両番号: text({ label: '車両番号', max: 30 }),
  車名: text({ label: '車名', max: 60 }),
  所有者氏名: text({ label: '所有者氏名', max: TEXT_LIMITS.name }),
  所有者氏名カナ: text({ label: '所有者氏名カナ', max: TEXT_LIMITS.name }),
  所有者住所: text({ label: '所有者住所', max: TEXT_LIMITS.address }),
  使用者氏名: text({ label: '使用者氏名', max: TEXT_LIMITS.name }),
  使用者住所: text({ label: '使用者住所', max: TEXT_LIMITS.address }),
  使用の本拠の位置: text({ label: '使用の本拠の位置', max: TEXT_LIMITS.address }),
};
const CODE_CELL_MAX = 40;

const eventDate = (label: string) => calendarDateSchema(label, 'event');
const codeSchema = (label: string, pattern: RegExp, message: string) =>
  z.string().transform((value) => halfWidthNumber(value).toUpperCase().replace(/\s+/g, '')).pipe(z.string().regex(pattern, message)).meta({ title: label });
/** 車台番号: letters, digits and hyphens as stamped on the frame (JF1-1234567, MH55S-123456). */
export const chassisNoSchema = codeSchema('車台番号', /^[A-Z0-9][A-Z0-9-]{2,24}$/, '車台番号は英数字とハイフン(3〜25文字)です');
const decimal = (label: string, max: number, digits: number) =>
  z
    .string()
    .transform(halfWidthNumber)
    .pipe(
      z
        .string()
        .regex(new RegExp(`^[0-9]+(\\.[0-9]{1,${digits}})?$`), `${label}は数字で入力してください(小数は${digits}桁まで)`)
        .transform(Number)
        .pipe(z.number().max(max, `${label}は${max}以下です`)),
    );
const percent = (label: string) =>
  z
    .string()
    .transform(halfWidthNumber)
    .pipe(z.string().regex(/^[0-9]{1,3}$/, `${label}は0〜500の整数(%)です`).transform(Number).pipe(z.number().max(500, `${label}は0〜500の整数(%)です`)));
const fuelSchema = z
  .string()
  .transform((value): string | undefined => FUEL_TYPES[value.normalize('NFKC')])
  .pipe(z.enum(Object.values(FUEL_TYPES) as [FuelType, ...FuelType[]], { error: `燃料の種類は ${Object.keys(FUEL_TYPES).join('・')} のいずれかです` }));
const LOW_EMISSION: Readonly<Record<string, boolean>> = { '★★★★': true, '☆☆☆☆': true, '4': true, あり: true, なし: false };
const lowEmissionSchema = z
  .string()
  .transform((value) => LOW_EMISSION[value.normalize('NFKC')])
  .pipe(z.boolean({ error: '低排出ガスは ★★★★(4)・あり・なし のいずれかです' }));
const firstInspectionSchema = yearMonthSchema('初度検査年月', { yearOnly: true });
const postalCodeSchema = z.string().transform((value) => halfWidthNumber(value).replace(/-/g, '')).pipe(z.string().regex(/^[0-9]{7}$/, '郵便番号は7桁の数字です'));
const sexSchema = z
  .string()
  .transform((value): string | undefined => ({ '1': '1', '2': '2', 男: '1', 女: '2' } as Readonly<Record<string, string>>)[halfWidthNumber(value)])
  .pipe(z.enum(['1', '2'], { error: '性別は 1(男)・2(女) または 男・女 です' }));
const birthDateSchema = calendarDateSchema('所有者生年月日', 'birth');

/** The cells both layouts share: where the record came from and the vehicle it describes. */
function readVehicle(cells: CellReader<Column>): { source?: ForwardedSource; vehicle?: ForwardedVehicle } {
  const v = cells.values;
  const source = SOURCES[cells.required('送付元')];
  if (v.送付元 && !source) cells.problem('送付元', `送付元は ${Object.keys(SOURCES).join('・')} のいずれかです`);
  const vehicleClass = v.車種 ? FORWARDED_CLASSES[v.車種.normalize('NFKC')] : undefined;
  if (v.車種 && !vehicleClass) cells.problem('車種', `車種は ${Object.keys(FORWARDED_CLASSES).join('・')} のいずれかです`);
  if (vehicleClass && source && vehicleClass.source !== source) cells.problem('車種', `${v.車種}は${SOURCE_LABELS[vehicleClass.source]}から送付される車種です`);
  const chassisNo = cells.parse('車台番号', chassisNoSchema, { required: true });
  const firstInspection = cells.parse('初度検査年月', firstInspectionSchema) ?? null;
  if (!source || !chassisNo) return {};
  return {
    source,
    vehicle: {
      vehicleClassCode: vehicleClass?.vehicleClassCode ?? null,
      plate: v.車両番号 ? v.車両番号.replace(/\s+/g, ' ') : null,
      chassisNo,
      makeName: v.車名 ?? null,
      modelDesignation: v.型式 ? v.型式.normalize('NFKC') : null,
      engineModel: v.原動機の型式 ? v.原動機の型式.normalize('NFKC') : null,
      displacementCc: cells.parse('総排気量', decimal('総排気量', 9999.9, 1)) ?? null,
      ratedOutputKw: cells.parse('定格出力', decimal('定格出力', 9999.99, 2)) ?? null,
      fuelTypeCode: cells.parse('燃料の種類', fuelSchema) ?? null,
      firstInspection,
      fuelEfficiency2020Pct: cells.parse('2020年度燃費基準達成率', percent('2020年度燃費基準達成率')) ?? null,
      fuelEfficiency2030Pct: cells.parse('2030年度燃費基準達成率', percent('2030年度燃費基準達成率')) ?? null,
      lowEmission4star: cells.parse('低排出ガス', lowEmissionSchema) ?? null,
    },
  };
}

function readOwner(cells: CellReader<Column>): ForwardedPerson | undefined {
  const v = cells.values;
  const nameKanji = storedNameKanji(cells.required('所有者氏名'));
  const nameKana = v.所有者氏名カナ ? storedNameKana(v.所有者氏名カナ) : null;
  // A corporation's kana may hold latin letters and digits; a person's may not, but which the owner is the record does not say.
  if (nameKana && !isKatakanaName(nameKana, { corporation: true })) cells.problem('所有者氏名カナ', '所有者氏名カナはカタカナで入力してください');
  const sexCode = cells.parse('所有者性別', sexSchema) ?? null;
  const birthDate = cells.parse('所有者生年月日', birthDateSchema) ?? null;
  const postalCode = cells.parse('所有者郵便番号', postalCodeSchema) ?? null;
  const address = cells.required('所有者住所');
  return nameKanji && address ? { nameKanji, nameKana, sexCode, birthDate, address, postalCode } : undefined;
}

function readDeclaration(rowNo: number, values: Record<DeclarationColumn, string>): { record: ForwardedRecord } | { problems: CellProblem[] } {
  const cells = new CellReader<Column>(rowNo, values as Record<Column, string>);
  if (!cells.checkLengths(TEXT_CELLS, CODE_CELL_MAX)) return { problems: cells.problems };
  const declarationType = DECLARATION_TYPES[cells.required('申告区分')];
  if (values.申告区分 && !declarationType) cells.problem('申告区分', `申告区分は ${Object.keys(DECLARATION_TYPES).join('・')} のいずれかです`);
  const date = cells.parse('異動日', eventDate('異動日'), { required: true });
  const receivedDate = cells.parse('受付日', eventDate('受付日')) ?? null;
  if (date && receivedDate && receivedDate < date) cells.problem('受付日', '受付日が異動日より前です');
  if (!values.車種) cells.problem('車種', '入力されていません');
  if (declarationType && declarationType !== 'deregistration' && !values.車両番号) cells.problem('車両番号', '廃車以外では車両番号が必要です');
  const { source, vehicle } = readVehicle(cells);
  const owner = readOwner(cells);
  const vehicleUser = values.使用者氏名 && values.使用者住所 ? { nameKanji: storedNameKanji(values.使用者氏名), nameKana: null, sexCode: null, birthDate: null, address: values.使用者住所, postalCode: null } : null;
  if (Boolean(values.使用者氏名) !== Boolean(values.使用者住所)) cells.problem(values.使用者氏名 ? '使用者住所' : '使用者氏名', '使用者は氏名と住所の両方を入力します');
  if (cells.problems.length > 0 || !declarationType || !date || !source || !vehicle || !owner) return { problems: cells.problems };
  return {
    record: { rowNo, source, kind: 'declaration', declarationType, eventDate: date, receivedDate, vehicle, declaredOwner: owner, vehicleUser, storagePlace: values.使用の本拠の位置 || null },
  };
}

function readInspection(rowNo: number, values: Record<InspectionColumn, string>): { record: ForwardedRecord } | { problems: CellProblem[] } {
  const cells = new CellReader<Column>(rowNo, values as Record<Column, string>);
  if (!cells.checkLengths(TEXT_CELLS, CODE_CELL_MAX)) return { problems: cells.problems };
  const date = cells.parse('検査日', eventDate('検査日'), { required: true });
  if (!values.初度検査年月) cells.problem('初度検査年月', '入力されていません');
  const { source, vehicle } = readVehicle(cells);
  if (cells.problems.length > 0 || !date || !source || !vehicle) return { problems: cells.problems };
  return { record: { rowNo, source, kind: 'inspection', declarationType: null, eventDate: date, receivedDate: null, vehicle, declaredOwner: null, vehicleUser: null, storagePlace: null } };
}

/** A CSV layout of docs/forwarded-data.md, recognised by a column only it has. */
function csvParser<C extends Column>(
  id: string,
  label: string,
  layout: CsvLayout<C>,
  marker: C,
  readRecord: (rowNo: number, values: Record<C, string>) => { record: ForwardedRecord } | { problems: CellProblem[] },
): ForwardedDataParser {
  return {
    id,
    label,
    recognises: (file) => readCsvRows(file.bytes, file.encoding).header.includes(marker),
    parse(file) {
      const { encoding, records } = readCsvTable(file.bytes, file.encoding, layout);
      const read: ForwardedRecord[] = [];
      const problems: CellProblem[] = [];
      for (const { rowNo, values } of records) {
        const result = readRecord(rowNo, values);
        if ('problems' in result) problems.push(...result.problems);
        else read.push(result.record);
      }
      return { encoding, records: read, problems: problems.slice(0, MAX_PROBLEMS), recordCount: records.length };
    },
  };
}

/** The layouts keitax reads out of the box, in the order they are tried. */
export const CSV_PARSERS: readonly ForwardedDataParser[] = [
  csvParser('keitax-csv-declarations', '申告データ(CSV)', DECLARATION_LAYOUT, '申告区分', readDeclaration),
  csvParser('keitax-csv-inspections', '検査情報(CSV)', INSPECTION_LAYOUT, '検査日', readInspection),
];
