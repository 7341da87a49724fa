import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { statePaths } from '../paths';
import { waitFor } from '../wait';

/** HAProxy's runtime API (its admin socket), where the scaled profile's HAProxy listens. */
export const haproxyAdminSocket = statePaths.data('haproxy/admin.sock');

/** One command on HAProxy's runtime API, and its answer. */
export function haproxyCommand(command: string, socket = haproxyAdminSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const connection = createConnection({ path: socket }, () => connection.end(`${command}\n`));
    connection.setEncoding('utf8');
    connection.on('data', (chunk) => (answer += chunk));
    connection.on('end', () => resolve(answer));
    connection.on('error', reject);
  });
}

/** Requests `backend/server` is serving now (`scur` of `show stat`). */
async function sessionsOf(backend: string, server: string, socket: string): Promise<number> {
  const csv = await haproxyCommand('show stat', socket);
  const header = csv.split('\n')[0]?.replace(/^# /, '').split(',') ?? [];
  const scur = header.indexOf('scur');
  const row = csv
    .split('\n')
    .map((line) => line.split(','))
    .find((fields) => fields[0] === backend && fields[1] === server);
  return Number(row?.[scur] ?? 0);
}

/**
 * Takes an instance out of rotation before it stops: HAProxy sends it no new request (`drain`)
 * and the requests it is serving finish; then it may stop. Without HAProxy running, nothing to do.
 */
export async function drainInstance(
  backend: string,
  server: string,
  socket = haproxyAdminSocket,
  timeoutMs = 10_000,
): Promise<void> {
  if (!existsSync(socket)) return;
  const answer = await haproxyCommand(`set server ${backend}/${server} state drain`, socket).catch(
    () => undefined,
  );
  if (answer === undefined) return; // HAProxy is gone: nothing routes to the instance
  if (answer.trim() !== '') throw new Error(`HAProxy refused to drain ${server}: ${answer.trim()}`);
  await waitFor(async () => (await sessionsOf(backend, server, socket)) === 0, {
    timeoutMs,
    intervalMs: 50,
    what: `${server}'s requests in flight to finish`,
  }).catch(() => undefined); // past the bound, it stops anyway: its clients will retry
}

/** Puts an instance that was drained back into rotation (its health checks still apply). */
export async function readyInstance(
  backend: string,
  server: string,
  socket = haproxyAdminSocket,
): Promise<void> {
  if (!existsSync(socket)) return;
  await haproxyCommand(`set server ${backend}/${server} state ready`, socket).catch(
    () => undefined,
  );
}
