/**
 * @module Tax notices over HTTP: one notice (or one taxpayer's notices) printed again as a PDF
 * marked 再発行, every notice of a year into print files on the server, and the print data for
 * the contractor as CSV.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import { addresseeNoSchema } from '../addressees/model.js';
import type { AppDependencies } from '../composition.js';
import { attachment, toCsv } from '../shared/csv.js';
import { codeText, integer, integerText } from '../shared/text.js';
import { NOTICE_OPERATIONS } from './operations.js';
import type { ReprintedNotice } from './service.js';

const fiscalYear = integerText({ label: '年度', min: 2016, max: 2200 });
const noticeNo = codeText('通知書番号', 12).regex(/^[0-9]{1,12}$/, '通知書番号は12桁以内の数字です');
const printFile = z.object({
  file: z.string(),
  notices: z.number(),
  vehicles: z.number(),
  total: z.number(),
  firstNoticeNo: z.string(),
  lastNoticeNo: z.string(),
  bytes: z.number(),
  sha256: z.string(),
});

export const noticeRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { notices }) => {
  const tags = ['notices'];
  const sendPdf = (reply: FastifyReply, reprinted: ReprintedNotice) =>
    reply.type('application/pdf').header('content-disposition', `inline; filename="notice-${reprinted.noticeNos.join('_')}-reprint.pdf"`).header('cache-control', 'no-store').send(reprinted.pdf);

  app.get(
    '/notices/:fiscalYear/print-data.csv',
    {
      config: routeAccess(NOTICE_OPERATIONS['notice.print_data.export']),
      schema: { summary: '納税通知書の印刷データ(委託先向けCSV・個人番号なし)', tags, params: z.object({ fiscalYear }), produces: ['text/csv'] },
    },
    async (request, reply) => {
      const exported = await notices.exportPrintData(actorOf(request), request.params.fiscalYear);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(exported.fileName)).header('cache-control', 'no-store').send(toCsv(exported.header, exported.rows));
    },
  );

  app.get(
    '/notices/:fiscalYear/taxpayers/:addresseeNo.pdf',
    {
      config: routeAccess(NOTICE_OPERATIONS['notice.reprint']),
      schema: { summary: '納税義務者の納税通知書の再発行(PDF・「再発行」と印字)', tags, params: z.object({ fiscalYear, addresseeNo: addresseeNoSchema }), produces: ['application/pdf'] },
    },
    async (request, reply) => sendPdf(reply, await notices.reprint(actorOf(request), request.params.fiscalYear, { ownerAddresseeNo: request.params.addresseeNo })),
  );

  app.get(
    '/notices/:fiscalYear/:noticeNo.pdf',
    {
      config: routeAccess(NOTICE_OPERATIONS['notice.reprint']),
      schema: { summary: '納税通知書の再発行(通知書番号で・PDF・「再発行」と印字)', tags, params: z.object({ fiscalYear, noticeNo }), produces: ['application/pdf'] },
    },
    async (request, reply) => sendPdf(reply, await notices.reprint(actorOf(request), request.params.fiscalYear, { noticeNo: request.params.noticeNo })),
  );

  app.post(
    '/notices/batches',
    {
      config: routeAccess(NOTICE_OPERATIONS['notice.batch.print']),
      schema: {
        summary: '年度の納税通知書をすべて印刷ファイルにする(サーバーの出力フォルダへ・一覧 manifest 付き)',
        description: '当初賦課の集計と照合し、一致しなければ一覧を作りません。発送前点検の承認がない年度は印刷できません。',
        tags,
        body: z.object({ fiscalYear: integer({ label: '年度', min: 2016, max: 2200 }), perFile: integer({ label: '1ファイルの通知書数', min: 1, max: 100_000 }).default(1000) }),
        response: {
          200: z.object({
            outDir: z.string(),
            manifest: z.object({ files: z.array(printFile), totals: z.object({ files: z.number(), notices: z.number(), vehicles: z.number(), total: z.number() }) }),
          }),
        },
      },
    },
    async (request) => notices.printBatch(actorOf(request), request.body.fiscalYear, { perFile: request.body.perFile }),
  );
};
