import { run } from '../process/run';
import { progress } from '../progress';
import { withCacheLock } from './cache-lock';

async function isInstalled(pkg: string): Promise<boolean> {
  const status = await run('dpkg-query', ['-W', '-f=${Status}', pkg]).catch(() => '');
  return status.includes('install ok installed');
}

async function notInstalled(packages: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const pkg of packages) if (!(await isInstalled(pkg))) missing.push(pkg);
  return missing;
}

let listsUpdated = false;

/** Installs missing Debian packages (as root); a non-root user is told the exact command. */
export async function ensureDebianPackages(packages: readonly string[]): Promise<void> {
  const missing = await notInstalled(packages);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages; install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // One apt at a time among the stack's processes; another apt on the machine is waited for.
  const waitForDpkg = ['-o', 'DPkg::Lock::Timeout=600'];
  await withCacheLock('apt', async () => {
    const stillMissing = await notInstalled(missing); // another process may have installed them
    if (stillMissing.length === 0) return;
    await progress.long(`apt-get install ${stillMissing.join(' ')}`, async () => {
      if (!listsUpdated) {
        await run('apt-get', [...waitForDpkg, 'update', '-qq'], { env });
        listsUpdated = true;
      }
      await run(
        'apt-get',
        [...waitForDpkg, 'install', '-y', '-qq', '--no-install-recommends', ...stillMissing],
        { env },
      );
    });
  });
}
