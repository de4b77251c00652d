import { describe, expect, it } from 'vitest';
import { collectionDeadline, correctionAllowed } from './limitation.js';
import { NATIONAL } from './rulebook.js';

describe('limitation of corrections and of collection', () => {
  it('counts from the day after the statutory due date: raise 3 years, lower 5, deceit 7', () => {
    const at = (direction: 'increase' | 'decrease', date: string, deceit = false) => correctionAllowed(NATIONAL, { fiscalYear: 2026, direction, date, deceit });
    expect(at('increase', '2029-06-01')).toMatchObject({ allowed: true, deadline: '2029-06-01', statutoryDueDate: '2026-06-01' });
    expect(at('increase', '2029-06-02').allowed).toBe(false);
    expect(at('decrease', '2031-06-01').allowed).toBe(true);
    expect(at('decrease', '2031-06-02').allowed).toBe(false);
    expect(at('increase', '2033-06-01', true)).toMatchObject({ allowed: true, deadline: '2033-06-01' });
    expect(at('increase', '2033-06-02', true).allowed).toBe(false);
    expect(at('increase', '2029-06-02').explanation).toContain('更正できません');
    expect(at('increase', '2029-06-02').citations[0]).toBe('地方税法第17条の5第3項・第4項・第7項');
  });

  it('keeps the collection right five years after the statutory due date', () => {
    expect(collectionDeadline(NATIONAL, 2025).deadline).toBe('2030-06-02');
    expect(collectionDeadline(NATIONAL, 2026).citations).toContain('地方税法第18条第1項');
  });
});
