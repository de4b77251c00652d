/** @module How clerks' input and stored addressees are made comparable: the one place for the rules of
 * search and of matching by the four basic items (基本4情報). Stored names are never changed by
 * these rules; they only produce *keys* kept beside the names (addressee.*_search) and computed
 * from the clerk's query the same way.
 *
 * Width: Unicode NFKC (full-width ASCII → ASCII, half-width katakana → katakana with the voiced
 * mark composed: ｶﾞ → ガ). Kana: hiragana → katakana by code point (a fixed offset). The npm
 * package `jaconv` was considered: its conversions are NFKC's plus the same offset, and it misses
 * the iteration marks ゝゞ, so a dependency would add nothing on a closed network.
 */

/**
 * Bumped whenever a rule below changes: stored keys of an older version are recomputed at start
 * (see refreshSearchKeys in service.ts), so a new mapping applies to every addressee at once.
 */
export const NORMALISATION_VERSION = 1;

/**
 * Common 異体字 (old and variant character forms) mapping used for search only — stored names
 * are never changed. Each maps to the form in 常用漢字表 / JIS X 0208 that clerks type, after the
 * pairs 戸籍統一文字 and 住基ネット統一文字 list as the same character in another form. Search
 * favours recall: the clerk confirms the person on the list of results.
 */
export const CHARACTER_VARIANTS: Readonly<Record<string, string>> = {
  髙: '高',
  𠮷: '吉',
  齋: '斎',
  齊: '斎',
  斉: '斎',
  邊: '辺',
  邉: '辺',
  﨑: '崎',
  嵜: '崎',
  嶋: '島',
  嶌: '島',
  澤: '沢',
  濱: '浜',
  濵: '浜',
  國: '国',
  圀: '国',
  廣: '広',
  櫻: '桜',
  會: '会',
  實: '実',
  德: '徳',
  惠: '恵',
  眞: '真',
  藏: '蔵',
  龍: '竜',
  與: '与',
  壽: '寿',
  禮: '礼',
  豐: '豊',
  條: '条',
  瀨: '瀬',
  檜: '桧',
  冨: '富',
  槇: '槙',
  淺: '浅',
  傳: '伝',
  萬: '万',
  舘: '館',
  髮: '髪',
  將: '将',
  榮: '栄',
  戶: '戸',
  黑: '黒',
  來: '来',
  綠: '緑',
  學: '学',
  驛: '駅',
  靜: '静',
  縣: '県',
  𡈽: '土',
};

/**
 * Kana that clerks and old systems write either way: small kana as their large forms, and the
 * rare ヂ ヅ ヲ ヰ ヱ ヴ as the ones in everyday use (ツヅキ/ツズキ). Search and matching only.
 */
const KANA_FOLDS: Readonly<Record<string, string>> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ',
  ヵ: 'カ', ヶ: 'ケ', ヂ: 'ジ', ヅ: 'ズ', ヲ: 'オ', ヰ: 'イ', ヱ: 'エ', ヴ: 'ブ',
};

const HIRAGANA = /[\u3041-\u3096\u309D\u309E]/g;
const HIRAGANA_TO_KATAKANA_OFFSET = 0x60;

/** ひらがな → カタカナ (ぁ…ゖ and the iteration marks ゝゞ). */
export function toKatakana(text: string): string {
  return text.replace(HIRAGANA, (c) => String.fromCharCode(c.charCodeAt(0) + HIRAGANA_TO_KATAKANA_OFFSET));
}

function mapCodePoints(text: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const c of text) out += table[c] ?? c;
  return out;
}

/**
 * The key a name is searched and matched by: NFKC, no spaces of either width, katakana for
 * hiragana, small and rare kana folded, variant characters mapped, latin letters upper-case.
 * 「髙橋 ﾀﾛｳ」 (full-width space), 「高橋太郎」 and 「たかはし たろう」 each become a key that the same
 * person's stored key equals or contains.
 */
export function searchKey(text: string): string {
  const wide = text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return mapCodePoints(mapCodePoints(toKatakana(wide), KANA_FOLDS), CHARACTER_VARIANTS);
}

/** A key made only of katakana (and ー): searched against the kana name, else the kanji name. */
export function isKanaKey(key: string): boolean {
  return /^[\u30A1-\u30FE]+$/.test(key);
}

/**
 * Legal forms a corporate name begins or ends with (商業登記の法人種別, and the ㈱ ㈲ marks as NFKC
 * writes them), in characters and in kana: clerks search a company by the rest of its name.
 */
