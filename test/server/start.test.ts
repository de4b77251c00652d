import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server/start.js';

describe('starting on an embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keitax-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ KEITAX_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });

  it('loads the demo city on the first start, keeps data across a restart, and never loads it twice', async () => {
    const messages: string[] = [];
    const first = await startServer(config, (m) => messages.push(m));
    const status = await (await fetch(`${first.url}/api/v1/system/status`)).json();
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await first.close();
    expect(messages.some((m) => m.startsWith('demo city 112224 loaded'))).toBe(true);

    messages.length = 0;
    const second = await startServer(config, (m) => messages.push(m));
    const again = await (await fetch(`${second.url}/api/v1/system/status`)).json();
    await second.close();
    // Only the socket CLI commands and psql reach the database through (docs/decisions/0008).
    expect(messages).toEqual([expect.stringMatching(/^embedded database served on /)]);
    expect(again.register).toEqual(status.register);
  }, 120_000);

  it('does not start for a municipality that is not registered, and says how to register it', async () => {
    const other = loadConfig({ KEITAX_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', KEITAX_MUNICIPALITY_CODE: '131016' });
    await expect(startServer(other, () => undefined)).rejects.toThrow(/keitax municipality add/);
  });
});
