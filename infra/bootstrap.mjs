// Makes a fresh clone runnable: installs npm dependencies when the lockfile changed, then
// compiles the TypeScript projects (incrementally). Uses Node built-ins only: it runs first.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const installedMarker = join(root, 'node_modules', '.package-lock.json');
const lockfile = join(root, 'package-lock.json');

function step(message) {
  process.stdout.write(`[bootstrap] ${message}\n`);
}

const needsInstall =
  !existsSync(installedMarker) || statSync(lockfile).mtimeMs > statSync(installedMarker).mtimeMs;
if (needsInstall) {
  step('installing npm dependencies (npm ci)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}
step('compiling TypeScript (tsc -b)');
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
