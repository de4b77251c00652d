/**
 * Calendar dates as clerks type them: `1980-04-15`, `19800415`, `1980/4/15`, and Japanese era
 * dates `昭和55年4月15日`, `S55.4.15`, `昭55/4/15`, `R7.4.1`, `令和元年5月1日`. Eras from 明治 on,
 * by their first day (元号法; 明治改元の詔 etc.): a date before its era began is refused.
 */
const ERAS = [
  { names: ['令和', '令', 'R'], firstDay: '2019-05-01', offset: 2018 },
  { names: ['平成', '平', 'H'], firstDay: '1989-01-08', offset: 1988 },
  { names: ['昭和', '昭', 'S'], firstDay: '1926-12-25', offset: 1925 },
  { names: ['大正', '大', 'T'], firstDay: '1912-07-30', offset: 1911 },
  { names: ['明治', '明', 'M'], firstDay: '1868-01-25', offset: 1867 },
] as const;

const pad = (value: number) => String(value).padStart(2, '0');

/** True for a real calendar day written YYYY-MM-DD (no 2月30日). */
export function isCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The date as YYYY-MM-DD, or undefined when it is not a date in any form above. */
export function parseJapaneseDate(input: string): string | undefined {
  const text = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const western = /^(\d{4})(?:[-/.年]?)(\d{1,2})(?:[-/.月]?)(\d{1,2})日?$/.exec(text);
  if (western && (text.length === 8 || /[-/.年]/.test(text))) {
    return calendarDate(Number(western[1]), Number(western[2]), Number(western[3]));
  }
  const era = /^(令和|令|R|平成|平|H|昭和|昭|S|大正|大|T|明治|明|M)(元|\d{1,2})[.年/-](\d{1,2})[.月/-](\d{1,2})日?$/.exec(text);
  if (!era) return undefined;
  const definition = ERAS.find((e) => (e.names as readonly string[]).includes(era[1] ?? ''));
  if (!definition) return undefined;
  const year = (era[2] === '元' ? 1 : Number(era[2])) + definition.offset;
  const iso = calendarDate(year, Number(era[3]), Number(era[4]));
  return iso && iso >= definition.firstDay ? iso : undefined;
}

function calendarDate(year: number, month: number, day: number): string | undefined {
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return isCalendarDate(iso) ? iso : undefined;
}
