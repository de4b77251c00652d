/**
 * @module Starting the server from the command line (`keitax serve`): database, migrations, demo
 * city, the HTTP listener and a clean stop.
 */
import type { Config } from '../config.js';
import { openDatabase, openPGlite, type Database } from '../db/database.js';
import { socketDirOf } from '../db/owner-lock.js';
import { takeCheckpoint } from '../audit/verify.js';
import { analyzeDatabase } from '../db/maintenance.js';
import { loadKeys } from '../keys/keys.js';
import { migrate } from '../db/migrate.js';
import { isEmptyDatabase, seedDemoCity } from '../demo/seed.js';
import { compose } from '../composition.js';
import type { Vault } from '../integrated-addressees/vault.js';
import { getMunicipality } from '../municipality/service.js';
import { buildApp } from './app.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database, brings its schema up to date, loads the demo city into a fresh embedded
 * database, and serves the API and the screens. Stops cleanly on SIGINT/SIGTERM so PGlite
 * flushes its data folder.
 */
export async function startServer(config: Config, log: (message: string) => void): Promise<RunningServer> {
  const { keys, generated } = loadKeys(config);
  if (generated) log(`generated keys into ${config.dataDir} (embedded install; production sets KEITAX_AUDIT_* and KEITAX_VAULT_* instead)`);
  const embedded = config.database.kind === 'pglite' ? await openPGlite(config.database.dataDir, undefined, 'serve') : undefined;
  const db = embedded ?? (await openDatabase(config.database));
  try {
    const { applied } = await migrate(db);
    if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
    const deps = compose({ db, config, keys, startedAt: new Date() });
    await loadDemoIfFresh(db, config, deps.vault, log);
    if (!(await getMunicipality(db, config.municipalityCode))) {
      throw new Error(
        `municipality ${config.municipalityCode} is not registered: run \`keitax municipality add --code ${config.municipalityCode} --name … --prefecture …\` (or \`keitax seed-demo\` for the demo city 112224)`,
      );
    }
    const rekeyed = await deps.addressees.refreshStaleSearchKeys(config.municipalityCode);
    if (rekeyed > 0) log(`search keys remade for ${rekeyed} addressees (normalisation rules changed)`);
    const app = await buildApp(deps);
    const logError = (what: string) => (error: unknown) => app.log.error({ err: error }, what);
    const stopAnalyzing = db.kind === 'pglite' ? await keepStatisticsFresh(db, logError('analyze failed')) : () => {};
    const checkpoint = () =>
      db.withMunicipality(config.municipalityCode, (trx) => takeCheckpoint(trx, keys, config.audit.checkpointDir, config.municipalityCode));
    const stopCheckpoints = every(config.audit.checkpointMinutes * 60_000, () => checkpoint().catch(logError('audit checkpoint failed')));
    // Embedded: CLI commands, psql and pg_dump reach this process's database through its socket.
    if (embedded && config.database.kind === 'pglite' && config.database.dataDir) {
      const { socketDir } = await embedded.serveSocket({ socketDir: socketDirOf(config.database.dataDir), checkpointDir: config.audit.checkpointDir });
      log(`embedded database served on ${socketDir} (psql -h ${socketDir} -U postgres)`);
    }
    const url = await app.listen({ host: config.host, port: config.port });
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        stopAnalyzing();
        stopCheckpoints();
        await app.close();
        // A run of the assessment stops after its batch, marked 中断, to be resumed.
        await deps.assessment.stopRunners();
        // Sign the chain's head on the way out, so the last entries are covered too.
        await checkpoint().catch(logError('audit checkpoint failed'));
        await db.close();
      })());
    return { url, close };
  } catch (error) {
    await db.close();
    throw error;
  }
}

const ANALYZE_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** PGlite has no autovacuum: analyze at start and every six hours (see db/maintenance.ts). */
async function keepStatisticsFresh(db: Database, onError: (error: unknown) => void): Promise<() => void> {
  await analyzeDatabase(db);
  return every(ANALYZE_INTERVAL_MS, () => analyzeDatabase(db).catch(onError));
}

/** Runs `task` every `ms` without keeping the process alive; returns the stop function. */
function every(ms: number, task: () => unknown): () => void {
  const timer = setInterval(task, ms);
  timer.unref();
  return () => clearInterval(timer);
}

async function loadDemoIfFresh(db: Database, config: Config, vault: Vault, log: (message: string) => void): Promise<void> {
  if (config.database.kind !== 'pglite' || config.demo !== 'auto' || !(await isEmptyDatabase(db))) return;
  const summary = await seedDemoCity(db, vault);
  log(`demo city ${summary.municipalityCode} loaded: ${summary.addressees} addressees, ${summary.vehicles} vehicle records, ${summary.staff} demo staff accounts (all fictional; see README)`);
}
