import { describe, expect, it } from 'vitest';
import { decideMatch, isExactMatch, rankCandidates, scoreBasicItems, type BasicItems } from './matching.js';

const stored: BasicItems = {
  nameKanji: '髙橋\u3000太郎',
  nameKana: 'タカハシ\u3000タロウ',
  sexCode: '1',
  birthDate: '1980-04-15',
  address: '埼玉県越谷市越ヶ谷一丁目2番3号',
};

describe('scoreBasicItems', () => {
  it('scores 100 with nothing differing when all four items agree, whatever their spelling', () => {
    const match = scoreBasicItems(
      { nameKanji: '高橋 太郎', nameKana: 'ﾀｶﾊｼ ﾀﾛｳ', sexCode: '1', birthDate: '1980-04-15', address: '越谷市越ケ谷1-2-3' },
      stored,
    );
    expect(match).toEqual({ score: 100, matched: ['name', 'sex', 'birthDate', 'address'], differing: [], unknown: [] });
    expect(isExactMatch(match)).toBe(true);
  });

  it('names the differing item and scores less', () => {
    const moved = scoreBasicItems({ ...stored, address: '越谷市大沢1-1-1' }, stored);
    expect(moved.differing).toEqual(['address']);
    expect(moved.score).toBeGreaterThanOrEqual(80);
    expect(moved.score).toBeLessThan(100);
    expect(isExactMatch(moved)).toBe(false);

    const otherBirth = scoreBasicItems({ ...stored, birthDate: '1975-01-01' }, stored);
    expect(otherBirth).toMatchObject({ score: 70, differing: ['birthDate'] });

    const otherSex = scoreBasicItems({ ...stored, sexCode: '2' }, stored);
    expect(otherSex).toMatchObject({ score: 90, differing: ['sex'] });
  });

  it('gives part of the birth date for a slip in one of year, month or day', () => {
    expect(scoreBasicItems({ ...stored, birthDate: '1980-04-16' }, stored).score).toBe(80);
    expect(scoreBasicItems({ ...stored, birthDate: '1981-05-15' }, stored).score).toBe(70);
  });

  it('gives half of the name when the reading agrees but the kanji does not', () => {
    const typo = scoreBasicItems({ ...stored, nameKanji: '高嶋 太郎' }, stored);
    expect(typo).toMatchObject({ score: 80, differing: ['name'] });
  });

  it('compares the name by the forms the declaration gives', () => {
    const kanaOnly = scoreBasicItems({ ...stored, nameKanji: null }, stored);
    expect(kanaOnly.matched).toContain('name');
  });

  it('gives a same-town address a little, another town nothing', () => {
    const sameTown = scoreBasicItems({ ...stored, address: '越谷市越ヶ谷5丁目9番9号' }, stored).score;
    const otherTown = scoreBasicItems({ ...stored, address: '草加市高砂1-1-1' }, stored).score;
    expect(sameTown).toBeGreaterThan(otherTown);
    expect(sameTown).toBeLessThanOrEqual(90);
    expect(otherTown).toBe(80);
  });

  it('leaves items missing on either side out of the comparison and never calls that exact', () => {
    const match = scoreBasicItems({ nameKanji: '高橋太郎', birthDate: '1980-04-15' }, stored);
    expect(match).toEqual({ score: 70, matched: ['name', 'birthDate'], differing: [], unknown: ['sex', 'address'] });
    expect(isExactMatch(match)).toBe(false);
    expect(scoreBasicItems({}, stored)).toEqual({ score: 0, matched: [], differing: [], unknown: ['name', 'sex', 'birthDate', 'address'] });
  });

  it('scores nothing for a different person', () => {
    const other = scoreBasicItems(
      { nameKanji: '佐藤 花子', nameKana: 'サトウ ハナコ', sexCode: '2', birthDate: '1990-01-01', address: '草加市高砂1-1-1' },
      stored,
    );
    expect(other.score).toBe(0);
    expect(other.differing).toEqual(['name', 'sex', 'birthDate', 'address']);
  });
});

describe('decideMatch', () => {
  const candidate = (id: string, items: BasicItems) => ({ id, match: scoreBasicItems(stored, items) });

  it('links the one candidate that agrees on all four items', () => {
    const candidates = [candidate('a', stored), candidate('b', { ...stored, birthDate: '1980-04-16' })];
    expect(decideMatch(candidates)).toEqual({ decision: 'linked', linked: candidates[0] });
  });

  it('sends two exact candidates (a duplicate in the register) to a clerk', () => {
    expect(decideMatch([candidate('a', stored), candidate('b', stored)])).toEqual({ decision: 'review' });
  });

  it('sends near misses and no candidates to a clerk', () => {
    expect(decideMatch([candidate('b', { ...stored, sexCode: '2' })])).toEqual({ decision: 'review' });
    expect(decideMatch([])).toEqual({ decision: 'review' });
  });

  it('ranks the best first', () => {
    const ranked = rankCandidates([candidate('low', { ...stored, nameKanji: '佐藤太郎', nameKana: 'サトウタロウ' }), candidate('high', stored)]);
    expect(ranked.map((c) => c.id)).toEqual(['high', 'low']);
  });
});
