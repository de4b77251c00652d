import { resolve } from 'node:path';
import { z } from 'zod';
import { municipalityCodeSchema } from './municipality/model.js';

/**
 * Every environment variable keitax reads, in one place. README.md's configuration table lists
 * the same names; `test/config.test.ts` keeps the two in step.
 */
const environmentSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  KEITAX_DATA_DIR: z.string().min(1).default('./data'),
  KEITAX_MUNICIPALITY_CODE: municipalityCodeSchema.default('112224'),
  KEITAX_DEMO: z.enum(['auto', 'never']).default('auto'),
  KEITAX_TAX_OVERRIDES_DIR: z.string().min(1).default('./config/tax-overrides'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export const environmentVariableNames = Object.keys(environmentSchema.shape);

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | undefined }
  | { kind: 'postgres'; url: string; poolSize: number };

export interface Config {
  host: string;
  port: number;
  database: DatabaseTarget;
  /** The municipality this installation serves (地方公共団体コード). */
  municipalityCode: string;
  /** `auto`: load the demo city on the first start of an empty embedded database. */
  demo: 'auto' | 'never';
  /** Folder of the municipalities' tax-rule overrides (`<municipalityCode>.yaml`). */
  taxOverridesDir: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`環境変数の値が正しくありません。\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: resolve(e.KEITAX_DATA_DIR) },
    municipalityCode: e.KEITAX_MUNICIPALITY_CODE,
    demo: e.KEITAX_DEMO,
    taxOverridesDir: resolve(e.KEITAX_TAX_OVERRIDES_DIR),
    logLevel: e.LOG_LEVEL,
  };
}

/** A variable set to the empty string means "use the default", as shells and .env files intend. */
function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of environmentVariableNames) {
    const value = env[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}
