/**
 * @module Prometheus metrics (request durations and the process's figures) served on a separate
 * listener bound to localhost, never on the public port.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where the metrics listener listens, once it does; null before `listen` or if it could not start. */
    metricsAddress(): Promise<AddressInfo | null>;
  }
}

/** The metrics listener answers on the loopback address only: never on the city network. */
const METRICS_HOST = '127.0.0.1';

/**
 * Prometheus metrics: process and runtime metrics plus request latency by route pattern (never
 * by concrete URL, which could carry a plate or an addressee number). They are served at
 * /metrics by a second listener on 127.0.0.1:`port`, started when the app listens, so only a
 * scraper on the server itself reads them (see README: a scraper cannot sign in with a passkey).
 */
export function registerMetrics(app: FastifyInstance, port: number): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'keitax_' });
  const duration = new Histogram({
    name: 'keitax_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const listener = Fastify();
  listener.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  let listening: Promise<AddressInfo | null> = Promise.resolve(null);
  app.decorate('metricsAddress', () => listening);
  // Metrics are not worth refusing to serve the city for: a port in use is logged, not fatal.
  app.addHook('onListen', async () => {
    listening = listener
      .listen({ host: METRICS_HOST, port })
      .then(() => listener.server.address() as AddressInfo)
      .catch((error: unknown) => {
        app.log.error({ err: error }, `metrics listener could not start on ${METRICS_HOST}:${port}`);
        return null;
      });
  });
  app.addHook('onClose', async () => {
    await listening;
    await listener.close();
  });
}
