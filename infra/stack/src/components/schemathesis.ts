import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { installIntoVirtualenv } from '../install/pypi';

/** The API fuzzer the gateway's OpenAPI document is tested with, from PyPI. */
export const schemathesisVersion = '4.32.5';

const schemathesis = new CacheEntry(`schemathesis-${schemathesisVersion}`);

/**
 * Installs Schemathesis into a virtualenv of its own in the machine-wide cache (once per
 * version) and returns the path of its `st` command. Needs python3 with venv and pip.
 */
export async function ensureSchemathesis(): Promise<string> {
  await schemathesis.ensure(`Schemathesis ${schemathesisVersion} (pip)`, (dir) =>
    installIntoVirtualenv(
      dir,
      `schemathesis==${schemathesisVersion}`,
      'python3 (3.10 or newer, with venv) is required to run schemathesis',
    ),
  );
  return join(schemathesis.dir, 'bin', 'st');
}
