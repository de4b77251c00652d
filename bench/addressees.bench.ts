import type { Insertable } from 'kysely';
import { commandLineActor } from '../src/access/actor.js';
import { AccessControl } from '../src/access/guard.js';
import { addresseeSearchSchema } from '../src/addressees/model.js';
import { searchKeysOf } from '../src/addressees/repository.js';
import { AddresseeService } from '../src/addressees/service.js';
import type { Database } from '../src/db/database.js';
import type { Addressee } from '../src/db/schema.js';
import { analyzeDatabase } from '../src/db/maintenance.js';
import { seedDemoCity } from '../src/demo/seed.js';
import { Vault } from '../src/integrated-addressees/vault.js';
import { generateKeyMaterial, keyEnvironment, loadKeys } from '../src/keys/keys.js';
import { loadConfig } from '../src/config.js';
import { halfWidthKana } from '../test/support/kana.js';
import { latency, ms, timeOnce, type Benchmark } from './harness.js';

const CITY = '112224';
const ADDRESSEES = 300_000;
const CHUNK = 1000;

/** 100 common surnames (with variant forms clerks meet) and 60 given names: ~1% of people share a surname. */
const SURNAMES = `佐藤サトウ 鈴木スズキ 高橋タカハシ 髙橋タカハシ 田中タナカ 伊藤イトウ 渡辺ワタナベ 渡邊ワタナベ 山本ヤマモト 中村ナカムラ 小林コバヤシ 加藤カトウ
吉田ヨシダ 𠮷田ヨシダ 山田ヤマダ 佐々木ササキ 山口ヤマグチ 松本マツモト 井上イノウエ 木村キムラ 林ハヤシ 斎藤サイトウ 齋藤サイトウ 清水シミズ 山崎ヤマザキ 山﨑ヤマザキ
森モリ 池田イケダ 橋本ハシモト 阿部アベ 石川イシカワ 山下ヤマシタ 中島ナカジマ 石井イシイ 小川オガワ 前田マエダ 岡田オカダ 長谷川ハセガワ 藤田フジタ 後藤ゴトウ
近藤コンドウ 村上ムラカミ 遠藤エンドウ 青木アオキ 坂本サカモト 斉藤サイトウ 福田フクダ 太田オオタ 西村ニシムラ 藤井フジイ 金子カネコ 岡本オカモト 藤原フジワラ 中野ナカノ
三浦ミウラ 原田ハラダ 中川ナカガワ 松田マツダ 竹内タケウチ 小野オノ 田村タムラ 中山ナカヤマ 和田ワダ 石田イシダ 森田モリタ 上田ウエダ 原ハラ 内田ウチダ 柴田シバタ
酒井サカイ 宮崎ミヤザキ 横山ヨコヤマ 高木タカギ 安藤アンドウ 宮本ミヤモト 大野オオノ 小島コジマ 工藤クドウ 谷口タニグチ 今井イマイ 高田タカダ 丸山マルヤマ 増田マスダ
杉山スギヤマ 村田ムラタ 大塚オオツカ 小山コヤマ 平野ヒラノ 藤本フジモト 河野コウノ 久保クボ 松井マツイ 千葉チバ 岩崎イワサキ 木下キノシタ 野口ノグチ 菊地キクチ 野村ノムラ`
  .split(/\s+/)
  .map((entry) => {
    const split = entry.search(/[ァ-ヶ]/);
    return [entry.slice(0, split), entry.slice(split)] as const;
  });
const GIVEN_NAMES = `太郎タロウ 一郎イチロウ 健太ケンタ 翔ショウ 大輔ダイスケ 誠マコト 浩ヒロシ 蓮レン 悠真ユウマ 拓也タクヤ 修オサム 隆タカシ 直樹ナオキ 和也カズヤ 達也タツヤ
翔太ショウタ 大樹ダイキ 亮リョウ 陽斗ハルト 湊ミナト 勇気ユウキ 聡サトシ 剛ツヨシ 学マナブ 茂シゲル 実ミノル 進ススム 清キヨシ 正雄マサオ 洋一ヨウイチ
花子ハナコ 陽子ヨウコ 美咲ミサキ 結衣ユイ 恵子ケイコ 裕子ユウコ 葵アオイ 真由美マユミ 智子トモコ 彩アヤ 凛リン 京子キョウコ 幸子サチコ 由美ユミ 直美ナオミ
久美子クミコ 明美アケミ 千尋チヒロ 愛アイ 舞マイ 優子ユウコ 桜サクラ 陽菜ヒナ 結菜ユイナ 芽衣メイ 七海ナナミ 美穂ミホ 香織カオリ 麻衣マイ 綾子アヤコ`
  .split(/\s+/)
  .map((entry, i) => {
    const split = entry.search(/[ァ-ヶ]/);
    return [entry.slice(0, split), entry.slice(split), i < 30 ? '1' : '2'] as const;
  });
const TOWNS = ['越ヶ谷', '赤山町', '大沢', '北越谷', '南越谷', '蒲生', '袋山', '千間台東', '新越谷', '瓦曽根', '谷中町', '東越谷', '花田', 'レイクタウン'];

