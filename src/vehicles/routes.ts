/** @module The vehicle register (軽自テーブル, S1) over HTTP: search, detail with history and tax, counter declarations, deletion, remarks. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import { addresseeNoSchema } from '../addressees/model.js';
import type { AppDependencies } from '../composition.js';
import { integer } from '../shared/text.js';
import {
  classChangeSchema,
  declarationNoSchema,
  declarationResultResponse,
  type DeclarationNo,
  type DeclarationResult,
  deletedVehicleResponse,
  deletionSchema,
  deregistrationSchema,
  exOfficioDeregistrationSchema,
  historyRowResponse,
  ownerChangeSchema,
  plateReissueSchema,
  registrationSchema,
  remarkEditSchema,
  remarkResponse,
  remarkSchema,
  restorationSchema,
  storageChangeSchema,
  taxStopSchema,
  vehicleDetailResponse,
  vehicleSearchResponse,
  vehicleSearchSchema,
} from './model.js';
import { VEHICLE_OPERATIONS } from './operations.js';

const params = z.object({ declarationNo: declarationNoSchema });
const remarkParams = params.extend({ remarkNo: z.coerce.number().pipe(integer({ label: '備考番号', min: 1, max: 2 ** 31 - 1 })) });
const generationsResponse = z.object({ generations: z.number() });

export const vehicleRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { vehicles: service }) => {
  const tags = ['vehicles'];

  app.post(
    '/vehicles/search',
    {
      config: routeAccess(VEHICLE_OPERATIONS['vehicle.search']),
      schema: {
        summary: '車両の検索(標識番号・車台番号・所有者・申告書番号・宛名番号)',
        description: '標識は一部分でも(空白・全角半角を問わず)、車台番号は先頭または末尾の数文字でも検索できます。検索値は POST の本文で送ります。',
        tags,
        body: vehicleSearchSchema,
        response: { 200: vehicleSearchResponse },
      },
    },
    async (request) => service.search(actorOf(request), request.body),
  );

  app.get(
    '/vehicles/deleted',
    { config: routeAccess(VEHICLE_OPERATIONS['vehicle.deleted.list']), schema: { summary: '削除された車両(軽自削除テーブル)', tags, response: { 200: z.array(deletedVehicleResponse) } } },
    async (request) => service.listDeleted(actorOf(request)),
  );

  app.get(
    '/vehicles/:declarationNo',
    {
      config: routeAccess(VEHICLE_OPERATIONS['vehicle.read']),
      schema: { summary: '車両の現在の記録・履歴(世代・名義変更)・今年度の税額・備考履歴', tags, params, response: { 200: vehicleDetailResponse } },
    },
    async (request) => service.detail(actorOf(request), request.params.declarationNo),
  );

  app.get(
    '/addressees/:addresseeNo/vehicles',
    {
      config: routeAccess(VEHICLE_OPERATIONS['vehicle.ownerHistory']),
      schema: { summary: '所有者の車両履歴(所有していた車両を含む)', tags, params: z.object({ addresseeNo: addresseeNoSchema }), response: { 200: z.array(historyRowResponse) } },
    },
    async (request) => service.ownerHistory(actorOf(request), request.params.addresseeNo),
  );

  app.post(
    '/vehicles',
    {
      config: routeAccess(VEHICLE_OPERATIONS['vehicle.register']),
      schema: { summary: '新規登録(原動機付自転車・小型特殊自動車、標識の交付)', tags, body: registrationSchema, response: { 201: declarationResultResponse } },
    },
    async (request, reply) => reply.code(201).send(await service.register(actorOf(request), request.body)),
  );

  /** A change of a record: the generation the screen showed, then what changes. */
  const change = <Body extends z.ZodType>(
    path: string,
    operation: keyof typeof VEHICLE_OPERATIONS,
    summary: string,
    body: Body,
    handle: (actor: Actor, no: DeclarationNo, input: z.infer<Body>) => Promise<DeclarationResult>,
  ) =>
    app.post(
      `/vehicles/:declarationNo/${path}`,
      {
        config: routeAccess(VEHICLE_OPERATIONS[operation]),
        schema: { summary, description: '画面に表示した世代(generation)を送ります。その後に変更されていれば 409 で、誰がいつ変更したかを返します。', tags, params, body, response: { 200: declarationResultResponse } },
      },
      async (request) => handle(actorOf(request), request.params.declarationNo, request.body as z.infer<Body>),
    );

  change('owner-change', 'vehicle.ownerChange', '名義変更(旧所有者の記録を閉じ、新所有者の申告書番号で登録)', ownerChangeSchema, (actor, no, input) => service.changeOwner(actor, no, input));
  change('deregistration', 'vehicle.deregister', '廃車(廃棄・譲渡・転出・盗難、郵送を含む)', deregistrationSchema, (actor, no, input) => service.deregister(actor, no, input));
  change('ex-officio-deregistration', 'vehicle.deregisterExOfficio', '職権廃車(調査の記録とともに)', exOfficioDeregistrationSchema, (actor, no, input) => service.deregisterExOfficio(actor, no, input));
  change('tax-stop', 'vehicle.taxStop', '税止め(他市町村の申告書写しによる)', taxStopSchema, (actor, no, input) => service.stopTax(actor, no, input));
  change('storage-change', 'vehicle.storageChange', '定置場・住所の変更', storageChangeSchema, (actor, no, input) => service.changeStoragePlace(actor, no, input));
  change('class-change', 'vehicle.classChange', '車種変更', classChangeSchema, (actor, no, input) => service.changeClass(actor, no, input));
  change('plate-reissue', 'vehicle.plateReissue', '標識の再交付(亡失・き損・盗難)', plateReissueSchema, (actor, no, input) => service.reissuePlate(actor, no, input));

  app.post(
    '/vehicles/:declarationNo/deletion',
    {
      config: routeAccess(VEHICLE_OPERATIONS['vehicle.delete']),
      schema: { summary: '誤登録の削除(全世代を軽自削除テーブルへ移す)', tags, params, body: deletionSchema, response: { 200: generationsResponse } },
    },
    async (request) => service.delete(actorOf(request), request.params.declarationNo, request.body.reason),
  );

  app.post(
    '/vehicles/:declarationNo/restoration',
    {
      config: routeAccess(VEHICLE_OPERATIONS['vehicle.restore']),
      schema: { summary: '削除した車両の復元', tags, params, body: restorationSchema, response: { 200: generationsResponse } },
    },
    async (request) => service.restore(actorOf(request), request.params.declarationNo, request.body.reason),
  );

  app.post(
    '/vehicles/:declarationNo/remarks',
    { config: routeAccess(VEHICLE_OPERATIONS['vehicle.remark.add']), schema: { summary: '備考の記録', tags, params, body: remarkSchema, response: { 201: remarkResponse } } },
    async (request, reply) => reply.code(201).send(await service.addRemark(actorOf(request), request.params.declarationNo, request.body)),
  );

  app.put(
    '/vehicles/:declarationNo/remarks/:remarkNo',
    {
      config: routeAccess(VEHICLE_OPERATIONS['vehicle.remark.edit']),
      schema: { summary: '備考の修正(初回と最終の記録職員を保持)', tags, params: remarkParams, body: remarkEditSchema, response: { 200: remarkResponse } },
    },
    async (request) => service.editRemark(actorOf(request), request.params.declarationNo, request.params.remarkNo, request.body),
  );
};
