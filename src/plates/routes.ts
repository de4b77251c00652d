/** @module 標識 (plates) over HTTP: the inventory, a plate's history, range loads, voiding, design series, compensation slips. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import type { AppDependencies } from '../composition.js';
import {
  compensationSlipListQuery,
  compensationSlipListResponse,
  compensationSlipResponse,
  designSeriesSchema,
  inventoryQuery,
  inventoryResponse,
  loadedRangeResponse,
  loadRangeSchema,
  plateHistoryResponse,
  plateNumberSchema,
  plateStateResponse,
  slipNoSchema,
  voidPlateSchema,
} from './model.js';
import { PLATE_OPERATIONS } from './operations.js';

export const plateRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { plates: service }) => {
  const tags = ['plates'];

  app.get(
    '/plates/inventory',
    {
      config: routeAccess(PLATE_OPERATIONS['plate.inventory']),
      schema: { summary: '標識の在庫(拠点・車種・デザイン・状態ごとの枚数)', tags, querystring: inventoryQuery, response: { 200: inventoryResponse } },
    },
    async (request) => service.inventory(actorOf(request), request.query),
  );

  app.post(
    '/plates/history',
    {
      config: routeAccess(PLATE_OPERATIONS['plate.history']),
      schema: {
        summary: '標識1枚の状態の履歴',
        description: '標識の番号は車両を特定するため、URL ではなく本文で送ります。',
        tags,
        body: plateNumberSchema,
        response: { 200: plateHistoryResponse },
      },
    },
    async (request) => service.history(actorOf(request), request.body),
  );

  app.post(
    '/plates/ranges',
    {
      config: routeAccess(PLATE_OPERATIONS['plate.range.load']),
      schema: { summary: '標識の在庫の受入れ(連続した番号)', tags, body: loadRangeSchema, response: { 201: loadedRangeResponse } },
    },
    async (request, reply) => reply.code(201).send(await service.loadRange(actorOf(request), request.body)),
  );

  app.post(
    '/plates/void',
    { config: routeAccess(PLATE_OPERATIONS['plate.void']), schema: { summary: '標識の廃棄(在庫・返納・亡失・盗難の標識)', tags, body: voidPlateSchema, response: { 200: plateStateResponse } } },
    async (request) => service.voidPlate(actorOf(request), request.body),
  );

  app.put(
    '/plates/design-series',
    {
      config: routeAccess(PLATE_OPERATIONS['plate.designSeries.define']),
      schema: { summary: '市独自デザイン標識の設定(車種ごと)', tags, body: designSeriesSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await service.defineDesignSeries(actorOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/plates/compensation-slips',
    {
      config: routeAccess(PLATE_OPERATIONS['plate.compensation.list']),
      schema: { summary: '弁償金納付書の一覧(新しい順)', tags, querystring: compensationSlipListQuery, response: { 200: compensationSlipListResponse } },
    },
    async (request) => service.compensationSlips(actorOf(request), request.query),
  );

  app.get(
    '/plates/compensation-slips/:slipNo',
    {
      config: routeAccess(PLATE_OPERATIONS['plate.compensation.read']),
      schema: { summary: '弁償金納付書の詳細', tags, params: z.object({ slipNo: slipNoSchema }), response: { 200: compensationSlipResponse } },
    },
    async (request) => service.compensationSlip(actorOf(request), request.params.slipNo),
  );
};
