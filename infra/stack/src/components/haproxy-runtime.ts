import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { socketPath } from '../paths';
import { waitFor } from '../wait';

/** HAProxy's runtime API (its admin socket), where the scaled profile's HAProxy listens. */
export const haproxyAdminSocket = (): string => socketPath('haproxy-admin.sock');

/** One command on HAProxy's runtime API, and its answer. */
export function haproxyCommand(command: string, socket = haproxyAdminSocket()): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const connection = createConnection({ path: socket }, () => connection.end(`${command}\n`));
    connection.setEncoding('utf8');
    connection.on('data', (chunk) => (answer += chunk));
    connection.on('end', () => resolve(answer));
    connection.on('error', reject);
  });
}

/** One field of `backend/server`'s row in `show stat` (HAProxy's CSV statistics). */
async function statOf(
  backend: string,
  server: string,
  field: string,
  socket: string,
): Promise<string | undefined> {
  const rows = (await haproxyCommand('show stat', socket)).split('\n');
  const header = rows[0]?.replace(/^# /, '').split(',') ?? [];
  const row = rows.map((line) => line.split(',')).find((f) => f[0] === backend && f[1] === server);
  return row?.[header.indexOf(field)];
}

/** Requests `backend/server` is serving now. */
const sessionsOf = async (backend: string, server: string, socket: string) =>
  Number((await statOf(backend, server, 'scur', socket)) ?? 0);

/** How HAProxy sees an instance now: `UP`, `DOWN`, `DRAIN`, `MAINT`, `UP 1/2` (going down), … */
export async function serverStatus(
  backend: string,
  server: string,
  socket = haproxyAdminSocket(),
): Promise<string | undefined> {
  return statOf(backend, server, 'status', socket);
}

/**
 * Takes an instance out of rotation before it stops: HAProxy sends it no new request (`drain`)
 * and the requests it is serving finish; then it may stop. Without HAProxy running, nothing to do.
 */
export async function drainInstance(
  backend: string,
  server: string,
  socket = haproxyAdminSocket(),
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
  socket = haproxyAdminSocket(),
): Promise<void> {
  if (!existsSync(socket)) return;
  await haproxyCommand(`set server ${backend}/${server} state ready`, socket).catch(
    () => undefined,
  );
}
