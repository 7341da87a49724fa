import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotsDir } from './browser';

export interface PageLoad {
  page: string;
  /** Bytes over the wire (compressed where the server compressed): document, scripts, styles, API. */
  transferredBytes: number;
  /** The scripts and stylesheets alone, as served. */
  assetBytes: number;
  requests: number;
  /** From navigation start until the page's first control is ready for the shopper. */
  interactiveMs: number;
  domContentLoadedMs: number;
}

/**
 * Loads `path` in a fresh page (empty cache) and measures it in the browser: Resource Timing for
 * the weight, and for time to interactive the first animation frame in which a button whose
 * text matches `readyButton` is there and enabled (checked in the page, so no test round trip
 * is counted).
 */
export async function measureLoad(
  page: Page,
  path: string,
  readyButton: RegExp,
): Promise<PageLoad> {
  await page.goto(path);
  const interactiveMs = await page
    .waitForFunction(
      ({ source, flags }) => {
        const pattern = new RegExp(source, flags);
        const ready = [...document.querySelectorAll('button')].some(
          (button) =>
            !button.disabled &&
            pattern.test(button.getAttribute('aria-label') ?? button.textContent ?? ''),
        );
        return ready ? performance.now() : false;
      },
      { source: readyButton.source, flags: readyButton.flags },
      { polling: 'raf', timeout: 30_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
  const timing = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType(
      'navigation',
    ) as PerformanceNavigationTiming[];
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const assets = resources.filter((r) =>
      /\/assets\/.*\.(js|css)$/.test(new URL(r.name).pathname),
    );
    return {
      transferred:
        (navigation?.transferSize ?? 0) + resources.reduce((sum, r) => sum + r.transferSize, 0),
      assets: assets.reduce((sum, r) => sum + r.transferSize, 0),
      requests: resources.length + 1,
      domContentLoaded: navigation?.domContentLoadedEventEnd ?? 0,
    };
  });
  return {
    page: path,
    transferredBytes: timing.transferred,
    assetBytes: timing.assets,
    requests: timing.requests,
    interactiveMs: Math.round(interactiveMs),
    domContentLoadedMs: Math.round(timing.domContentLoaded),
  };
}

/** Prints the measurements and leaves them beside the screenshots. */
export function report(loads: PageLoad[]): void {
  writeFileSync(join(screenshotsDir, 'page-loads.json'), `${JSON.stringify(loads, null, 2)}\n`);
  for (const load of loads)
    process.stdout.write(
      `# page ${load.page}: ${(load.transferredBytes / 1024).toFixed(1)} KiB transferred ` +
        `(${(load.assetBytes / 1024).toFixed(1)} KiB scripts and styles, ${load.requests} requests), ` +
        `interactive after ${load.interactiveMs} ms, DOMContentLoaded ${load.domContentLoadedMs} ms\n`,
    );
}
