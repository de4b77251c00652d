/** @module The municipality over HTTP: the name and code the screens show in their frame. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDependencies } from '../composition.js';
import { Problem } from '../server/problem.js';
import { municipalityResponse } from './model.js';
import { getMunicipality } from './service.js';

export const municipalityRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { db, config }) => {
  app.get(
    '/municipality',
    {
      // The sign-in screen shows which municipality it is for.
      config: { permission: 'public' },
      schema: {
        summary: '利用中の地方公共団体',
        tags: ['system'],
        response: { 200: municipalityResponse },
      },
    },
    async () => {
      const municipality = await getMunicipality(db, config.municipalityCode);
      if (!municipality) {
        throw Problem.notFound(
          `地方公共団体コード ${config.municipalityCode} は登録されていません。keitax municipality add で登録してください。`,
        );
      }
      return municipality;
    },
  );
};
