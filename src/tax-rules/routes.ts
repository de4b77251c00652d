import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDependencies } from '../server/app.js';
import { annualAmount } from './amount.js';
import { dueDate } from './due-date.js';
import { lateCharge, lateChargeInputSchema } from './late-charge.js';
import { collectionDeadline, correctionAllowed, correctionInputSchema } from './limitation.js';
import { RATE_CASES, VEHICLE_CLASSES, vehicleInputSchema } from './model.js';
import { plateCompensation, plateCompensationInputSchema } from './plate-compensation.js';
import { reductionEligibility, reductionInputSchema } from './reduction.js';
import { answer, ruleBookOf } from './service.js';

const explained = {
  explanation: z.string().describe('日本語の説明(計算の過程)'),
  citations: z.array(z.string()).describe('根拠条文'),
  cautions: z.array(z.string()).describe('未確認・暫定の規定を使ったときの職員向けの注意(確認済みの規定だけなら空)'),
};

const fiscalYearQuery = z.object({ fiscalYear: z.coerce.number().int().min(2016).max(2100) });

const amountResponse = z.object({
  fiscalYear: z.number().int(),
  amount: z.number().int().describe('年税額(円)'),
  vehicleClass: z.enum(VEHICLE_CLASSES),
  rateKey: z.string().describe('税率表の区分(車種コード)'),
  rateCase: z.enum(RATE_CASES),
  provisional: z.boolean().describe('改正法の成立前の暫定の規定(2027・2028年度のグリーン化特例)による結果'),
  ...explained,
});

/**
 * The tax-rule engine over HTTP: calculations only, no personal data, so `tax.calculate`.
 * The municipality's override file is read once at start-up; a broken file stops the start.
 */
export const taxRuleRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { config }) => {
  const book = ruleBookOf(config);
  const tags = ['tax-rules'];

  app.post(
    '/tax/calculate',
    {
      config: { permission: 'tax.calculate' },
      schema: { summary: '種別割の年税額(税率区分・説明・根拠つき)', tags, body: vehicleInputSchema, response: { 200: amountResponse } },
    },
    async (request) => answer(() => annualAmount(book, request.body)),
  );

  app.get(
    '/tax/due-date',
    {
      config: { permission: 'tax.calculate' },
      schema: {
        summary: '年度の納期限(休日等は翌日)',
        tags,
        querystring: fiscalYearQuery,
        response: { 200: z.object({ fiscalYear: z.number().int(), ordinanceDate: z.string(), dueDate: z.string(), ...explained }) },
      },
    },
    async (request) => answer(() => dueDate(book, request.query.fiscalYear)),
  );

  app.post(
    '/tax/late-charge',
    {
      config: { permission: 'tax.calculate' },
      schema: {
        summary: '延滞金',
        tags,
        body: lateChargeInputSchema,
        response: {
          200: z.object({
            lateCharge: z.number().int(),
            base: z.number().int(),
            days: z.number().int(),
            segments: z.array(z.object({ from: z.string(), to: z.string(), days: z.number().int(), ratePct: z.number(), charge: z.number().int() })),
            ...explained,
          }),
        },
      },
    },
    async (request) => answer(() => lateCharge(book, request.body)),
  );

  app.post(
    '/tax/correction-limit',
    {
      config: { permission: 'tax.calculate' },
      schema: {
        summary: '更正の期間制限(その日に更正できるか)',
        tags,
        body: correctionInputSchema,
        response: { 200: z.object({ allowed: z.boolean(), deadline: z.string(), statutoryDueDate: z.string(), ...explained }) },
      },
    },
    async (request) => answer(() => correctionAllowed(book, request.body)),
  );

  app.post(
    '/tax/reduction-eligibility',
    {
      config: { permission: 'tax.calculate' },
      schema: {
        summary: '減免の対象か(手帳の区分・級、所有者・運転者)',
        tags,
        body: reductionInputSchema,
        response: { 200: z.object({ eligible: z.boolean(), unmet: z.array(z.string()), taxAfterReduction: z.number().int().optional(), ...explained }) },
      },
    },
    async (request) => answer(() => reductionEligibility(book, request.body)),
  );

  app.get(
    '/tax/collection-deadline',
    {
      config: { permission: 'tax.calculate' },
      schema: { summary: '徴収権の消滅時効の期限', tags, querystring: fiscalYearQuery, response: { 200: z.object({ deadline: z.string(), ...explained }) } },
    },
    async (request) => answer(() => collectionDeadline(book, request.query.fiscalYear)),
  );

  app.post(
    '/tax/plate-compensation',
    {
      config: { permission: 'tax.calculate' },
      schema: {
        summary: '標識の弁償金',
        tags,
        body: plateCompensationInputSchema,
        response: { 200: z.object({ amount: z.number().int(), ...explained }) },
      },
    },
    async (request) => answer(() => plateCompensation(book, request.body)),
  );
};
