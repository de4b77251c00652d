/** @module 送付データの取込み and the 車検証閲覧アプリ cross-check over HTTP (/api/v1/vehicle-imports…): thin routes over VehicleImportService. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import { addresseeNoSchema } from '../addressees/model.js';
import type { AppDependencies } from '../composition.js';
import { acceptFileBodies, csvUploadOf, csvUploadOptions, uploadedBytes } from '../server/uploads.js';
import type { CellProblem } from '../shared/cell-problem.js';
import { choice, integerText, text, TEXT_LIMITS } from '../shared/text.js';
import { declarationNoSchema } from '../vehicles/model.js';
import { CONFIRMABLE_ITEMS, CERTIFICATE_ITEM_LABELS } from './certificate.js';
import { certificateApplyResponse, certificateComparisonResponse, importRecordResponse, importReportResponse, STATUS_LABELS, takenRecordResponse, type ImportRecord, type TakenRecordView } from './model.js';
import { VEHICLE_IMPORT_OPERATIONS } from './operations.js';
import type { ImportRow } from './repository.js';
import type { TakenRecord } from './service.js';


const report = (row: ImportRow): ImportRecord => ({
  importId: row.importId,
  fileName: row.fileName,
  encoding: row.encoding,
  parserId: row.parserId,
  importedAt: row.importedAt.toISOString(),
  staffNo: row.staffNo,
  recordCount: row.recordCount,
  applied: row.appliedCount,
  queued: row.queuedCount,
  alreadyTaken: row.alreadyTakenCount,
  invalid: row.invalidCount,
  problems: row.problems as CellProblem[],
});

const view = (record: TakenRecord): TakenRecordView => ({
  recordId: record.recordId,
  importId: record.importId,
  rowNo: record.rowNo,
  source: record.source,
  recordKind: record.recordKind,
  declarationType: record.declarationType,
  eventDate: record.eventDate,
  chassisNo: record.chassisNo,
  plate: record.content.vehicle.plate,
  owner: record.content.declaredOwner,
  status: record.status,
  reasonCode: record.reasonCode,
  reasonDetail: record.reasonDetail,
  ownerAddresseeNo: record.ownerAddresseeNo,
  takenAt: record.takenAt.toISOString(),
  resolvedAt: record.resolvedAt?.toISOString() ?? null,
  resolvedByStaffNo: record.resolvedByStaffNo,
  resolutionNote: record.resolutionNote,
  appliedDeclarationNo: record.appliedDeclarationNo,
  appliedGeneration: record.appliedGeneration,
  appliedAt: record.appliedAt?.toISOString() ?? null,
});

const note = text({ label: '処理の理由', max: TEXT_LIMITS.reason });

const CERTIFICATE_BODY = '車検証閲覧アプリで出力した JSON ファイルを application/octet-stream として送信してください。';

/** `modelDesignation,firstInspection`: the items the clerk confirmed, each one the screen offered. */
const confirmedItemsSchema = z
  .string({ error: '反映する項目を選んでください' })
  // Every item's name once, with its commas: a longer list cannot name an item it does not repeat.
  .max(CONFIRMABLE_ITEMS.join(',').length, '反映する項目の指定が長すぎます')
  .transform((value) => [...new Set(value.split(',').map((item) => item.trim()).filter(Boolean))])
  .pipe(
    z
      .array(z.enum(CONFIRMABLE_ITEMS, { error: `反映できる項目は ${CONFIRMABLE_ITEMS.map((item) => CERTIFICATE_ITEM_LABELS[item]).join('・')} です` }))
      .min(1, '反映する項目を選んでください'),
  );
const resolutionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('apply'), addresseeNo: addresseeNoSchema.optional(), note }),
  z.object({ action: z.literal('register'), nameKana: text({ label: 'フリガナ', max: TEXT_LIMITS.name }).optional(), note }),
  z.object({ action: z.literal('dismiss'), note }),
]);

