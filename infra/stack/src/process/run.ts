import { spawn, type SpawnOptions } from 'node:child_process';

export class CommandError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

export interface RunOptions extends SpawnOptions {
  /** Text written to the command's standard input. */
  input?: string;
}

/** Runs a command to completion and returns its combined output; fails with the output's tail. */
export function run(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const { input, ...spawnOptions } = options;
    const child = spawn(command, args, {
      ...spawnOptions,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => chunks.push(c));
    child.stderr?.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (error) => reject(new CommandError(`${command}: ${error.message}`, '')));
    child.on('close', (code, signal) => {
      const output = Buffer.concat(chunks).toString('utf8');
      if (code === 0) return resolvePromise(output);
      const tail = output.trim().split('\n').slice(-15).join('\n');
      reject(
        new CommandError(
          `${command} ${args.join(' ')} exited with ${code ?? signal}\n${tail}`,
          output,
        ),
      );
    });
    if (input !== undefined) {
      child.stdin?.on('error', () => undefined); // a command may exit before reading its input
      child.stdin?.end(input);
    }
  });
}

/** The first of `names` found on PATH (or at an absolute path), else undefined. */
export async function which(...names: string[]): Promise<string | undefined> {
  for (const name of names) {
    const found = await run('sh', ['-c', `command -v "${name}"`]).catch(() => '');
    if (found.trim()) return found.trim();
  }
  return undefined;
}
