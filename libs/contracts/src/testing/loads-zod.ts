import { execFileSync } from 'node:child_process';
import { sep } from 'node:path';

/**
 * Whether loading `file` in a fresh process loads zod, as a workflow bundle would: the
 * contracts workflow code imports must stay free of it (the sandbox bundles what they load).
 */
export function loadsZod(file: string): boolean {
  const script = `require(${JSON.stringify(file)});
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const loaded: string[] = JSON.parse(
    execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }),
  );
  return loaded.some((module) => module.split(sep).includes('zod'));
}
