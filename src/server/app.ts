/**
 * @module The HTTP application: Fastify with its error format, input guard, access control, every
 * capability's routes, the OpenAPI description and the built screens.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authRoutes } from '../access/auth-routes.js';
import { auditRoutes } from '../audit/routes.js';
import { certificateRoutes } from '../certificates/routes.js';
import { registerAccessControl } from '../access/http.js';
import type { AppDependencies } from '../composition.js';
import { addresseeRoutes } from '../addressees/routes.js';
import { integratedAddresseeRoutes } from '../integrated-addressees/routes.js';
import { municipalityRoutes } from '../municipality/routes.js';
import { plateRoutes } from '../plates/routes.js';
import { staffRoutes } from '../staff/routes.js';
import { residentChangeRoutes } from '../resident-changes/routes.js';
import { systemRoutes } from '../system/routes.js';
import { taxRuleRoutes } from '../tax-rules/routes.js';
import { vehicleImportRoutes } from '../vehicle-imports/routes.js';
import { loggerOptions, RoutePatternLogController } from './logging.js';
import { isServableFile, registerResponseHeaders } from './exposure.js';
import { registerMetrics } from './metrics.js';
import { registerInputGuard } from './input-guard.js';
import { clientErrorResponse, Problem, sendProblem, sendRoutingProblem, toProblem } from './problem.js';
// Messages in a clerk's words for every schema of API, CLI and UI alike (installs the error map).
import '../shared/messages.js';
import { vehicleRoutes } from '../vehicles/routes.js';
import { assessmentRoutes } from '../assessment/routes.js';
import { noticeRoutes } from '../notices/routes.js';
import { taxLedgerRoutes } from '../tax-ledger/routes.js';

/** The built React app: dist/web from both src/server (tests) and dist/server (production). */
export const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface BuildOptions {
  /** Where the built screens are; tests point it at an empty folder. */
  webRoot?: string;
  /** Where log lines go (stdout by default); tests read them back. */
  logStream?: NodeJS.WritableStream;
}

/** The HTTP server over what the composition root built (`compose()` in src/composition.ts). */
export async function buildApp(deps: AppDependencies, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel, options.logStream),
    logController: new RoutePatternLogController(),
    // genReqId reads x-request-id itself, so an unsafe value is replaced rather than echoed.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Errors before routing and before Fastify (a URL that does not decode, a parameter past
    // the router's 100 characters, a 100 kB cookie) answer in the one format too.
    frameworkErrors: sendRoutingProblem,
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(clientErrorResponse(error.code));
      socket.destroy(error);
    },
    // Behind a reverse proxy, the client's address (audit log, sign-in throttle) is the one it forwards.
    trustProxy: deps.config.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerResponseHeaders(app, deps.config);

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem);
  });

  registerInputGuard(app);
  await registerAccessControl(app, deps);
  registerMetrics(app, deps.config.metricsPort);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'keitax API',
        description: '軽自動車税(種別割) 賦課・管理システムの API。エラーはすべて application/problem+json で返します。',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });

  await app.register(systemRoutes, deps);
  await app.register(municipalityRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(authRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(staffRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(auditRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(taxRuleRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(addresseeRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(integratedAddresseeRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(residentChangeRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(vehicleRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(plateRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(certificateRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(vehicleImportRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(assessmentRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(noticeRoutes, { ...deps, prefix: '/api/v1' });
  await app.register(taxLedgerRoutes, { ...deps, prefix: '/api/v1' });

  const webRoot = options.webRoot ?? WEB_ROOT;
  const indexHtml = existsSync(join(webRoot, 'index.html')) ? readFileSync(join(webRoot, 'index.html')) : undefined;
  // The API description and the screens' files hold no personal data: open to all.
  await app.register(async (open) => {
    open.addHook('onRoute', (route) => {
      route.config = { ...route.config, permission: 'public' };
    });
    await open.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    if (indexHtml) await open.register(fastifyStatic, { root: webRoot, wildcard: true, index: ['index.html'], allowedPath: isServableFile });
  });

  app.setNotFoundHandler((request, reply) => {
    // Screens are routed in the browser: any other GET of a page answers with the app itself.
    const wantsPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && indexHtml) return reply.type('text/html; charset=utf-8').send(indexHtml);
    if (wantsPage) {
      return sendProblem(
        request,
        reply,
        toProblem(new Problem(503, '画面がまだ用意されていません', '画面が未ビルドです。npm run build を実行してから起動してください。')),
      );
    }
    return sendProblem(
      request,
      reply,
      // The URL is not echoed: it is the requester's own text, of any length.
      toProblem(Problem.notFound(`このURLと方法(${request.method})のAPIはありません。URLを確認してください。`)),
    );
  });

  return app;
}
