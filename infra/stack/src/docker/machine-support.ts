import { run } from '../process/run';

/**
 * Why Docker cannot run its containers on this machine, if it cannot: its daemon needs root,
 * and namespaces of every kind a container is made of.
 */
export async function whyDockerCannotRun(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'Docker needs root here, and the run is not root';
  const made = await run('unshare', [
    '--mount',
    '--uts',
    '--ipc',
    '--net',
    '--pid',
    '--fork',
    'true',
  ]).then(
    () => true,
    () => false,
  );
  return made ? undefined : 'this machine cannot make the namespaces a container needs';
}
