/**
 * @module Every environment variable keitax reads, in one place. README.md's configuration table lists
 * the same names; `test/config.test.ts` keeps the two in step.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { municipalityCodeSchema } from './municipality/model.js';

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
  KEITAX_PUBLIC_ORIGIN: z.string().url().optional(),
  KEITAX_AUDIT_HMAC_KEY: z.string().optional(),
  KEITAX_AUDIT_SIGNING_KEY: z.string().optional(),
  KEITAX_AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  KEITAX_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  KEITAX_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(240).default(20),
  KEITAX_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(9),
  KEITAX_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  KEITAX_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  KEITAX_SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  KEITAX_SIGN_IN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(300),
  KEITAX_SIGN_IN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(20),
  KEITAX_TRUST_PROXY: z.string().optional(),
  KEITAX_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  KEITAX_VAULT_KEYS: z.string().optional(),
  KEITAX_VAULT_LOOKUP_KEY: z.string().optional(),
  KEITAX_REVEAL_REAUTH_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  KEITAX_TAX_DIVISION_SECTION: z.string().min(1).max(40).default('市民税課 軽自動車税担当'),
  KEITAX_TAX_DIVISION_PHONE: z.string().regex(/^[0-9-]{6,15}$/, '電話番号は数字とハイフンで入力してください').default('048-000-0000'),
  KEITAX_TAX_DIVISION_ADDRESS: z.string().min(1).max(80).default('越谷市越ヶ谷四丁目2番1号'),
  KEITAX_CONVENIENCE_STORE_COMPANY_CODE: z.string().regex(/^[0-9]{5}$/, '収納企業コードは5桁の数字です').optional(),
  KEITAX_NOTICE_OUTPUT_DIR: z.string().min(1).optional(),
  KEITAX_NOTICE_RENDER_THREADS: z.coerce.number().int().min(1).max(32).default(2),
  NODE_ENV: z.string().optional(),
  // Test hooks of the assessment's kill-and-resume test (small batches, a pause after each): ignored when NODE_ENV=production.
  KEITAX_TEST_ASSESSMENT_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).optional(),
  KEITAX_TEST_ASSESSMENT_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).optional(),
});

export const environmentVariableNames = Object.keys(environmentSchema.shape);

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | undefined }
  | { kind: 'postgres'; url: string; poolSize: number };

export interface Config {
  host: string;
  port: number;
  /** The folder of local state: the embedded database, generated keys, audit checkpoints. */
  dataDir: string;
  database: DatabaseTarget;
  /** The municipality this installation serves (地方公共団体コード). */
  municipalityCode: string;
  /** `auto`: load the demo city on the first start of an empty embedded database. */
  demo: 'auto' | 'never';
  /** Folder of the municipalities' tax-rule overrides (`<municipalityCode>.yaml`). */
  taxOverridesDir: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  /** The address staff open in the browser; passkeys are bound to its host name. */
  publicOrigin: string;
  audit: {
    /** Base64 HMAC key of the chain; generated into dataDir for an embedded install when unset. */
    hmacKey: string | undefined;
    /** Base64 PKCS#8 Ed25519 key signing checkpoints; likewise. */
    signingKey: string | undefined;
    checkpointDir: string;
    checkpointMinutes: number;
  };
  session: { idleMinutes: number; maxHours: number };
  lockout: { threshold: number; minutes: number };
  /**
   * Requests to the sign-in, enrolment and re-authentication endpoints allowed per window, per
   * client address and per staff number; counted in memory by each server process.
   */
  signInThrottle: { windowMinutes: number; maxPerAddress: number; maxPerAccount: number };
  /** Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For names the client; none by default. */
  trustProxy: string | undefined;
  /** Port of the Prometheus listener, which binds 127.0.0.1 only. */
  metricsPort: number;
  vault: {
    /** `id:base64key,…` (first = the key new values are sealed with); generated like the audit keys when unset. */
    keys: string | undefined;
    /** Base64 HMAC key of the individual-number lookup hash; likewise. */
    lookupKey: string | undefined;
  };
  /** How recent a re-authentication must be for revealing an individual number. */
  reveal: { reauthMinutes: number };
  /** What tax notices print that is the city's (docs/notices.md), and where the server writes print files. */
  notices: {
    contact: { section: string; phone: string; address: string };
    /** 収納企業コード for the convenience-store barcode; null (unset) prints no barcode. */
    convenienceStoreCompanyCode: string | null;
    outputDir: string;
    renderThreads: number;
  };
  /** The assessment's test hooks (KEITAX_TEST_ASSESSMENT_*); always empty in production. */
  assessment: { batchSize?: number; pauseAfterBatchMs?: number };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`環境変数の値が正しくありません。\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.KEITAX_DATA_DIR);
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    municipalityCode: e.KEITAX_MUNICIPALITY_CODE,
    demo: e.KEITAX_DEMO,
    taxOverridesDir: resolve(e.KEITAX_TAX_OVERRIDES_DIR),
    logLevel: e.LOG_LEVEL,
    publicOrigin: (e.KEITAX_PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    audit: {
      hmacKey: e.KEITAX_AUDIT_HMAC_KEY,
      signingKey: e.KEITAX_AUDIT_SIGNING_KEY,
      checkpointDir: resolve(e.KEITAX_AUDIT_CHECKPOINT_DIR ?? join(dataDir, 'audit-checkpoints')),
      checkpointMinutes: e.KEITAX_AUDIT_CHECKPOINT_MINUTES,
    },
    session: { idleMinutes: e.KEITAX_SESSION_IDLE_MINUTES, maxHours: e.KEITAX_SESSION_MAX_HOURS },
    lockout: { threshold: e.KEITAX_LOCKOUT_THRESHOLD, minutes: e.KEITAX_LOCKOUT_MINUTES },
    signInThrottle: {
      windowMinutes: e.KEITAX_SIGN_IN_WINDOW_MINUTES,
      maxPerAddress: e.KEITAX_SIGN_IN_MAX_PER_ADDRESS,
      maxPerAccount: e.KEITAX_SIGN_IN_MAX_PER_ACCOUNT,
    },
    trustProxy: e.KEITAX_TRUST_PROXY,
    metricsPort: e.KEITAX_METRICS_PORT,
    vault: { keys: e.KEITAX_VAULT_KEYS, lookupKey: e.KEITAX_VAULT_LOOKUP_KEY },
    reveal: { reauthMinutes: e.KEITAX_REVEAL_REAUTH_MINUTES },
    notices: {
      contact: { section: e.KEITAX_TAX_DIVISION_SECTION, phone: e.KEITAX_TAX_DIVISION_PHONE, address: e.KEITAX_TAX_DIVISION_ADDRESS },
      convenienceStoreCompanyCode: e.KEITAX_CONVENIENCE_STORE_COMPANY_CODE ?? null,
      outputDir: resolve(e.KEITAX_NOTICE_OUTPUT_DIR ?? join(dataDir, 'notices')),
      renderThreads: e.KEITAX_NOTICE_RENDER_THREADS,
    },
    assessment: e.NODE_ENV === 'production' ? {} : assessmentTestHooks(e),
  };
}

function assessmentTestHooks(e: z.infer<typeof environmentSchema>): Config['assessment'] {
  return {
    ...(e.KEITAX_TEST_ASSESSMENT_BATCH_SIZE !== undefined ? { batchSize: e.KEITAX_TEST_ASSESSMENT_BATCH_SIZE } : {}),
    ...(e.KEITAX_TEST_ASSESSMENT_PAUSE_MS !== undefined ? { pauseAfterBatchMs: e.KEITAX_TEST_ASSESSMENT_PAUSE_MS } : {}),
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
