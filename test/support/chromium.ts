/**
 * Browser tests: the portal (as tests build it) on a free port, and Debian's Chromium driven by
 * playwright-core (CHROMIUM_PATH to use another binary).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from './app.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserTest {
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserTest(): Promise<BrowserTest> {
  const server = createServer(await buildApp());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    base: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    browser,
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The portal and a browser for one `describe`: started in its `before`, closed in its `after`. Read `base` and
 * `browser` inside tests (they exist once the hook has run).
 */
export function useBrowserTest(): Pick<BrowserTest, 'base' | 'browser'> {
  let running: BrowserTest | undefined;
  before(async () => {
    running = await startBrowserTest();
  });
  after(() => running?.close());
  const started = (): BrowserTest => {
    if (!running) throw new Error('useBrowserTest: read base and browser inside a test');
    return running;
  };
  return {
    get base() {
      return started().base;
    },
    get browser() {
      return started().browser;
    },
  };
}
