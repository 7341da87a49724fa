import { ensureDebianPackages } from '../install/debian';
import { run } from '../process/run';

/** Where Debian's chromium package puts the browser. */
export const chromiumExecutable = '/usr/bin/chromium';

/**
 * Debian's Chromium, for the browser tests (playwright-core drives it; no browser is ever
 * downloaded by a tool). Installed once per machine; returns its path and version.
 */
export async function ensureChromium(): Promise<{ executable: string; version: string }> {
  await ensureDebianPackages(['chromium']);
  const version = (await run(chromiumExecutable, ['--version'])).trim();
  return { executable: chromiumExecutable, version };
}

/**
 * Flags for a headless Chromium on a machine without a network beyond loopback: no sandbox
 * (tests may run as root), no GPU, and none of the background calls to Google's services
 * that would be refused at every start.
 */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
