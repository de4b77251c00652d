import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import { ADDRESSEE_OPERATIONS } from './operations.js';
import type { AppDependencies } from '../composition.js';
import { calendarDateSchema } from '../shared/date-schema.js';
import {
  addresseeNoSchema,
  addresseeSearchSchema,
  addresseeSummaryResponse,
  basicItemsSchema,
  endPeriodSchema,
  mailDestinationSchema,
  registerAddresseeSchema,
  taxAdministratorSchema,
  updateAddresseeSchema,
} from './model.js';
import type { AddresseeRow } from './repository.js';

const params = z.object({ addresseeNo: addresseeNoSchema });
const PERIOD_KINDS = { 'tax-administrators': 'tax_administrator', 'mail-destinations': 'mail_destination' } as const;
const periodParams = z.object({
  addresseeNo: addresseeNoSchema,
  periodKind: z.enum(['tax-administrators', 'mail-destinations']),
  validFrom: calendarDateSchema('開始日'),
});
const nullableString = z.string().nullable();

const periodFields = { validFrom: z.string(), validTo: nullableString, current: z.boolean().describe('今日有効な期間') };

const detailResponse = addresseeSummaryResponse.extend({
  corporateNumber: nullableString,
  postalCode: nullableString,
  addressCode: nullableString,
  storagePlaceAddress: nullableString,
  storagePlaceAddressCode: nullableString,
  phone: nullableString,
  statusDate: nullableString,
  version: z.number().describe('変更時に送り返す版番号'),
  createdAt: z.string(),
  updatedAt: z.string(),
  integratedAddresseeNo: nullableString,
  maskedIndividualNumber: nullableString.describe('下4桁以外を伏せた個人番号。全桁は表示操作(監査対象)でのみ'),
  taxAdministrators: z.array(z.object({ administratorAddresseeNo: z.string(), administratorName: z.string(), ...periodFields })),
  administeredTaxpayers: z.array(z.object({ taxpayerAddresseeNo: z.string(), taxpayerName: z.string(), ...periodFields })),
  mailDestinations: z.array(z.object({ name: z.string(), postalCode: nullableString, address: z.string(), phone: nullableString, ...periodFields })),
  history: z.array(
    z.object({
      historyId: z.number(),
      changedAt: z.string(),
      staffNo: nullableString,
      staffName: nullableString,
      source: z.enum(['entry', 'resident_registry']),
      changeKind: z.string(),
      reason: z.string(),
      effectiveDate: nullableString,
      changes: z.record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() })),
    }),
  ),
});

const savedResponse = z.object({ addresseeNo: z.string(), version: z.number(), integratedAddresseeNo: nullableString });
const saved = (row: AddresseeRow) => ({ addresseeNo: row.addresseeNo, version: row.version, integratedAddresseeNo: row.integratedAddresseeNo });

const candidateResponse = z.object({
  addressee: addresseeSummaryResponse,
  match: z.object({
    score: z.number(),
    matched: z.array(z.enum(['name', 'sex', 'birthDate', 'address'])),
    differing: z.array(z.enum(['name', 'sex', 'birthDate', 'address'])),
    unknown: z.array(z.enum(['name', 'sex', 'birthDate', 'address'])),
  }),
});

const searchResponse = z.object({ hits: z.array(addresseeSummaryResponse.extend({ score: z.number().describe('一致度 0〜110') })), truncated: z.boolean() });
const matchResponse = z.object({ decision: z.enum(['linked', 'review']), addresseeNo: z.string().optional(), candidates: z.array(candidateResponse) });

/** What the screens receive (web/src/pages/addressees). */
export type AddresseeDetailResponse = z.infer<typeof detailResponse>;
export type AddresseeSearchResponse = z.infer<typeof searchResponse>;
export type AddresseeMatchResponse = z.infer<typeof matchResponse>;

/** 税宛名 (S2) over HTTP: search, detail with history, register and edit, 納税管理人, 送付先, 基本4情報の突合. */
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
        response: { 200: searchResponse },
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
        response: { 200: matchResponse },
      },
    },
    async (request) => service.match(actorOf(request), request.body),
  );

  app.get(
    '/addressees/:addresseeNo',
    { config: routeAccess(ADDRESSEE_OPERATIONS['addressee.read']), schema: { summary: '宛名の詳細と変更履歴', tags, params, response: { 200: detailResponse } } },
    async (request) => {
      const detail = await service.detail(actorOf(request), request.params.addresseeNo);
      return {
        ...detail,
        createdAt: detail.createdAt.toISOString(),
        updatedAt: detail.updatedAt.toISOString(),
        history: detail.history.map((h) => ({ ...h, changedAt: h.changedAt.toISOString(), changes: h.changes as Record<string, { before?: unknown; after?: unknown }> })),
      };
    },
  );

  app.post(
    '/addressees',
    {
      config: routeAccess(ADDRESSEE_OPERATIONS['addressee.register']),
      schema: { summary: '住登外者・法人の登録', tags, body: registerAddresseeSchema, response: { 201: savedResponse } },
    },
    async (request, reply) => reply.code(201).send(saved(await service.register(actorOf(request), request.body))),
  );

  app.patch(
    '/addressees/:addresseeNo',
    { config: routeAccess(ADDRESSEE_OPERATIONS['addressee.update']), schema: { summary: '宛名の変更', tags, params, body: updateAddresseeSchema, response: { 200: savedResponse } } },
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
