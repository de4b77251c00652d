/**
 * @module The parameters of classifying mopeds (原動機付自転車): displacement and output thresholds, and
 * the new-standard moped (新基準原付) of 2025.
 */
import { z } from 'zod';
import { defineParameter } from './parameter.js';

export const mopedThresholds = defineParameter({
  id: 'moped.classification',
  label: '原動機付自転車の区分(総排気量・定格出力)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({
    class1MaxCc: z.number().positive(),
    class1MaxKw: z.number().positive(),
    otsuMaxCc: z.number().positive(),
    otsuMaxKw: z.number().positive(),
    koMaxCc: z.number().positive(),
    koMaxKw: z.number().positive(),
    minicarMinCc: z.number().positive(),
    minicarMinKw: z.number().positive(),
    minicarTrackWidthOverCm: z.number().positive(),
  }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第463条の15第1項第1号',
      confidence: 'V',
      note: '第一種 50cc以下・0.6kW以下、第二種乙 二輪で90cc以下・0.8kW以下、第二種甲 二輪で125cc以下・1.0kW以下、ミニカー 三輪以上で20cc超・0.25kW超(50cc以下・0.6kW以下)かつ車室を有するか輪距50cm超のもの(それ以外は第一種。三好市の資料、TAX-RULES.md §7)。',
      value: { class1MaxCc: 50, class1MaxKw: 0.6, otsuMaxCc: 90, otsuMaxKw: 0.8, koMaxCc: 125, koMaxKw: 1.0, minicarMinCc: 20, minicarMinKw: 0.25, minicarTrackWidthOverCm: 50 },
    },
  ],
});

export const newStandardMoped = defineParameter({
  id: 'moped.newStandard',
  label: '新基準原付(二輪・50cc超125cc以下・最高出力4.0kW以下は第一種)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ aboveCc: z.number().positive(), maxCc: z.number().positive(), maxOutputKw: z.number().positive() }).nullable(),
  periods: [
    { from: 2016, to: 2024, citation: '地方税法第463条の15第1項第1号', confidence: 'V', note: '2024年度までは新基準原付の区分なし。', value: null },
    {
      from: 2025,
      to: null,
      citation: '地方税法第463条の15第1項第1号イ(令和7年度改正)',
      confidence: 'V',
      note: 'エンジン車に限る(125cc以下・最高出力4.0kW以下)。電動の原付は定格出力で区分する(松田町・養老町、TAX-RULES.md §7)。',
      value: { aboveCc: 50, maxCc: 125, maxOutputKw: 4.0 },
    },
  ],
});
