import { run } from '../process/run';
import { progress } from '../progress';

async function isInstalled(pkg: string): Promise<boolean> {
  const status = await run('dpkg-query', ['-W', '-f=${Status}', pkg]).catch(() => '');
  return status.includes('install ok installed');
}

let listsUpdated = false;

/** Installs missing Debian packages (as root); a non-root user is told the exact command. */
export async function ensureDebianPackages(packages: readonly string[]): Promise<void> {
  const missing: string[] = [];
  for (const pkg of packages) if (!(await isInstalled(pkg))) missing.push(pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages; install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await progress.long(`apt-get install ${missing.join(' ')}`, async () => {
    if (!listsUpdated) {
      await run('apt-get', ['update', '-qq'], { env });
      listsUpdated = true;
    }
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
  });
}
