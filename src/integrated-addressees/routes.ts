/** @module 団体内統合宛名 (S3) over HTTP: the lookup by either number, and the audited reveal. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import { INTEGRATED_ADDRESSEE_OPERATIONS } from './operations.js';
import { addresseeNoSchema } from '../addressees/model.js';
import type { AppDependencies } from '../composition.js';
import { Problem } from '../server/problem.js';
import { integratedLookupResponse, integratedLookupSchema, revealRecordResponse, revealSchema } from './model.js';

export const integratedAddresseeRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { integratedAddressees: service, config }) => {
  const tags = ['integrated-addressees'];

  app.post(
    '/integrated-addressees/lookup',
    {
      config: routeAccess(INTEGRATED_ADDRESSEE_OPERATIONS['integratedAddressee.lookup']),
      schema: {
        summary: '個人番号または統合宛名番号による宛名の照会',
        description: '個人番号は本文で送ります。応答の個人番号は下4桁以外を伏せます。',
        tags,
        body: integratedLookupSchema,
        response: { 200: integratedLookupResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const found =
        'individualNumber' in request.body
          ? await service.lookupByIndividualNumber(actor, request.body.individualNumber)
          : await service.lookupByIntegratedAddresseeNo(actor, request.body.integratedAddresseeNo);
      if (!found) throw Problem.notFound('該当する統合宛名はありません。');
      return found;
    },
  );

  app.post(
    '/addressees/:addresseeNo/individual-number/reveal',
    {
      config: routeAccess(INTEGRATED_ADDRESSEE_OPERATIONS['addressee.individualNumber.reveal']),
      schema: {
        summary: '個人番号の表示(理由・再認証が必要、監査記録)',
        description: `直近 ${config.reveal.reauthMinutes} 分以内の再認証がなければ 403 (type: urn:keitax:problem:reauthentication-required) を返します。`,
        tags,
        params: z.object({ addresseeNo: addresseeNoSchema }),
        body: revealSchema,
        response: { 200: z.object({ individualNumber: z.string(), revealId: z.string(), revealedAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const revealed = await service.reveal(actorOf(request), request.params.addresseeNo, request.body);
      // The number must not linger in a cache of the browser or a proxy.
      reply.header('cache-control', 'no-store');
      return { ...revealed, revealedAt: revealed.revealedAt.toISOString() };
    },
  );

  app.get(
    '/individual-number-reveals/:revealId',
    {
      config: routeAccess(INTEGRATED_ADDRESSEE_OPERATIONS['integratedAddressee.reveal.read']),
      schema: {
        summary: '個人番号の表示記録(理由の文言)の確認(監査用、記録あり)',
        tags,
        params: z.object({ revealId: z.uuid('表示記録の番号が正しくありません') }),
        response: { 200: revealRecordResponse },
      },
    },
    async (request, reply) => {
      const record = await service.revealRecord(actorOf(request), request.params.revealId);
      reply.header('cache-control', 'no-store');
      return record;
    },
  );
};
