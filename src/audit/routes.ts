/** @module The auditor's view of the audit log (C7, C18). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import { AUDIT_OPERATIONS } from './operations.js';
import type { AppDependencies } from '../composition.js';
import { attachment, toCsv } from '../shared/csv.js';
import { integerText, text } from '../shared/text.js';
import { staffNoSchema } from '../staff/model.js';
import { calendarDateSchema } from '../shared/date-schema.js';
import { japanToday } from '../shared/dates.js';
import { AUDIT_RESULT_LABELS, AUDIT_SUBJECT_TYPES, auditEntryResponse, auditOperationLabel, verifyReportResponse } from './model.js';

const query = z.object({
  staffNo: staffNoSchema.optional(),
  subjectType: z.enum(AUDIT_SUBJECT_TYPES, '対象の種類が正しくありません').optional(),
  subjectId: text({ label: '対象の番号', max: 40, required: false }).optional(),
  operation: text({ label: '操作', max: 60, required: false }).optional(),
  result: z.enum(['succeeded', 'denied', 'failed'], '結果の指定が正しくありません').optional(),
  from: calendarDateSchema('期間の開始日', 'event').optional(),
  to: calendarDateSchema('期間の終了日', 'event').optional(),
  beforeSeq: integerText({ label: '開始位置', min: 1, max: Number.MAX_SAFE_INTEGER }).optional(),
  limit: integerText({ label: '件数', min: 1, max: 1000 }).default(100),
});
export const auditRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { audit: review }) => {
  const tags = ['audit'];

  app.get(
    '/audit/entries',
    { config: routeAccess(AUDIT_OPERATIONS['audit.search']), schema: { summary: '監査ログの検索(新しい順)', tags, querystring: query, response: { 200: z.array(auditEntryResponse) } } },
    (request) => review.search(actorOf(request), request.query),
  );

  app.get(
    '/audit/entries.csv',
    { config: routeAccess(AUDIT_OPERATIONS['audit.export']), schema: { summary: '監査ログの出力(CSV・外部監査用)', tags, querystring: query, produces: ['text/csv'] } },
    async (request, reply) => {
      const rows = await review.search(actorOf(request), request.query, { download: true });
      const csv = toCsv(
        ['連番', '日時', '職員番号', '拠点', '端末', 'IPアドレス', '操作', '操作コード', '対象種別', '対象', '結果', '件数', '詳細'],
        rows.map((r) => [
          r.seq,
          r.occurredAt,
          r.staffNo,
          r.officeCode,
          r.terminal,
          r.ipAddress,
          auditOperationLabel(r.operation),
          r.operation,
          r.subjectType,
          r.subjectId,
          AUDIT_RESULT_LABELS[r.result],
          r.rowCount,
          r.detail ? JSON.stringify(r.detail) : null,
        ]),
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(`監査ログ_${japanToday()}.csv`)).send(csv);
    },
  );

  app.get(
    '/audit/verification',
    {
      config: routeAccess(AUDIT_OPERATIONS['audit.verify']),
      schema: {
        summary: '監査ログの改ざん検査',
        tags,
        response: {
          200: verifyReportResponse,
        },
      },
    },
    (request) => review.verify(actorOf(request)),
  );

  app.post(
    '/audit/checkpoints',
    { config: routeAccess(AUDIT_OPERATIONS['audit.checkpoint']), schema: { summary: 'チェーン先頭の署名(チェックポイント)を今すぐ作成', tags, response: { 200: z.object({ seq: z.number().int() }).nullable() } } },
    (request) => review.checkpoint(actorOf(request)),
  );
};
