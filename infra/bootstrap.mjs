// Makes a fresh clone runnable: installs npm dependencies when the lockfile changed, then
// compiles the TypeScript projects (incrementally). Uses Node built-ins only: it runs first.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'tsconfig.json'], {
  cwd: root,
  stdio: 'inherit',
});

// The storefront and console: type-checked and bundled by Vite, again only when a source is
// newer than the last build.
const web = join(root, 'apps', 'web');
const webBuilt = join(web, 'dist', 'shop', 'index.html');
function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path).map((entry) => newestChange(join(path, entry))),
  );
}
const webSources = [
  'src',
  'shop',
  'console',
  'package.json',
  'vite.config.ts',
  'precompress.ts',
  'tsconfig.json',
]
  .map((entry) => join(web, entry))
  .filter((path) => existsSync(path));
if (
  !existsSync(webBuilt) ||
  Math.max(...webSources.map(newestChange)) > statSync(webBuilt).mtimeMs
) {
  step('building the storefront and console (vite build)');
  execFileSync('npm', ['run', 'build', '-w', '@orchard/web'], { cwd: root, stdio: 'inherit' });
}
