/** @module 住民異動データの取込み (C16): upload a file, read its report, work the review queue. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import { RESIDENT_CHANGE_OPERATIONS } from './operations.js';
import { addresseeNoSchema } from '../addressees/model.js';
import type { AppDependencies } from '../composition.js';
import { acceptFileBodies, csvUploadOf, csvUploadOptions } from '../server/uploads.js';
import { choice, text, TEXT_LIMITS } from '../shared/text.js';
import { importRecordResponse, importReportResponse, reviewResponse, type CellProblem, type ImportRecord, type ResidentChangeReviewView } from './model.js';
import type { ImportRow } from './repository.js';


const report = (row: ImportRow): ImportRecord => ({
  importId: row.importId,
  fileName: row.fileName,
  encoding: row.encoding,
  importedAt: row.importedAt.toISOString(),
  staffNo: row.staffNo,
  rowCount: row.rowCount,
  applied: row.appliedCount,
  alreadyApplied: row.alreadyAppliedCount,
  queued: row.queuedCount,
  alreadyQueued: row.alreadyQueuedCount,
  invalid: row.invalidCount,
  problems: row.problems as CellProblem[],
});

const note = text({ label: '処理の理由', max: TEXT_LIMITS.reason });
const resolutionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('apply'), addresseeNo: addresseeNoSchema, note }),
  z.object({ action: z.literal('register'), note }),
  z.object({ action: z.literal('dismiss'), note }),
]);

export const residentChangeRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { residentChanges: service }) => {
  const tags = ['resident-changes'];
  acceptFileBodies(app);

  app.post(
    '/resident-changes/imports',
    {
      config: routeAccess(RESIDENT_CHANGE_OPERATIONS['resident.import']),
      ...csvUploadOptions('住民異動ファイルの取込み(CSV, UTF-8 または Shift_JIS)', 'docs/resident-change-file.md', tags, importReportResponse),
    },
    async (request) => service.importFile(actorOf(request), csvUploadOf(request)),
  );

  app.get(
    '/resident-changes/imports',
    { config: routeAccess(RESIDENT_CHANGE_OPERATIONS['resident.import.list']), schema: { summary: '最近の取込み', tags, response: { 200: z.array(importRecordResponse) } } },
    async (request) => (await service.recentImports(actorOf(request))).map(report),
  );

  app.get(
    '/resident-changes/imports/:importId',
    {
      config: routeAccess(RESIDENT_CHANGE_OPERATIONS['resident.import.report']),
      schema: { summary: '取込みの結果', tags, params: z.object({ importId: z.uuid('取込み番号の形式が正しくありません') }), response: { 200: importRecordResponse } },
    },
    async (request) => report(await service.importReport(actorOf(request), request.params.importId)),
  );

  app.get(
    '/resident-changes/reviews',
    {
      config: routeAccess(RESIDENT_CHANGE_OPERATIONS['resident.review.list']),
      schema: {
        summary: '確認待ちの異動(理由つき)',
        tags,
        querystring: z.object({ status: choice('状態', { open: '確認待ち', applied: '反映済み', dismissed: '対象外' }).default('open') }),
        response: { 200: z.array(reviewResponse) },
      },
    },
    async (request) =>
      (await service.reviews(actorOf(request), request.query.status)).map((item) => ({
        ...item,
        reasonDetail: item.reasonDetail as ResidentChangeReviewView['reasonDetail'],
        queuedAt: item.queuedAt.toISOString(),
        resolvedAt: item.resolvedAt?.toISOString() ?? null,
      })),
  );

  app.post(
    '/resident-changes/reviews/:reviewId/resolve',
    {
      config: routeAccess(RESIDENT_CHANGE_OPERATIONS['resident.review.apply'], RESIDENT_CHANGE_OPERATIONS['resident.review.register'], RESIDENT_CHANGE_OPERATIONS['resident.review.dismiss']),
      schema: {
        summary: '確認待ちの異動の処理(宛名に適用・新規登録・対象外)',
        tags,
        params: z.object({ reviewId: z.uuid('番号の形式が正しくありません') }),
        body: resolutionSchema,
        response: { 200: z.object({ addresseeNo: z.string().nullable() }) },
      },
    },
    async (request) => service.resolve(actorOf(request), request.params.reviewId, request.body),
  );
};
