import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoRoot } from './paths';
import { ProfileSession } from './profile-session';
import { progress } from './progress';
import type { Profile } from './scaled-topology';

const projectFolders = ['apps', 'libs', 'infra', 'tests'];

/** Specs of the scaled profile (`*.scaled.e2e.spec.ts`) run on it, after all the others. */
export const profileOfSpec = (file: string): Profile =>
  file.endsWith('.scaled.e2e.spec.js') ? 'scaled' : 'single';

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

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', env });
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

/**
 * Runs every test on the real stack, in one stage per profile: the small profile's specs, then
 * the scaled profile's. Each stage starts what is not running, runs its specs one file at a
 * time (they share the infrastructure), and stops again only what it started itself. A stage
 * whose profile is not the one up stops the other's own processes first (both use the same
 * ports) and starts them again afterwards.
 */
export async function runTests(requestedFiles: string[]): Promise<number> {
  const files = requestedFiles.length
    ? requestedFiles
    : projectFolders
        .flatMap((folder) => findSpecFiles(join(repoRoot, folder)))
        .sort((a, b) => runOrder(a) - runOrder(b) || a.localeCompare(b));
  let exitCode = 0;
  for (const profile of ['single', 'scaled'] as const) {
    const stageFiles = files.filter((file) => profileOfSpec(file) === profile);
    if (stageFiles.length === 0) continue;
    const code = await runStage(profile, stageFiles);
    if (code !== 0) exitCode = code;
  }
  return exitCode;
}

async function runStage(profile: Profile, files: string[]): Promise<number> {
  const session = await ProfileSession.open(profile);
  try {
    progress.step(
      `running ${files.length} spec files on the ${profile} profile: ${files.map((f) => relative(repoRoot, f)).join(', ')}`,
    );
    return await runNode(
      [
        '--enable-source-maps',
        '--test',
        '--test-reporter=spec',
        '--test-concurrency=1',
        '--test-timeout=180000',
        ...files,
      ],
      { ...process.env, ORCHARD_PROFILE: profile },
    );
  } finally {
    await session.close();
  }
}
