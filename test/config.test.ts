import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, environmentVariableNames, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('defaults to embedded PostgreSQL in ./data, on 127.0.0.1:3000, for the demo city', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000, municipalityCode: '112224', demo: 'auto', logLevel: 'info' });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: `${config.dataDir}/pglite` });
  });

  it('uses a PostgreSQL server when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db.example:5432/keitax', DATABASE_POOL_SIZE: '20' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db.example:5432/keitax',
      poolSize: 20,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('refuses bad values in Japanese, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ KEITAX_MUNICIPALITY_CODE: '112225' })).toThrow(/検査数字/);
  });

  it('is documented: README.md lists every environment variable', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(environmentVariableNames.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});
