import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { DEMO_PASSWORD, DEMO_STAFF } from '../../src/demo/generate.js';
import { startServer, type RunningServer } from '../../src/server/start.js';

/** Debian's Chromium, never a downloaded browser (this machine has no internet). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'test-results';

export interface BrowserSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** Chromium's virtual authenticator, standing in for the fingerprint reader (CDP WebAuthn). */
  authenticator: { cdp: CDPSession; id: string };
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The built app on a fresh embedded database with the demo city, and a headless browser on it
 * at http://localhost (passkeys need a host name, not an IP address), with a virtual platform
 * authenticator that verifies the user as a fingerprint reader would.
 */
export async function openBrowserSession(): Promise<BrowserSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keitax-e2e-'));
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const server = await startServer(
    loadConfig({ KEITAX_DATA_DIR: dataDir, PORT: String(port), KEITAX_PUBLIC_ORIGIN: origin, LOG_LEVEL: 'warn' }),
    () => undefined,
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  // One context, so a test can open a second tab of the same browser (same cookie, same BroadcastChannel).
  const context = await browser.newContext({ baseURL: origin, locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server,
    browser,
    page,
    authenticator: { cdp, id: authenticatorId },
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Enrols a passkey for a demo account (its documented code) and lands signed in. */
export async function enrolDemoStaff(page: Page, staffNo: string): Promise<void> {
  const staff = DEMO_STAFF.find((s) => s.staffNo === staffNo);
  if (!staff) throw new Error(`no demo staff ${staffNo}`);
  await page.goto('/');
  await page.getByRole('button', { name: 'パスキーを登録' }).click();
  await page.getByLabel('職員番号').fill(staffNo);
  await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
  await page.getByLabel('登録コード').fill(staff.enrollmentCode);
  await page.getByRole('button', { name: 'パスキーを登録' }).click();
  await page.getByTestId('staff-name').waitFor();
}

/** Signs in with password and passkey through the sign-in screen. */
export async function signIn(page: Page, staffNo: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('職員番号').fill(staffNo);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
}

/** Assesses a year through the API as the signed-in staff member, polling the background run (202) until it has ended; the run as it ended. */
export function assessThroughApi(page: Page, fiscalYear: number): Promise<{ runId: number; status: string; totals: { vehicles: number; amount: number } }> {
  return page.evaluate(async (year) => {
    const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const started = await fetch('/api/v1/assessments', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ fiscalYear: year }) });
    if (!started.ok) throw new Error(await started.text());
    let run = (await started.json()) as { runId: number; status: string; totals: { vehicles: number; amount: number } };
    while (run.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      run = (await (await fetch(`/api/v1/assessments/${run.runId}`)).json()) as typeof run;
    }
    return run;
  }, fiscalYear);
}
