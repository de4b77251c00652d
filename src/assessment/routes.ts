/** @module The initial assessment over HTTP: preview, what-if, the real run, run history and reconciliation. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import type { AppDependencies } from '../composition.js';
import { integer, integerText } from '../shared/text.js';
import { ASSESSMENT_OPERATIONS } from './operations.js';

const fiscalYear = integer({ label: '年度', min: 2016, max: 2200 });
const countAndSum = z.object({ count: z.number(), amount: z.number() });
const totals = z.object({ vehicles: z.number(), amount: z.number(), notComputed: z.number(), byClass: z.record(z.string(), countAndSum), byRateCase: z.record(z.string(), countAndSum) });
const run = z.object({
  runId: z.number(),
  fiscalYear: z.number(),
  kind: z.enum(['preview', 'what_if', 'real']),
  status: z.enum(['running', 'completed', 'failed', 'interrupted']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  startedByStaffNo: z.string().nullable(),
  startedByName: z.string().nullable(),
  vehiclesExpected: z.number().nullable(),
  vehiclesDone: z.number(),
  cursor: z.string().nullable(),
  totals,
  failure: z.string().nullable(),
});
const classNames = z.record(z.string(), z.string());
const difference = z.object({ group: z.enum(['class', 'rateCase']), key: z.string(), left: countAndSum, right: countAndSum });

export const assessmentRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { assessment: service }) => {
  const tags = ['assessments'];

  app.post(
    '/assessments/preview',
    {
      config: routeAccess(ASSESSMENT_OPERATIONS['assessment.preview']),
      schema: { summary: '当初賦課の試算(課税は書き込まず、前年度との差を示す)', tags, body: z.object({ fiscalYear }), response: { 200: z.object({ run, classNames, lastYear: totals, differences: z.array(difference) }) } },
    },
    async (request) => service.preview(actorOf(request), request.body.fiscalYear),
  );

  app.post(
    '/assessments/what-if',
    {
      config: routeAccess(ASSESSMENT_OPERATIONS['assessment.whatIf']),
      schema: {
        summary: '税率を変えた場合の試算(税額設定ファイルと同じ形の設定で)',
        tags,
        body: z.object({ fiscalYear, overrides: z.record(z.string(), z.unknown()) }),
        response: { 200: z.object({ run, classNames, byClass: z.array(difference), revenueDifference: z.number(), taxpayersPayingMore: z.number(), taxpayersPayingLess: z.number() }) },
      },
    },
    async (request) => service.whatIf(actorOf(request), request.body.fiscalYear, request.body.overrides),
  );

  app.post(
    '/assessments',
    {
      config: routeAccess(ASSESSMENT_OPERATIONS['assessment.run']),
      schema: {
        summary: '当初賦課を開始する(すぐに応答し、サーバーが続けて実行する。中断した実行は resume で再開)',
        tags,
        body: z.object({ fiscalYear, resume: z.boolean().default(false) }),
        response: { 202: run },
      },
    },
    async (request, reply) => {
      const started = await service.start(actorOf(request), request.body.fiscalYear, request.body.resume);
      return reply.code(202).header('location', `/api/v1/assessments/${started.runId}`).send(started);
    },
  );

  app.get(
    '/assessments',
    { config: routeAccess(ASSESSMENT_OPERATIONS['assessment.read']), schema: { summary: '当初賦課の実行履歴(新しい順)', tags, response: { 200: z.array(run) } } },
    async (request) => service.runs(actorOf(request)),
  );

  app.get(
    '/assessments/:runId',
    {
      config: routeAccess(ASSESSMENT_OPERATIONS['assessment.read']),
      schema: { summary: '当初賦課の実行の進み具合', tags, params: z.object({ runId: integerText({ label: '実行番号', min: 1, max: 2 ** 31 - 1 }) }), response: { 200: run } },
    },
    async (request) => service.findRun(actorOf(request), request.params.runId),
  );

  app.get(
    '/assessments/reconciliation/:fiscalYear',
    {
      config: routeAccess(ASSESSMENT_OPERATIONS['assessment.read']),
      schema: {
        summary: '当初賦課の照合(実行の集計と課税の記録を比べる)',
        tags,
        params: z.object({ fiscalYear: integerText({ label: '年度', min: 2016, max: 2200 }) }),
        response: { 200: z.object({ fiscalYear: z.number(), classNames, runId: z.number(), stored: totals, recomputed: totals, differences: z.array(difference), agrees: z.boolean() }) },
      },
    },
    async (request) => service.reconcile(actorOf(request), request.params.fiscalYear),
  );
};
