import { loadConfig } from '../src/config.js';
import { generateKeyMaterial, keyEnvironment, loadKeys } from '../src/keys/keys.js';
import { compose } from '../src/composition.js';
import { buildApp } from '../src/server/app.js';
import { latency, type Benchmark } from './harness.js';

/** The HTTP stack over loopback: Fastify, hooks, logging, metrics and a database round trip. */
export const httpBenchmark: Benchmark = {
  id: 'http',
  title: 'HTTP',
  async run({ db }) {
    const config = loadConfig({ LOG_LEVEL: 'warn', ...keyEnvironment(generateKeyMaterial()) });
    const app = await buildApp(compose({ db, config, keys: loadKeys(config).keys, startedAt: new Date() }));
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const health = await latency(2000, async () => (await fetch(`${base}/healthz`)).arrayBuffer());
      const municipality = await latency(2000, async () => (await fetch(`${base}/api/v1/municipality`)).arrayBuffer());
      return [
        { what: 'GET /healthz (database ping), sequential', value: health },
        { what: 'GET /api/v1/municipality (one RLS-bound query), sequential', value: municipality },
      ];
    } finally {
      await app.close();
    }
  },
};
