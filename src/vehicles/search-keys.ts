/**
 * @module The keys a vehicle is searched by, made the same way when it is written and when a
 * clerk searches: any width folded (ＡＦ６８ → AF68), kana to one form (ｱ → ア), spaces, hyphens
 * and middle dots dropped, letters upper-cased. A reversed copy makes "ends with" a prefix
 * search, which a B-tree can answer under row-level security (migration 0040).
 */

/** Text as a key: NFKC, upper case, without spaces, hyphens or dots of any width. */
export function searchKeyOf(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑–—―−ー・.]/g, '');
}

export function reversed(key: string): string {
  return [...key].reverse().join('');
}

type PlateParts = { platePart1: string | null; platePart2: string | null; platePart3: string | null };
type Keyed = { chassisNo: string | null } & PlateParts;

/** The search columns of a record, from its plate and chassis number. */
export function vehicleSearchKeys(record: Keyed) {
  const plate = searchKeyOf([record.platePart1, record.platePart2, record.platePart3].filter(Boolean).join(''));
  const chassis = record.chassisNo ? searchKeyOf(record.chassisNo) : '';
  return {
    plateSearch: plate,
    plateSerialSearch: record.platePart3 ? searchKeyOf(record.platePart3) : '',
    plateSearchReversed: reversed(plate),
    chassisSearch: chassis,
    chassisSearchReversed: reversed(chassis),
  };
}
