import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

/**
 * The Node.js the project runs on: the `node` package of the root package.json, which npm
 * installs into node_modules/.bin and puts first on the PATH of every npm script. A machine's
 * own, older Node only runs npm itself.
 */
export function requiredNodeMajor(): number {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  return Number(manifest.devDependencies['node']?.split('.')[0]);
}

/** Refuses to run on another Node, naming the way that brings the right one. */
export function assertProjectRuntime(): void {
  const running = Number(process.versions.node.split('.')[0]);
  const required = requiredNodeMajor();
  if (running !== required)
    throw new Error(
      `this is Node ${process.versions.node}, and Orchard runs on Node ${required}: ` +
        'use the npm scripts (npm start, npm test, npm run stack -- …), which run the Node ' +
        'the project installs into node_modules/.bin',
    );
}
