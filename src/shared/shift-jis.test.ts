import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeShiftJis, unencodableInShiftJis } from './shift-jis.js';

describe('Shift_JIS output', () => {
  it('finds nothing wrong in text Windows-31J holds, NEC and IBM extensions included', () => {
    expect(unencodableInShiftJis('髙橋 﨑 ① ㈱')).toEqual([]);
    expect(iconv.decode(encodeShiftJis('\uFEFF"髙橋 ①"\r\n'), 'cp932')).toBe('"髙橋 ①"\r\n');
  });

  it('names each character it would lose, once, rather than writing ?', () => {
    expect(unencodableInShiftJis('𠮷田 𠮷野 🚗 ?')).toEqual(['𠮷', '🚗']);
    expect(() => encodeShiftJis('𠮷田')).toThrow(/𠮷/);
  });
});
