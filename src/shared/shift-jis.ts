/**
 * @module Writing text as Shift_JIS (Windows-31J, iconv-lite's cp932) for the offices whose
 * spreadsheets and systems read nothing else. iconv-lite writes `?` for a character it cannot
 * encode, without a word: a name such as 𠮷田 or 﨑 written as ?田 would be a different name.
 * So every character must survive the round trip encode → decode; `unencodable` lists those that
 * would not, so the caller can refuse and name them instead of losing them.
 */
import iconv from 'iconv-lite';

/** The characters of `text` Shift_JIS cannot hold, each once, in order of appearance. */
export function unencodableInShiftJis(text: string): string[] {
  if (iconv.decode(iconv.encode(text, 'cp932'), 'cp932') === text) return [];
  return [...new Set([...text].filter((char) => iconv.decode(iconv.encode(char, 'cp932'), 'cp932') !== char))];
}

/** `text` as Shift_JIS bytes, a leading byte-order mark dropped (it has no meaning there); the caller has checked `unencodableInShiftJis`. */
export function encodeShiftJis(text: string): Buffer {
  const unencodable = unencodableInShiftJis(text.replace(/^\uFEFF/, ''));
  if (unencodable.length > 0) throw new Error(`text holds characters Shift_JIS cannot: ${unencodable.join(' ')}`);
  return iconv.encode(text.replace(/^\uFEFF/, ''), 'cp932');
}
