/**
 * @module 税宛名 (S2) over HTTP: search, detail with history, register and edit, 納税管理人, 送付先,
 * 基本4情報の突合.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import { ADDRESSEE_OPERATIONS } from './operations.js';
import type { AppDependencies } from '../composition.js';
import { calendarDateSchema } from '../shared/date-schema.js';
import {
  addresseeDetailResponse,
  addresseeMatchResponse,
  addresseeNoSchema,
  addresseeSearchResponse,
  addresseeSearchSchema,
  basicItemsSchema,
  endPeriodSchema,
  mailDestinationSchema,
  registerAddresseeSchema,
  savedAddresseeResponse,
  taxAdministratorSchema,
  updateAddresseeSchema,
  type SavedAddressee,
} from './model.js';
import type { AddresseeRow } from './repository.js';

const params = z.object({ addresseeNo: addresseeNoSchema });
const PERIOD_KINDS = { 'tax-administrators': 'tax_administrator', 'mail-destinations': 'mail_destination' } as const;
const periodParams = z.object({
  addresseeNo: addresseeNoSchema,
  periodKind: z.enum(['tax-administrators', 'mail-destinations']),
  validFrom: calendarDateSchema('開始日'),
});
const saved = (row: AddresseeRow): SavedAddressee => ({ addresseeNo: row.addresseeNo, version: row.version, integratedAddresseeNo: row.integratedAddresseeNo });

export const addresseeRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { addressees: service }) => {
  const tags = ['addressees'];

  app.post(
    '/addressees/search',
    {
      config: routeAccess(ADDRESSEE_OPERATIONS['addressee.search']),
      schema: {
        summary: '宛名の検索(氏名・カナ・生年月日・住所・宛名番号・電話番号)',
        description: '検索値は個人情報のため POST の本文で送ります(URL やプロキシのログに残さない)。',
        tags,
        body: addresseeSearchSchema,
        response: { 200: addresseeSearchResponse },
      },
    },
    async (request) => service.search(actorOf(request), request.body),
  );

  app.post(
    '/addressees/match',
    {
      config: routeAccess(ADDRESSEE_OPERATIONS['addressee.match']),
      schema: {
        summary: '基本4情報による本人の突合',
        description: '4情報すべてが一致する宛名がちょうど1件なら linked、それ以外は候補と一致しない項目を返し、職員が判断します。',
        tags,
        body: basicItemsSchema,
        response: { 200: addresseeMatchResponse },
      },
    },
    async (request) => service.match(actorOf(request), request.body),
  );

  app.get(
    '/addressees/:addresseeNo',
    { config: routeAccess(ADDRESSEE_OPERATIONS['addressee.read']), schema: { summary: '宛名の詳細と変更履歴', tags, params, response: { 200: addresseeDetailResponse } } },
    async (request) => service.detail(actorOf(request), request.params.addresseeNo),
  );

  app.post(
    '/addressees',
    {
      config: routeAccess(ADDRESSEE_OPERATIONS['addressee.register']),
      schema: { summary: '住登外者・法人の登録', tags, body: registerAddresseeSchema, response: { 201: savedAddresseeResponse } },
    },
    async (request, reply) => reply.code(201).send(saved(await service.register(actorOf(request), request.body))),
  );

  app.patch(
    '/addressees/:addresseeNo',
    { config: routeAccess(ADDRESSEE_OPERATIONS['addressee.update']), schema: { summary: '宛名の変更', tags, params, body: updateAddresseeSchema, response: { 200: savedAddresseeResponse } } },
    async (request) => saved(await service.update(actorOf(request), request.params.addresseeNo, request.body)),
  );

  app.post(
    '/addressees/:addresseeNo/integrated-addressee-no',
    {
      config: routeAccess(ADDRESSEE_OPERATIONS['addressee.integratedAddresseeNo.assign']),
      schema: { summary: '統合宛名番号の付番(未付番の宛名)', tags, params, response: { 200: z.object({ integratedAddresseeNo: z.string() }) } },
    },
    async (request) => ({ integratedAddresseeNo: await service.assignIntegratedAddresseeNo(actorOf(request), request.params.addresseeNo) }),
  );

  app.post(
    '/addressees/:addresseeNo/tax-administrators',
    { config: routeAccess(ADDRESSEE_OPERATIONS['addressee.taxAdministrator.set']), schema: { summary: '納税管理人の設定', tags, params, body: taxAdministratorSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await service.setTaxAdministrator(actorOf(request), request.params.addresseeNo, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/addressees/:addresseeNo/mail-destinations',
    { config: routeAccess(ADDRESSEE_OPERATIONS['addressee.mailDestination.set']), schema: { summary: '送付先の設定', tags, params, body: mailDestinationSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await service.setMailDestination(actorOf(request), request.params.addresseeNo, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/addressees/:addresseeNo/:periodKind/:validFrom/end',
    {
      config: routeAccess(ADDRESSEE_OPERATIONS['addressee.taxAdministrator.end'], ADDRESSEE_OPERATIONS['addressee.mailDestination.end']),
      schema: { summary: '納税管理人・送付先の期間の終了', tags, params: periodParams, body: endPeriodSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { addresseeNo, periodKind, validFrom } = request.params;
      await service.endPeriod(actorOf(request), PERIOD_KINDS[periodKind], addresseeNo, validFrom, request.body);
      return reply.code(204).send(null);
    },
  );
};