const LEGAL_FORMS = [
  '株式会社', '有限会社', '合同会社', '合名会社', '合資会社', '一般社団法人', '一般財団法人', '公益社団法人', '公益財団法人',
  '社会福祉法人', '医療法人', '特定非営利活動法人', '学校法人', '宗教法人', '農事組合法人', '(株)', '(有)', '(合)',
  'カブシキガイシャ', 'カブシキカイシャ', 'ユウゲンガイシャ', 'ユウゲンカイシャ', 'ゴウドウガイシャ', 'ゴウメイガイシャ', 'ゴウシガイシャ',
  'イッパンシャダンホウジン', 'イッパンザイダンホウジン', 'シャカイフクシホウジン', 'イリョウホウジン', 'ガッコウホウジン', 'ノウジクミアイホウジン',
];
const LEGAL_FORM_AT_ENDS = new RegExp(`^(?:${LEGAL_FORMS.map(escapeRegExp).join('|')})|(?:${LEGAL_FORMS.map(escapeRegExp).join('|')})$`, 'g');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The key of a name's second part, so a search by it is a prefix search too: a person's given
 * name (after the space registries put between surname and given name), a corporation's name
 * without its legal form (株式会社こしがや配送 → コシガヤ配送). Empty when there is none.
 */
export function nameTailKey(name: string): string {
  const text = toKatakana(name.normalize('NFKC')).trim();
  const space = /\s+/.exec(text);
  const tail = space ? text.slice(space.index + space[0].length) : text.replace(LEGAL_FORM_AT_ENDS, '');
  const key = searchKey(tail);
  return key === searchKey(text) ? '' : key;
}

/** Phone numbers compare by their digits alone: 048-000-1234, (048)000-1234, ０４８０００１２３４. */
export function phoneKey(text: string): string {
  return text.normalize('NFKC').replace(/[^0-9]/g, '');
}

const PREFECTURE = /^(北海道|東京都|(?:京都|大阪)府|.{2,3}県)/;
const KANJI_DIGITS: Readonly<Record<string, number>> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二十三 → 23, 百五 → 105, 三〇五 → 305 (how block numbers are written in kanji). */
export function kanjiNumeralValue(numeral: string): number {
  if (!/[十百]/.test(numeral)) return Number([...numeral].map((c) => KANJI_DIGITS[c] ?? 0).join(''));
  let total = 0;
  let digit = 0;
  for (const c of numeral) {
    if (c === '百' || c === '十') {
      total += (digit || 1) * (c === '百' ? 100 : 10);
      digit = 0;
    } else {
      digit = KANJI_DIGITS[c] ?? 0;
    }
  }
  return total + digit;
}

/**
 * The key an address is searched and matched by. On top of `searchKey`: the prefecture is
 * dropped (declarations often leave it out), 大字 is dropped, block numbers in kanji become
 * digits, and 丁目・番地・番・号・の between numbers become hyphens, so 「埼玉県越谷市越ヶ谷一丁目
 * 2番3号」 and 「越谷市越ケ谷1-2-3」 have the same key.
 */
export function addressKey(text: string): string {
  return searchKey(text)
    .replace(PREFECTURE, '')
    .replace(/大字/g, '')
    .replace(/[〇一二三四五六七八九十百]+(?=丁目|番地|番|号)/g, (numeral) => String(kanjiNumeralValue(numeral)))
    .replace(/(?<=[0-9])[ー‐−―–—]/g, '-')
    .replace(/(?<=[0-9])(丁目|番地|番|号|ノ)/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '');
}

/**
 * An address key without its city, ward, or county and town (越谷市越ケ谷1-2-3 → 越ケ谷1-2-3;
 * さいたま市浦和区高砂1 → 高砂1): clerks search a resident by town and block.
 */
export function localAddressKey(key: string): string {
  return key.replace(/^(?:[^市区郡0-9-]{1,6}市)?(?:[^市区郡0-9-]{1,5}区)?(?:[^市区郡0-9-]{1,5}郡[^町村0-9-]{1,5}[町村])?/, '');
}

/** Stored names separate surname and given name by one full-width space, as registries do. */
const NAME_SEPARATOR = '\u3000';

/**
 * A name as it is stored: trimmed, one full-width space between parts, half-width katakana
 * widened. Nothing else is touched — a 髙 stays 髙.
 */
export function storedNameKanji(input: string): string {
  return input
    .replace(/[\uFF61-\uFF9F]+/g, (halfWidth) => halfWidth.normalize('NFKC'))
    .trim()
    .split(/\s+/)
    .join(NAME_SEPARATOR);
}

/** A kana name as it is stored: full-width katakana, one full-width space between parts. */
export function storedNameKana(input: string): string {
  return toKatakana(input.normalize('NFKC')).trim().split(/\s+/).join(NAME_SEPARATOR);
}

/**
 * Whether a stored kana name is written in katakana: a person's only in katakana, ー and ・; a
 * corporation's may also hold latin letters and digits (カブシキガイシャエーワン, ABC).
 */
export function isKatakanaName(stored: string, options: { corporation: boolean }): boolean {
  const allowed = options.corporation ? /^[\u30A1-\u30FAー・\u3000A-Z0-9]+$/ : /^[\u30A1-\u30FAー・\u3000]+$/;
  return allowed.test(stored);
}
