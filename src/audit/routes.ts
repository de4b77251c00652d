import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import type { AppDependencies } from '../server/app.js';
import { attachment, toCsv } from '../shared/csv.js';
import { calendarDateSchema } from '../shared/date-schema.js';
import { japanToday } from '../shared/dates.js';
import { AUDIT_RESULT_LABELS, auditOperationLabel } from './model.js';
import { AuditReview } from './service.js';

const query = z.object({
  staffNo: z.string().trim().max(12).optional(),
  subjectType: z.enum(['addressee', 'vehicle', 'staff', 'levy', 'reduction', 'audit_log', 'municipality', 'export'], '対象の種類が正しくありません').optional(),
  subjectId: z.string().trim().max(40).optional(),
  operation: z.string().trim().max(60).optional(),
  result: z.enum(['succeeded', 'denied', 'failed'], '結果の指定が正しくありません').optional(),
  from: calendarDateSchema('期間の開始日', 'event').optional(),
  to: calendarDateSchema('期間の終了日', 'event').optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1, '件数は1以上にしてください').max(1000, '件数は1000以下にしてください').default(100),
});
const entry = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  staffNo: z.string().nullable(),
  officeCode: z.string().nullable(),
  terminal: z.string().nullable(),
  ipAddress: z.string().nullable(),
  operation: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  result: z.enum(['succeeded', 'denied', 'failed']),
  rowCount: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

/** The auditor's view of the audit log (C7, C18). */
export const auditRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { access, keys, config }) => {
  const review = new AuditReview(access, keys, config.audit.checkpointDir);
  const tags = ['audit'];

  app.get(
    '/audit/entries',
    { config: { permission: 'audit.read' }, schema: { summary: '監査ログの検索(新しい順)', tags, querystring: query, response: { 200: z.array(entry) } } },
    (request) => review.search(actorOf(request), request.query),
  );

  app.get(
    '/audit/entries.csv',
    { config: { permission: ['data.export', 'audit.read'] }, schema: { summary: '監査ログの出力(CSV・外部監査用)', tags, querystring: query, produces: ['text/csv'] } },
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
      config: { permission: 'audit.read' },
      schema: {
        summary: '監査ログの改ざん検査',
        tags,
        response: {
          200: z.object({
            municipalityCode: z.string(),
            entries: z.number().int(),
            headSeq: z.number().int(),
            checkpoints: z.number().int(),
            witnessedSeq: z.number().int(),
            ok: z.boolean(),
            problems: z.array(z.object({ seq: z.number().int(), code: z.string(), problem: z.string() })),
          }),
        },
      },
    },
    (request) => review.verify(actorOf(request)),
  );

  app.post(
    '/audit/checkpoints',
    { config: { permission: 'audit.read' }, schema: { summary: 'チェーン先頭の署名(チェックポイント)を今すぐ作成', tags, response: { 200: z.object({ seq: z.number().int() }).nullable() } } },
    (request) => review.checkpoint(actorOf(request)),
  );
};
