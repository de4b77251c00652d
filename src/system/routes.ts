/** @module The system's status over HTTP, for the status screen. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDependencies } from '../composition.js';
import { Problem } from '../server/problem.js';
import { systemStatusResponse } from './model.js';
import { systemStatus } from './service.js';

const HEALTH_TIMEOUT_MS = 2000;

export const systemRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { db, config, startedAt }) => {
  app.get(
    '/healthz',
    {
      config: { permission: 'public' },
      schema: {
        summary: '稼働確認(データベースの応答を含む)',
        tags: ['system'],
        response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }) },
      },
    },
    async () => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('database ping timed out')), HEALTH_TIMEOUT_MS).unref(),
      );
      try {
        await Promise.race([db.ping(), timeout]);
      } catch (error) {
        app.log.error({ err: error }, 'health check failed');
        throw new Problem(503, '一時的に利用できません', 'データベースが応答しません。システム管理者へ連絡してください。');
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );

  app.get(
    '/api/v1/system/status',
    { config: { permission: 'authenticated' }, schema: { summary: 'システムの状態', tags: ['system'], response: { 200: systemStatusResponse } } },
    async () => systemStatus(db, config.municipalityCode, startedAt),
  );
};
