import { describe, expect, it } from 'vitest';
import {
  addressKey,
  CHARACTER_VARIANTS,
  isKanaKey,
  isKatakanaName,
  kanjiNumeralValue,
  localAddressKey,
  nameTailKey,
  phoneKey,
  searchKey,
  storedNameKana,
  storedNameKanji,
  toKatakana,
} from './normalise.js';

describe('searchKey: names as clerks type them', () => {
  it.each([
    ['ｻﾄｳ ﾀﾛｳ', 'サトウタロウ'],
    ['サトウ　タロウ', 'サトウタロウ'],
    ['さとう たろう', 'サトウタロウ'],
    ['ｶﾞﾓｳ', 'ガモウ'],
    ['ﾊﾟｰｸ', 'パーク'],
    ['キョウコ', 'キヨウコ'],
    ['ツヅキ', 'ツズキ'],
    ['ヴィクター', 'ブイクター'],
  ])('%s → %s', (input, key) => {
    expect(searchKey(input)).toBe(key);
  });

  it('gives every width and spacing of one name the same key', () => {
    const forms = ['髙橋　太郎', '高橋 太郎', '高橋太郎', ' 髙橋  太郎 ', '高橋\t太郎'];
    expect(new Set(forms.map(searchKey))).toEqual(new Set(['高橋太郎']));
  });

  it('maps old and variant character forms for search', () => {
    expect(searchKey('𠮷田　一郎')).toBe(searchKey('吉田一郎'));
    expect(searchKey('齋藤')).toBe('斎藤');
    expect(searchKey('齊藤')).toBe('斎藤');
    expect(searchKey('渡邊')).toBe('渡辺');
    expect(searchKey('渡邉')).toBe('渡辺');
    expect(searchKey('山﨑')).toBe('山崎');
    expect(searchKey('𡈽屋')).toBe('土屋');
  });

  it('maps compatibility ideographs through NFKC (神 U+FA19 → 神)', () => {
    expect(searchKey('\uFA19田')).toBe('神田');
  });

  it('keeps every variant mapping single-character and never mapping a character to itself', () => {
    for (const [from, to] of Object.entries(CHARACTER_VARIANTS)) {
      expect([...from], from).toHaveLength(1);
      expect([...to], to).toHaveLength(1);
      expect(from).not.toBe(to);
      // The target must be what NFKC leaves alone, or the two steps would disagree.
      expect(to.normalize('NFKC')).toBe(to);
    }
  });

  it('upper-cases latin letters of either width', () => {
    expect(searchKey('ｊｏｈｎ Smith')).toBe('JOHNSMITH');
  });

  it('tells kana keys from others', () => {
    expect(isKanaKey(searchKey('ｻﾄｳ'))).toBe(true);
    expect(isKanaKey(searchKey('さとう'))).toBe(true);
    expect(isKanaKey(searchKey('佐藤'))).toBe(false);
    expect(isKanaKey(searchKey('佐藤さくら'))).toBe(false);
  });
});

describe('toKatakana', () => {
  it('converts hiragana including ゔ and the iteration marks, and nothing else', () => {
    expect(toKatakana('いすゞ ゔ あ漢A')).toBe('イスヾ ヴ ア漢A');
  });
});

describe('stored names are never rewritten beyond spacing and width', () => {
  it('keeps variant characters exactly as given', () => {
    expect(storedNameKanji('髙橋 太郎')).toBe('髙橋\u3000太郎');
    expect(storedNameKanji('  𠮷田   一郎 ')).toBe('𠮷田\u3000一郎');
    expect(storedNameKanji('山﨑\u3000花子')).toBe('山﨑\u3000花子');
  });

  it('widens half-width katakana in a name', () => {
    expect(storedNameKanji('ｻｸﾗ')).toBe('サクラ');
  });

  it('stores kana names as full-width katakana', () => {
    expect(storedNameKana('ﾀｶﾊｼ ﾀﾛｳ')).toBe('タカハシ\u3000タロウ');
    expect(storedNameKana('たかはし　たろう')).toBe('タカハシ\u3000タロウ');
  });

  it('accepts katakana names and refuses kanji or latin in a person’s kana', () => {
    expect(isKatakanaName(storedNameKana('ﾀｶﾊｼ ﾀﾛｳ'), { corporation: false })).toBe(true);
    expect(isKatakanaName(storedNameKana('ジョン・スミス'), { corporation: false })).toBe(true);
    expect(isKatakanaName(storedNameKana('高橋 タロウ'), { corporation: false })).toBe(false);
    expect(isKatakanaName(storedNameKana('Takahashi'), { corporation: false })).toBe(false);
    expect(isKatakanaName(storedNameKana('カブシキガイシャ ABC'), { corporation: true })).toBe(true);
  });
});

describe('addressKey', () => {
  it('gives the forms of one address the same key', () => {
    const forms = [
      '埼玉県越谷市越ヶ谷一丁目2番3号',
      '越谷市越ケ谷1-2-3',
      '越谷市越ヶ谷１丁目２－３',
      '越谷市 越ヶ谷 1丁目2番地3',
      '越谷市越ヶ谷1ー2ー3',
      '越谷市越ケ谷1丁目2の3',
    ];
    expect(new Set(forms.map(addressKey))).toEqual(new Set(['越谷市越ケ谷1-2-3']));
  });

  it('drops 大字 and reads kanji block numbers', () => {
    expect(addressKey('越谷市大字大沢二十三番地')).toBe('越谷市大沢23');
    expect(addressKey('東京都足立区架空町三丁目十番五号')).toBe('足立区架空町3-10-5');
  });

  it('reads kanji numerals', () => {
    expect(kanjiNumeralValue('二十三')).toBe(23);
    expect(kanjiNumeralValue('十')).toBe(10);
    expect(kanjiNumeralValue('百五')).toBe(105);
    expect(kanjiNumeralValue('三〇五')).toBe(305);
  });
});

describe('nameTailKey: the part clerks also search by', () => {
  it('is the given name of a person', () => {
    expect(nameTailKey('髙橋\u3000太郎')).toBe('太郎');
    expect(nameTailKey('ﾀｶﾊｼ ﾀﾛｳ')).toBe('タロウ');
  });

  it('is a corporate name without its legal form, at either end', () => {
    expect(nameTailKey('株式会社こしがや配送')).toBe('コシガヤ配送');
    expect(nameTailKey('カブシキガイシャコシガヤハイソウ')).toBe('コシガヤハイソウ');
    expect(nameTailKey('こしがや商事株式会社')).toBe('コシガヤ商事');
    expect(nameTailKey('㈱こしがや')).toBe('コシガヤ');
  });

  it('is empty when the name has no second part', () => {
    expect(nameTailKey('林')).toBe('');
    expect(nameTailKey('越谷市役所')).toBe('');
  });
});

describe('localAddressKey', () => {
  it.each([
    ['越谷市越ケ谷1-2-3', '越ケ谷1-2-3'],
    ['足立区架空町1-1', '架空町1-1'],
    ['さいたま市浦和区高砂1', '高砂1'],
    ['北葛飾郡杉戸町清地1', '清地1'],
    ['越ケ谷1-2', '越ケ谷1-2'],
  ])('%s → %s', (key, local) => {
    expect(localAddressKey(key)).toBe(local);
  });
});

describe('phoneKey', () => {
  it('keeps digits only', () => {
    expect(phoneKey('048-000-1234')).toBe('0480001234');
    expect(phoneKey('(048)000-1234')).toBe('0480001234');
    expect(phoneKey('０４８ ０００ １２３４')).toBe('0480001234');
  });
});
