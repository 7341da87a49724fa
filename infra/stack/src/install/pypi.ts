import { join } from 'node:path';
import { run, which } from '../process/run';

/**
 * Installs one pinned PyPI requirement (`name==version`) into a virtualenv of its own at `dir`.
 * `withoutPython` is the error when python3 is missing: what it was needed for.
 */
export async function installIntoVirtualenv(
  dir: string,
  requirement: string,
  withoutPython: string,
): Promise<void> {
  const python = await which('python3');
  if (!python) throw new Error(withoutPython);
  await run(python, ['-m', 'venv', dir]);
  await run(join(dir, 'bin', 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    requirement,
  ]);
}
