/** @module The tax ledger (課税台帳) and the survey (課税状況調) over HTTP: JSON, CSV (UTF-8 or Shift_JIS) and PDF. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import type { AppDependencies } from '../composition.js';
import { attachment } from '../shared/csv.js';
import { csvContentType } from './csv.js';
import { csvEncodingSchema, fiscalYearText, ledgerFilterSchema, ledgerPageResponse, ledgerSearchSchema, surveyReportResponse } from './model.js';
import { TAX_LEDGER_OPERATIONS } from './operations.js';

const params = z.object({ fiscalYear: fiscalYearText });
const encodingQuery = z.object({ encoding: csvEncodingSchema });

export const taxLedgerRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { taxLedger }) => {
  const tags = ['tax-ledger'];
  const search = routeAccess(TAX_LEDGER_OPERATIONS['taxLedger.search']);
  const exports = routeAccess(TAX_LEDGER_OPERATIONS['taxLedger.export']);
  const survey = routeAccess(TAX_LEDGER_OPERATIONS['taxLedger.survey']);

  app.get(
    '/tax-ledger/:fiscalYear/levies',
    {
      config: search,
      schema: {
        summary: '課税台帳の検索(宛名番号・申告書番号・通知書番号、通知書番号順にページ送り)',
        tags,
        params,
        querystring: ledgerSearchSchema,
        response: { 200: ledgerPageResponse },
      },
    },
    (request) => taxLedger.search(actorOf(request), request.params.fiscalYear, request.query),
  );

  app.get(
    '/tax-ledger/:fiscalYear/levies.csv',
    { config: exports, schema: { summary: '課税台帳の出力(CSV、UTF-8 又は Shift_JIS)', tags, params, querystring: ledgerFilterSchema.extend(encodingQuery.shape), produces: ['text/csv'] } },
    async (request, reply) => {
      const { encoding, ...filter } = request.query;
      const file = await taxLedger.exportCsv(actorOf(request), request.params.fiscalYear, filter, encoding);
      return reply.type(csvContentType(encoding)).header('content-disposition', attachment(file.fileName)).send(file.bytes);
    },
  );

  app.get(
    '/tax-ledger/:fiscalYear/levies.pdf',
    { config: exports, schema: { summary: '課税台帳の出力(PDF、A4横)', tags, params, querystring: ledgerFilterSchema, produces: ['application/pdf'] } },
    async (request, reply) => {
      const file = await taxLedger.exportPdf(actorOf(request), request.params.fiscalYear, request.query);
      return reply.type('application/pdf').header('content-disposition', attachment(file.fileName)).send(file.bytes);
    },
  );

  app.get(
    '/tax-ledger/:fiscalYear/survey',
    { config: survey, schema: { summary: '課税状況調(車種・税率の区分ごとの台数と税額、減免、課税保留、非課税、税止め)', tags, params, response: { 200: surveyReportResponse } } },
    (request) => taxLedger.survey(actorOf(request), request.params.fiscalYear),
  );

  app.get(
    '/tax-ledger/:fiscalYear/survey.csv',
    { config: survey, schema: { summary: '課税状況調の出力(CSV、UTF-8 又は Shift_JIS)', tags, params, querystring: encodingQuery, produces: ['text/csv'] } },
    async (request, reply) => {
      const file = await taxLedger.surveyCsv(actorOf(request), request.params.fiscalYear, request.query.encoding);
      return reply.type(csvContentType(request.query.encoding)).header('content-disposition', attachment(file.fileName)).send(file.bytes);
    },
  );

  app.get(
    '/tax-ledger/:fiscalYear/survey.pdf',
    { config: survey, schema: { summary: '課税状況調の出力(PDF、A4横)', tags, params, produces: ['application/pdf'] } },
    async (request, reply) => {
      const file = await taxLedger.surveyPdf(actorOf(request), request.params.fiscalYear);
      return reply.type('application/pdf').header('content-disposition', attachment(file.fileName)).send(file.bytes);
    },
  );
};
