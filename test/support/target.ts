/**
 * Which database the integration suite runs on: PGlite by default (`npm test`), a PostgreSQL
 * server with `KEITAX_TEST_TARGET=postgres` and `DATABASE_URL` (`npm run test:pg`).
 */
export const TEST_TARGET = process.env.KEITAX_TEST_TARGET === 'postgres' ? 'postgres' : 'pglite';

/** The migrated template every test database is copied from. */
export const TEMPLATE_DATABASE = 'keitax_test_template';

export function serverUrl(database?: string): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('npm run test:pg needs DATABASE_URL: a PostgreSQL server where this user may CREATE DATABASE');
  if (!database) return url;
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
