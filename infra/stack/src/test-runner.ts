import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { registerConnectors } from './connect/connectors';
import { repoRoot } from './paths';
import { progress } from './progress';
import type { Stack } from './stack';

const projectFolders = ['apps', 'libs', 'infra', 'tests'];

/** Fast feedback first: unit specs, then integration, then end-to-end. */
const runOrder = (file: string) =>
  file.endsWith('.e2e.spec.js') ? 2 : file.endsWith('.integration.spec.js') ? 1 : 0;

/**
 * The source a compiled spec came from (`<project>/dist/x.spec.js` ← `<project>/src/x.spec.ts`).
 * `tsc -b` never deletes output, so a spec deleted or renamed in source leaves its old build
 * behind: such files are not run.
 */
export function sourceOfSpec(compiled: string): string {
  const marker = `${sep}dist${sep}`;
  const at = compiled.lastIndexOf(marker);
  return `${compiled.slice(0, at)}${sep}src${sep}${compiled.slice(at + marker.length, -'.js'.length)}.ts`;
}

/** Every compiled spec file under a project's dist folder whose source still exists. */
function findSpecFiles(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findSpecFiles(path, found);
    else if (
      entry.name.endsWith('.spec.js') &&
      path.includes(`${sep}dist${sep}`) &&
      existsSync(sourceOfSpec(path))
    )
      found.push(path);
  }
  return found;
}

function runNode(args: string[]): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

/**
 * Runs every test on the real stack: starts what is not running, runs the specs one file at
 * a time (they share the infrastructure), and stops again only what it started itself.
 */
export async function runTests(stack: Stack, requestedFiles: string[]): Promise<number> {
  const files = requestedFiles.length
    ? requestedFiles
    : projectFolders
        .flatMap((folder) => findSpecFiles(join(repoRoot, folder)))
        .sort((a, b) => runOrder(a) - runOrder(b) || a.localeCompare(b));
  await stack.install();
  // Start only what is not running, and remember it: only that is stopped afterwards, also
  // when starting fails halfway.
  const started: string[] = [];
  try {
    await stack.up(started);
    // Idempotent, so also when the stack was already running: the outbox tests need the connectors.
    await registerConnectors();
    progress.step(
      `running ${files.length} spec files: ${files.map((f) => relative(repoRoot, f)).join(', ')}`,
    );
    return await runNode([
      '--enable-source-maps',
      '--test',
      '--test-reporter=spec',
      '--test-concurrency=1',
      '--test-timeout=180000',
      ...files,
    ]);
  } finally {
    if (started.length > 0) await stack.down(started);
  }
}
