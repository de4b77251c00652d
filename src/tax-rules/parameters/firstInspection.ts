/**
 * @module The parameter of a first inspection (初度検査) recorded by year only: it counts as December
 * of that year.
 */
import { z } from 'zod';
import { defineParameter } from './parameter.js';

export const firstInspectionYearOnly = defineParameter({
  id: 'firstInspection.yearOnly',
  label: '年のみ記載の初度検査年(その年の12月とみなす)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ month: z.number().int().min(1).max(12), latestYear: z.number().int() }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法等の一部を改正する法律(平成26年法律第4号)附則第14条第2項',
      confidence: 'V',
      note: '平成15年10月14日より前の車検証は年のみの記載があり得る(松戸市資料)。それより後の年のみ記載は矛盾として扱う。',
      value: { month: 12, latestYear: 2003 },
    },
  ],
});