/** 送付データの取込み (seed I.1②): upload a forwarded file, read its report, work the review queue. */
export const vehicleImportRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { vehicleImports: service }) => {
  const tags = ['vehicle-imports'];
  acceptFileBodies(app);

  app.post(
    '/vehicle-imports',
    {
      config: routeAccess(VEHICLE_IMPORT_OPERATIONS['vehicle.import']),
      ...csvUploadOptions('軽自動車検査協会・運輸支局の送付データ(申告・検査情報)の取込み', 'docs/forwarded-data.md', tags, importReportResponse),
    },
    async (request) => service.importFile(actorOf(request), csvUploadOf(request)),
  );

  app.get(
    '/vehicle-imports',
    { config: routeAccess(VEHICLE_IMPORT_OPERATIONS['vehicle.import.list']), schema: { summary: '最近の送付データ取込み', tags, response: { 200: z.array(importRecordResponse) } } },
    async (request) => (await service.recentImports(actorOf(request))).map(report),
  );

  app.get(
    '/vehicle-imports/records',
    {
      config: routeAccess(VEHICLE_IMPORT_OPERATIONS['vehicle.import.records']),
      schema: {
        summary: '取り込んだ送付データ(状態別。確認待ちは理由つき)',
        tags,
        querystring: z.object({ status: choice('状態', STATUS_LABELS).default('open') }),
        response: { 200: z.array(takenRecordResponse) },
      },
    },
    async (request) => (await service.records(actorOf(request), request.query.status)).map(view),
  );

  app.post(
    '/vehicle-imports/records/:recordId/resolve',
    {
      config: routeAccess(VEHICLE_IMPORT_OPERATIONS['vehicle.import.resolve.apply'], VEHICLE_IMPORT_OPERATIONS['vehicle.import.resolve.register'], VEHICLE_IMPORT_OPERATIONS['vehicle.import.resolve.dismiss']),
      schema: {
        summary: '確認待ちの送付データの処理(所有者を指定して台帳に反映・住登外者として登録して反映・対象外)',
        tags,
        params: z.object({ recordId: z.uuid('番号の形式が正しくありません') }),
        body: resolutionSchema,
        response: { 200: z.object({ ownerAddresseeNo: z.string().nullable(), appliedDeclarationNo: z.string().nullable().describe('反映した車両の申告書番号') }) },
      },
    },
    async (request) => service.resolve(actorOf(request), request.params.recordId, request.body),
  );

  app.post(
    '/vehicle-imports/certificates/compare',
    {
      config: routeAccess(VEHICLE_IMPORT_OPERATIONS['vehicle.certificate.compare']),
      bodyLimit: 1024 * 1024,
      schema: {
        summary: '車検証閲覧アプリの出力ファイル(JSON)と台帳の突合(項目ごとの台帳の値・車検証の値)',
        description: '本文に JSON ファイルをそのまま(Content-Type: application/octet-stream)送ります。何も変更しません。',
        tags,
        querystring: z.object({ declarationNo: declarationNoSchema }),
        response: { 200: certificateComparisonResponse },
      },
    },
    async (request) => service.compareCertificate(actorOf(request), request.query.declarationNo, uploadedBytes(request.body, CERTIFICATE_BODY)),
  );

  app.post(
    '/vehicle-imports/certificates/apply',
    {
      config: routeAccess(VEHICLE_IMPORT_OPERATIONS['vehicle.certificate.apply']),
      bodyLimit: 1024 * 1024,
      schema: {
        summary: '車検証閲覧アプリの出力ファイル(JSON)で確認した項目を台帳に反映(新しい世代)',
        description: '突合と同じファイルを本文に送り、突合した世代と反映する項目(カンマ区切り)を指定します。世代が最新でなければ 409。',
        tags,
        querystring: z.object({ declarationNo: declarationNoSchema, generation: integerText({ label: '突合した世代', min: 1, max: 32_767 }), confirmed: confirmedItemsSchema }),
        response: { 200: certificateApplyResponse },
      },
    },
    async (request) => {
      const { declarationNo, generation, confirmed } = request.query;
      return service.applyCertificate(actorOf(request), declarationNo, { generation, confirmed }, uploadedBytes(request.body, CERTIFICATE_BODY));
    },
  );
};
