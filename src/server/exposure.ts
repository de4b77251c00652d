/**
 * @module What the server reveals to browsers and caches: security headers, HSTS, no-store on the
 * API, and no source maps served.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/** A year, as browsers' HSTS preload lists expect at least. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * What the server tells browsers and caches: helmet's security headers, HSTS only when staff
 * open the system over https (on plain http a browser ignores it, and behind a TLS proxy the
 * public origin is what counts), and `Cache-Control: no-store` on every /api/ answer, since
 * nearly all of them carry personal data and a shared PC's disk cache must not keep it. A route
 * that sets its own Cache-Control (the OpenAPI viewer's static files) keeps it.
 */
export async function registerResponseHeaders(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    strictTransportSecurity: config.publicOrigin.startsWith('https:') ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      directives: {
        // Served over plain HTTP on a closed network or behind a TLS proxy: never rewrite to https.
        upgradeInsecureRequests: null,
        // The OpenAPI viewer inlines its styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}

/** Source maps would hand out the screens' whole source (2.3 MB): never served, even if built. */
export const isServableFile = (pathName: string) => !pathName.endsWith('.map');
