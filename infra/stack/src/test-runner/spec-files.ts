import { existsSync, readdirSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import type { ComposeProfile } from '../docker/compose-project';
import { repoRoot } from '../paths';
import type { Profile } from '../scaled-topology';

const projectFolders = ['apps', 'libs', 'infra', 'tests'];

export type SpecKind = 'unit' | 'integration' | 'e2e';

/** What a spec needs, from its name: `*.e2e.spec`, `*.integration.spec`, else a unit spec. */
export const kindOfSpec = (file: string): SpecKind =>
  /\.e2e\.spec\.[jt]s$/.test(file)
    ? 'e2e'
    : /\.integration\.spec\.[jt]s$/.test(file)
      ? 'integration'
      : 'unit';

/** Specs of the compose stacks only: `*.compose.e2e.spec.ts`, `*.compose-scaled.e2e.spec.ts`. */
const composeOnly = /\.compose(-scaled)?\.e2e\.spec\.js$/;

/**
 * Integration specs that bring their own real components and need no running stack
 * (`*.standalone.integration.spec.ts`: the chart's tools, an API server of their own): they run
 * beside the small profile's specs, at a lower priority, on the core those mostly leave idle.
 */
export const runsBesideTheStack = (file: string): boolean =>
  /\.standalone\.integration\.spec\.[jt]s$/.test(file);

/**
 * Specs of the Docker engine alone (`*.docker.integration.spec.ts`): they run in the compose
 * stage, on its engine, before its stacks come up (and after the prebuild, which uses the same
 * engine to build the images).
 */
export const needsDockerEngineOnly = (file: string): boolean =>
  /\.docker\.integration\.spec\.[jt]s$/.test(file);

/**
 * Specs of the scaled profile (`*.scaled.e2e.spec.ts`) run on it, after all the others; specs
 * of the compose stacks and of the Docker engine on no native profile.
 */
export const profileOfSpec = (file: string): Profile | undefined =>
  composeOnly.test(file) || needsDockerEngineOnly(file)
    ? undefined
    : file.endsWith('.scaled.e2e.spec.js')
      ? 'scaled'
      : 'single';

/**
 * The end-to-end specs that also run against the compose stack, unchanged: together they take
 * every flow of the shop through it (sign-up and login, an order to DELIVERED with the carrier,
 * a rejection and a cancel, server-sent events, CDC into the views, a webhook delivered, the
 * trace in Jaeger). The others need what only the native stack gives a test (a process to
 * stop by its pid, a gateway of their own, a management port).
 */
export const alsoOnCompose: readonly string[] = [
  'accounts',
  'place-order',
  'order-events',
  'bad-input',
  'contended-stock',
  'trace',
  'operations-console',
  'static-assets',
  'webhooks',
];

/** The compose stacks a spec runs on, after the native profiles. */
export function composeProfilesOfSpec(file: string): ComposeProfile[] {
  if (file.endsWith('.compose-scaled.e2e.spec.js')) return ['scaled'];
  if (file.endsWith('.compose.e2e.spec.js')) return ['single'];
  const name = basename(file).replace(/\.e2e\.spec\.js$/, '');
  return kindOfSpec(file) === 'e2e' && alsoOnCompose.includes(name) ? ['single'] : [];
}

/**
 * How long one spec file may run before it is killed and reported: about twice the longest
 * file of its kind measured in CI, a machine's first installs included, so a hung spec costs
 * minutes, never the run. The longest integration file is the chart's API server spec, which
 * builds kube-apiserver on a machine's first run (some 8 minutes).
 */
export const timeLimitMsOfKind: Record<SpecKind, number> = {
  unit: 60_000,
  integration: 900_000,
  e2e: 900_000,
};

/** Fast feedback first: unit specs, then integration, then end-to-end. */
const runOrder: Record<SpecKind, number> = { unit: 0, integration: 1, e2e: 2 };

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

/** Every compiled spec file under a folder's dist folders whose source still exists. */
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

/**
 * The pages are bundled by Vite, not compiled by tsc: their specs (unit specs of the pages'
 * logic) run from source, through Node's own TypeScript type stripping.
 */
const specsRunFromSource = join(repoRoot, 'apps', 'web', 'src');

function findSourceSpecFiles(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findSourceSpecFiles(path, found);
    else if (entry.name.endsWith('.spec.ts')) found.push(path);
  }
  return found;
}

/** Every spec of the project, unit specs first, then integration, then end-to-end. */
export function everySpecFile(): string[] {
  return projectFolders
    .flatMap((folder) => findSpecFiles(join(repoRoot, folder)))
    .concat(existsSync(specsRunFromSource) ? findSourceSpecFiles(specsRunFromSource) : [])
    .sort((a, b) => runOrder[kindOfSpec(a)] - runOrder[kindOfSpec(b)] || a.localeCompare(b));
}