/** mulberry32, as the demo city: the same 300,000 people on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * Search as clerks search, on a register of 300,000 addressees: each query through the whole
 * AddresseeService — permission check, municipality-bound transaction, ranked SQL, and the
 * audit entry written in the same transaction — as a request would run it.
 */
export const addresseesBenchmark: Benchmark = {
  id: 'addressees',
  title: 'Addressee search at city scale',
  async run({ db }) {
    const keys = loadKeys(loadConfig({ ...keyEnvironment(generateKeyMaterial()), LOG_LEVEL: 'silent' })).keys;
    const vault = new Vault(keys.vault);
    await seedDemoCity(db, vault);
    const { people, load } = await loadAddressees(db);
    const analyze = await timeOnce(() => analyzeDatabase(db));

    const service = new AddresseeService(new AccessControl(db, keys), vault);
    const clerk = commandLineActor(CITY, ['addressee.read']);
    const search = (criteria: Record<string, string>) => service.search(clerk, addresseeSearchSchema.parse(criteria));
    const sample = (i: number) => people[(i * 7919) % people.length] as Insertable<Addressee> & { nameKana: string; nameKanji: string; birthDate: string; address: string };
    const hits = async (criteria: Record<string, string>) => (await search(criteria)).hits.length;

    const figures = [
      { what: `bulk load ${ADDRESSEES.toLocaleString('en-US')} addressees with search keys (TS normalisation, SQL insert)`, value: ms(load.ms) },
      { what: 'ANALYZE after the load', value: ms(analyze.ms) },
    ];
    const cases: [string, (i: number) => Record<string, string>][] = [
      ['full name in half-width kana with a space (ｻﾄｳ ﾀﾛｳ)', (i) => ({ name: halfWidthKana(sample(i).nameKana) })],
      ['surname in half-width kana (ｻﾄｳ: ~3,000 hits ranked)', (i) => ({ name: halfWidthKana(sample(i).nameKana.split('\u3000')[0] ?? '') })],
      ['full name in kanji, variant forms folded (髙橋太郎)', (i) => ({ name: sample(i).nameKanji.replace('\u3000', '') })],
      ['one-character surname (林)', () => ({ name: '林' })],
      ['given name alone in hiragana (second key)', (i) => ({ name: (sample(i).nameKana.split('\u3000')[1] ?? '').replace(/[ァ-ヶ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)) })],
      ['birth date in 和暦 (S55.4.15)', (i) => ({ birthDate: showa(sample(i).birthDate) })],
      ['surname and birth date', (i) => ({ name: sample(i).nameKana.split('\u3000')[0] ?? '', birthDate: sample(i).birthDate })],
      ['address fragment (越ヶ谷3丁目12番)', (i) => ({ address: sample(i).address.replace(/^埼玉県越谷市/, '').replace(/\d+号$/, '') })],
      ['addressee number', (i) => ({ addresseeNo: String(sample(i).addresseeNo) })],
    ];
    for (const [what, criteria] of cases) {
      const found = await hits(criteria(1));
      figures.push({ what: `${what} — ${found} shown`, value: await latency(100, (i) => search(criteria(i))) });
    }
    return figures;
  },
};

/** 300,000 generated residents, inserted with their search keys in transactions of 20,000. */
export async function loadAddressees(db: Database) {
  const draw = random(300_000);
  const people: Insertable<Addressee>[] = Array.from({ length: ADDRESSEES }, (_, i) => {
    const [surname, surnameKana] = SURNAMES[draw(SURNAMES.length)] ?? ['佐藤', 'サトウ'];
    const [given, givenKana, sex] = GIVEN_NAMES[draw(GIVEN_NAMES.length)] ?? ['太郎', 'タロウ', '1'];
    const row = {
      municipalityCode: CITY,
      addresseeNo: `${CITY}${pad(1_000_000 + i, 9)}`,
      kind: 'resident' as const,
      nameKanji: `${surname}\u3000${given}`,
      nameKana: `${surnameKana}\u3000${givenKana}`,
      sexCode: sex,
      birthDate: `${1930 + draw(90)}-${pad(1 + draw(12), 2)}-${pad(1 + draw(28), 2)}`,
      address: `埼玉県越谷市${TOWNS[draw(TOWNS.length)]}${1 + draw(9)}丁目${1 + draw(30)}番${1 + draw(20)}号`,
      phone: draw(10) < 7 ? `048-${pad(draw(1000), 3)}-${pad(draw(10000), 4)}` : null,
    };
    return { ...row, ...searchKeysOf(row) };
  });
  const load = await timeOnce(async () => {
    for (let i = 0; i < people.length; i += CHUNK * 20) {
      await db.withMunicipality(CITY, async (trx) => {
        for (let j = i; j < Math.min(i + CHUNK * 20, people.length); j += CHUNK) {
          await trx.insertInto('addressee').values(people.slice(j, j + CHUNK)).execute();
        }
      });
    }
  });
  return { people, load };
}

/** 1980-04-15 → S55.4.15 (every generated birth date before 1989 is in 昭和; later ones stay western). */
function showa(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return year >= 1927 && year <= 1988 ? `S${year - 1925}.${month}.${day}` : iso;
}
