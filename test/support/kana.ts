/** Katakana as an old terminal types it: half-width, voiced marks apart (ガ → ｶﾞ), spaces half-width. */
const HALF_WIDTH: Record<string, string> = {
  ...Object.fromEntries(
    [...'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー'].map((c, i) => [
      c,
      'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ'[i] ?? c,
    ]),
  ),
  '\u3099': 'ﾞ',
  '\u309A': 'ﾟ',
};

export function halfWidthKana(kana: string): string {
  return kana
    .normalize('NFKD')
    .replace(/\u3000/g, ' ')
    .replace(/[ァ-ン]|\u3099|\u309A/g, (c) => HALF_WIDTH[c] ?? c);
}
