// Test helper: starts the demo server on a free port and Debian's Chromium (via playwright-core) with a fresh profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../../web-demo/serve.mjs';

/** Starts the server and a browser; returns { context, page, url (the demo's), close }. */
export async function openBrowser() {
  const { server, url } = await startDemoServer({ port: 0 });
  const profile = mkdtempSync(path.join(tmpdir(), 'seamid-chromium-'));
  let context;
  const close = async () => {
    await context?.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    // A persistent context is how Playwright takes a fresh --user-data-dir.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      timeout: 60_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Opens the demo page; returns { page, url, pageErrors, close }. */
export async function openDemo() {
  const browser = await openBrowser();
  try {
    const { page, url, close } = browser;
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(url);
    await page.waitForSelector('[data-testid=status][data-ready=true]', { timeout: 30_000 });
    return { page, url, pageErrors, close };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
