/**
 * @module Matching a declaration to a person by the four basic items (基本4情報: 氏名・性別・生年月日・
 * 住所), as the seed requires (II.3⑥ 「本人特定のため、申告書と基本4情報を突合する」, III.2 C1/C2).
 * Pure: scores one declared set of items against one addressee and says which items differ.
 */
import { addressKey, searchKey } from './normalise.js';

export type BasicItem = 'name' | 'sex' | 'birthDate' | 'address';

export const BASIC_ITEM_LABELS: Readonly<Record<BasicItem, string>> = {
  name: '氏名',
  sex: '性別',
  birthDate: '生年月日',
  address: '住所',
};

export interface BasicItems {
  nameKanji?: string | null;
  nameKana?: string | null;
  sexCode?: '1' | '2' | null;
  /** YYYY-MM-DD */
  birthDate?: string | null;
  address?: string | null;
}

export interface MatchScore {
  /** 0–100: how much of the four items agree, weighted by how well each tells people apart. */
  score: number;
  matched: BasicItem[];
  /** Present on both sides and not equal. */
  differing: BasicItem[];
  /** Missing on either side, so not compared. */
  unknown: BasicItem[];
}

/**
 * Weights: a name and a birth date identify a person far better than a sex; the address is
 * the item most often out of date on a declaration.
 */
const WEIGHTS: Readonly<Record<BasicItem, number>> = { name: 40, birthDate: 30, address: 20, sex: 10 };

type Comparison = { item: BasicItem; agreement: number } | { item: BasicItem; unknown: true };

export function scoreBasicItems(declared: BasicItems, candidate: BasicItems): MatchScore {
  const comparisons: Comparison[] = [
    compareName(declared, candidate),
    compareExact('sex', declared.sexCode, candidate.sexCode),
    compareBirthDate(declared.birthDate, candidate.birthDate),
    compareAddress(declared.address, candidate.address),
  ];
  const result: MatchScore = { score: 0, matched: [], differing: [], unknown: [] };
  let points = 0;
  for (const comparison of comparisons) {
    if ('unknown' in comparison) {
      result.unknown.push(comparison.item);
      continue;
    }
    points += WEIGHTS[comparison.item] * comparison.agreement;
    (comparison.agreement === 1 ? result.matched : result.differing).push(comparison.item);
  }
  result.score = Math.round(points);
  return result;
}

/** All four items present on both sides and equal: the only match that may link by itself. */
export function isExactMatch(score: MatchScore): boolean {
  return score.differing.length === 0 && score.unknown.length === 0;
}

export type MatchDecision<T> = { decision: 'linked'; linked: T } | { decision: 'review' };

/**
 * Links automatically only when exactly one candidate matches on all four items; two exact
 * candidates (a duplicate in the register) or none go to a clerk with the candidates listed.
 */
export function decideMatch<T extends { match: MatchScore }>(candidates: readonly T[]): MatchDecision<T> {
  const exact = candidates.filter((c) => isExactMatch(c.match));
  return exact.length === 1 && exact[0] ? { decision: 'linked', linked: exact[0] } : { decision: 'review' };
}

/** Best first; equal scores keep their order. */
export function rankCandidates<T extends { match: MatchScore }>(candidates: readonly T[]): T[] {
  return [...candidates].sort((a, b) => b.match.score - a.match.score);
}

const present = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * A name agrees when every form the declaration gives (kanji, kana) agrees; half when one form
 * agrees and the other does not (a mistyped kanji with the right reading).
 */
function compareName(declared: BasicItems, candidate: BasicItems): Comparison {
  const forms = (['nameKanji', 'nameKana'] as const).filter((form) => present(declared[form]) && present(candidate[form]));
  if (forms.length === 0) return { item: 'name', unknown: true };
  const agreeing = forms.filter((form) => searchKey(declared[form] ?? '') === searchKey(candidate[form] ?? '')).length;
  return { item: 'name', agreement: agreeing === forms.length ? 1 : agreeing > 0 ? 0.5 : 0 };
}

function compareExact(item: BasicItem, declared: string | null | undefined, candidate: string | null | undefined): Comparison {
  if (!present(declared) || !present(candidate)) return { item, unknown: true };
  return { item, agreement: declared === candidate ? 1 : 0 };
}

/** Two of year, month and day agreeing earn a third: a typing slip in one part. */
function compareBirthDate(declared: string | null | undefined, candidate: string | null | undefined): Comparison {
  if (!present(declared) || !present(candidate)) return { item: 'birthDate', unknown: true };
  if (declared === candidate) return { item: 'birthDate', agreement: 1 };
  const a = declared.split('-');
  const b = candidate.split('-');
  const same = a.filter((part, i) => part === b[i]).length;
  return { item: 'birthDate', agreement: same === 2 ? 1 / 3 : 0 };
}

/**
 * Addresses agree when their keys are equal; otherwise they earn the share of the longer key
 * that both begin with, up to half — the same town but another block is still a clue.
 */
function compareAddress(declared: string | null | undefined, candidate: string | null | undefined): Comparison {
  if (!present(declared) || !present(candidate)) return { item: 'address', unknown: true };
  const a = addressKey(declared);
  const b = addressKey(candidate);
  if (a === b) return { item: 'address', agreement: 1 };
  const a1 = [...a];
  const b1 = [...b];
  let common = 0;
  while (common < a1.length && a1[common] === b1[common]) common++;
  return { item: 'address', agreement: Math.min(0.5, common / Math.max(a1.length, b1.length) / 2) };
}
