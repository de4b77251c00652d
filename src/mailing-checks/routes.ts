/** @module The checks before mailing over HTTP: run, the report as JSON, CSV and PDF, review of a finding, the sign-off and the release state. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import type { AppDependencies } from '../composition.js';
import { attachment, toCsv } from '../shared/csv.js';
import { choice, integer, integerText, text, TEXT_LIMITS } from '../shared/text.js';
import { RULE_CODES, RULE_LABELS } from './model.js';
import { MAILING_CHECK_OPERATIONS } from './operations.js';
import { renderReportPdf, REPORT_CSV_HEADER, reportCsvRows } from './report.js';

const fiscalYear = integer({ label: '年度', min: 2016, max: 2200 });
const yearParams = z.object({ fiscalYear: integerText({ label: '年度', min: 2016, max: 2200 }) });
const ruleQuery = z.object({ rule: choice('点検項目', RULE_LABELS).optional() });
const release = z.object({
  fiscalYear: z.number(),
  released: z.boolean(),
  heldBecause: z.string().nullable(),
  checkRunId: z.number().nullable(),
  signedOffAt: z.string().nullable(),
  signedOffByStaffNo: z.string().nullable(),
});
const finding = z.object({
  findingNo: z.number(),
  ruleCode: z.enum(RULE_CODES as [string, ...string[]]),
  ruleLabel: z.string(),
  explanation: z.string(),
  reason: z.string(),
  declarationNo: z.string(),
  noticeNo: z.string().nullable(),
  taxpayerAddresseeNo: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedByStaffNo: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
const report = z.object({
  run: z.object({
    checkRunId: z.number(),
    fiscalYear: z.number(),
    assessmentRunId: z.number(),
    levyCount: z.number(),
    levyAmount: z.number(),
    checkedAt: z.string(),
    checkedByStaffNo: z.string().nullable(),
    signedOffAt: z.string().nullable(),
    signedOffByStaffNo: z.string().nullable(),
  }),
  countsByRule: z.record(z.string(), z.number()),
  unreviewed: z.number(),
  findings: z.array(finding),
  release,
});

export const mailingCheckRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { mailingChecks: service }) => {
  const tags = ['mailing-checks'];

  app.post(
    '/mailing-checks',
    {
      config: routeAccess(MAILING_CHECK_OPERATIONS['mailing_check.run']),
      schema: { summary: '発送前点検の実行(完了した当初賦課の課税を点検する)', tags, body: z.object({ fiscalYear }), response: { 200: report } },
    },
    async (request) => service.run(actorOf(request), request.body.fiscalYear),
  );

  app.get(
    '/mailing-checks/:fiscalYear',
    {
      config: routeAccess(MAILING_CHECK_OPERATIONS['mailing_check.read']),
      schema: { summary: '発送前点検の結果(最新の点検、点検項目で絞り込み)', tags, params: yearParams, querystring: ruleQuery, response: { 200: report } },
    },
    async (request) => service.report(actorOf(request), request.params.fiscalYear, request.query.rule),
  );

  app.get(
    '/mailing-checks/:fiscalYear/report.csv',
    {
      config: routeAccess(MAILING_CHECK_OPERATIONS['mailing_check.export']),
      schema: { summary: '発送前点検の結果(CSV)', tags, params: yearParams, querystring: ruleQuery, produces: ['text/csv'] },
    },
    async (request, reply) => {
      const found = await service.report(actorOf(request), request.params.fiscalYear, request.query.rule, 'mailing_check.export');
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(`発送前点検_${request.params.fiscalYear}年度.csv`)).send(toCsv(REPORT_CSV_HEADER, reportCsvRows(found)));
    },
  );

  app.get(
    '/mailing-checks/:fiscalYear/report.pdf',
    {
      config: routeAccess(MAILING_CHECK_OPERATIONS['mailing_check.export']),
      schema: { summary: '発送前点検の結果(PDF・A4横)', tags, params: yearParams, querystring: ruleQuery, produces: ['application/pdf'] },
    },
    async (request, reply) => {
      const found = await service.report(actorOf(request), request.params.fiscalYear, request.query.rule, 'mailing_check.export');
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(`発送前点検_${request.params.fiscalYear}年度.pdf`))
        .header('cache-control', 'no-store')
        .send(await renderReportPdf(found));
    },
  );

  app.post(
    '/mailing-checks/:fiscalYear/findings/:findingNo/review',
    {
      config: routeAccess(MAILING_CHECK_OPERATIONS['mailing_check.review']),
      schema: {
        summary: '指摘を確認済みにする(確認メモを添えて)',
        tags,
        params: yearParams.extend({ findingNo: integerText({ label: '指摘番号', min: 1, max: 2 ** 31 - 1 }) }),
        body: z.object({ note: text({ label: '確認メモ', max: TEXT_LIMITS.reason, required: false }).optional() }),
        response: { 200: finding },
      },
    },
    async (request) => service.review(actorOf(request), request.params.fiscalYear, request.params.findingNo, request.body.note || null),
  );

  app.get(
    '/mailing-checks/:fiscalYear/release',
    {
      config: routeAccess(MAILING_CHECK_OPERATIONS['mailing_check.read']),
      schema: { summary: '納税通知書の発送承認の状態(決裁の有無と、発送できない理由)', tags, params: yearParams, response: { 200: release } },
    },
    async (request) => service.release(actorOf(request), request.params.fiscalYear),
  );

  app.post(
    '/mailing-checks/:fiscalYear/sign-off',
    {
      config: routeAccess(MAILING_CHECK_OPERATIONS['mailing_check.sign_off']),
      schema: { summary: '発送前点検の決裁(納税通知書の発送を承認)', tags, params: yearParams, response: { 200: release } },
    },
    async (request) => service.signOff(actorOf(request), request.params.fiscalYear),
  );
};
