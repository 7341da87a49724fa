import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumFlags, ensureChromium, gatewayUrl, repoRoot } from '@orchard/stack';

/** Where a test run leaves its screenshots and page measurements for a reviewer (ignored by git). */
export const screenshotsDir = join(repoRoot, 'tests', 'browser', 'screenshots');

/** A phone's screen, and a laptop's. */
export const viewports = {
  phone: { width: 390, height: 844 },
  laptop: { width: 1280, height: 800 },
} as const;

/** Debian's Chromium, headless, installed by the project if missing. */
export async function launchChromium(): Promise<Browser> {
  const { executable } = await ensureChromium();
  mkdirSync(screenshotsDir, { recursive: true });
  return chromium.launch({ executablePath: executable, headless: true, args: chromiumFlags });
}

/** A fresh browser profile (no cookies, empty cache) on the shop. */
export function freshContext(
  browser: Browser,
  viewport: { width: number; height: number } = viewports.laptop,
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: gatewayUrl, viewport });
}

/** A full-page screenshot under screenshotsDir. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}
