import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { run, which } from '../process/run';

/** The API fuzzer the gateway's OpenAPI document is tested with, from PyPI. */
export const schemathesisVersion = '4.32.5';

const schemathesis = new CacheEntry(`schemathesis-${schemathesisVersion}`);

/**
 * Installs Schemathesis into a virtualenv of its own in the machine-wide cache (once per
 * version) and returns the path of its `st` command. Needs python3 with venv and pip.
 */
export async function ensureSchemathesis(): Promise<string> {
  const python = await which('python3');
  if (!python)
    throw new Error('python3 (3.10 or newer, with venv) is required to run schemathesis');
  await schemathesis.ensure(`Schemathesis ${schemathesisVersion} (pip)`, async (dir) => {
    await run(python, ['-m', 'venv', dir]);
    await run(join(dir, 'bin', 'pip'), [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `schemathesis==${schemathesisVersion}`,
    ]);
  });
  return join(schemathesis.dir, 'bin', 'st');
}
