import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server/start.js';

/** Debian's Chromium, never a downloaded browser (this machine has no internet). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'test-results';

export interface BrowserSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The built app on a fresh embedded database with the demo city, and a headless browser on it. */
export async function openBrowserSession(): Promise<BrowserSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keitax-e2e-'));
  const server = await startServer(loadConfig({ KEITAX_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }), () => undefined);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ baseURL: server.url, locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server,
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
