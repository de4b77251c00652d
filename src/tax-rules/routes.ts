/**
 * @module The tax-rule engine over HTTP: calculations only, no personal data, so `tax.calculate`.
 * The municipality's override file is read once at start-up; a broken file stops the start.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeAccess } from '../access/operations.js';
import { TAX_RULE_OPERATIONS } from './operations.js';
import type { AppDependencies } from '../composition.js';
import { annualAmount } from './amount.js';
import { dueDate } from './due-date.js';
import { lateCharge, lateChargeInputSchema } from './late-charge.js';
import { collectionDeadline, correctionAllowed, correctionInputSchema } from './limitation.js';
import { amountResultSchema, explainedFields, vehicleInputSchema } from './model.js';
import { plateCompensation, plateCompensationInputSchema } from './plate-compensation.js';
import { reductionEligibility, reductionInputSchema } from './reduction.js';
import { answer, ruleBookOf } from './service.js';


const fiscalYearQuery = z.object({ fiscalYear: z.coerce.number().int().min(2016).max(2100) });


export const taxRuleRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { config }) => {
  const book = ruleBookOf(config);
  const tags = ['tax-rules'];

  app.post(
    '/tax/calculate',
    {
      config: routeAccess(TAX_RULE_OPERATIONS['tax.calculate']),
      schema: { summary: '種別割の年税額(税率区分・説明・根拠つき)', tags, body: vehicleInputSchema, response: { 200: amountResultSchema } },
    },
    async (request) => answer(() => annualAmount(book, request.body)),
  );

  app.get(
    '/tax/due-date',
    {
      config: routeAccess(TAX_RULE_OPERATIONS['tax.calculate']),
      schema: {
        summary: '年度の納期限(休日等は翌日)',
        tags,
        querystring: fiscalYearQuery,
        response: { 200: z.object({ fiscalYear: z.number().int(), ordinanceDate: z.string(), dueDate: z.string(), ...explainedFields }) },
      },
    },
    async (request) => answer(() => dueDate(book, request.query.fiscalYear)),
  );

  app.post(
    '/tax/late-charge',
    {
      config: routeAccess(TAX_RULE_OPERATIONS['tax.calculate']),
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
            ...explainedFields,
          }),
        },
      },
    },
    async (request) => answer(() => lateCharge(book, request.body)),
  );

  app.post(
    '/tax/correction-limit',
    {
      config: routeAccess(TAX_RULE_OPERATIONS['tax.calculate']),
      schema: {
        summary: '更正の期間制限(その日に更正できるか)',
        tags,
        body: correctionInputSchema,
        response: { 200: z.object({ allowed: z.boolean(), deadline: z.string(), statutoryDueDate: z.string(), ...explainedFields }) },
      },
    },
    async (request) => answer(() => correctionAllowed(book, request.body)),
  );

  app.post(
    '/tax/reduction-eligibility',
    {
      config: routeAccess(TAX_RULE_OPERATIONS['tax.calculate']),
      schema: {
        summary: '減免の対象か(手帳の区分・級、所有者・運転者)',
        tags,
        body: reductionInputSchema,
        response: { 200: z.object({ eligible: z.boolean(), unmet: z.array(z.string()), taxAfterReduction: z.number().int().optional(), ...explainedFields }) },
      },
    },
    async (request) => answer(() => reductionEligibility(book, request.body)),
  );

  app.get(
    '/tax/collection-deadline',
    {
      config: routeAccess(TAX_RULE_OPERATIONS['tax.calculate']),
      schema: { summary: '徴収権の消滅時効の期限', tags, querystring: fiscalYearQuery, response: { 200: z.object({ deadline: z.string(), ...explainedFields }) } },
    },
    async (request) => answer(() => collectionDeadline(book, request.query.fiscalYear)),
  );

  app.post(
    '/tax/plate-compensation',
    {
      config: routeAccess(TAX_RULE_OPERATIONS['tax.calculate']),
      schema: {
        summary: '標識の弁償金',
        tags,
        body: plateCompensationInputSchema,
        response: { 200: z.object({ amount: z.number().int(), ...explainedFields }) },
      },
    },
    async (request) => answer(() => plateCompensation(book, request.body)),
  );
};
