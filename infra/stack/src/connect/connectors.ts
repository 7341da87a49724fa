import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { infraDir } from '../paths';
import { progress } from '../progress';
import { urls } from '../topology';
import { TimeoutError, waitFor } from '../wait';

/** The connector files: `<name>.json`, each the flat `config` body of `PUT /connectors/<name>/config`. */
export const connectorsDir = join(infraDir, 'connect', 'connectors');

export interface ConnectorFile {
  name: string;
  path: string;
  config: Record<string, string>;
}

/** Every connector file, read and checked to be a flat map of strings (what Connect accepts). */
export function connectorFiles(dir: string = connectorsDir): ConnectorFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = join(dir, file);
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error(`${path}: expected a JSON object of connector settings`);
      for (const [key, value] of Object.entries(parsed)) {
        if (typeof value !== 'string')
          throw new Error(`${path}: setting ${key} must be a string, got ${JSON.stringify(value)}`);
      }
      return { name: basename(file, '.json'), path, config: parsed as Record<string, string> };
    });
}

interface ConnectorStatus {
  connector: { state: string; trace?: string };
  tasks: { id: number; state: string; trace?: string }[];
}

export class ConnectorFailure extends Error {}

async function connectRequest(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${urls.kafkaConnect}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
}

/**
 * PUTs one connector's config. A worker that has just (re)started answers 409 while its group
 * rebalances and may time out internally (500) before it has joined: both are retried.
 */
async function putConfig(file: ConnectorFile, deadline: number): Promise<number> {
  let lastProblem = '';
  let status = 0;
  try {
    await waitFor(
      async () => {
        const response = await connectRequest(`/connectors/${file.name}/config`, {
          method: 'PUT',
          body: JSON.stringify(file.config),
        });
        const body = await response.text();
        status = response.status;
        lastProblem = `HTTP ${response.status}: ${body.slice(0, 500)}`;
        // 409 and 5xx pass; 400 and the like mean the file itself is wrong: stop waiting.
        return !(response.status === 409 || response.status >= 500);
      },
      {
        timeoutMs: Math.max(deadline - Date.now(), 1_000),
        intervalMs: 500,
        what: `Kafka Connect to accept connector ${file.name}`,
      },
    );
  } catch (error) {
    if (error instanceof TimeoutError && lastProblem)
      throw new TimeoutError(`${error.message}; last answer: ${lastProblem}`);
    throw error;
  }
  if (status !== 200 && status !== 201)
    throw new ConnectorFailure(`connector ${file.name} (${file.path}) rejected: ${lastProblem}`);
  return status;
}

async function readStatus(name: string): Promise<ConnectorStatus | undefined> {
  const response = await connectRequest(`/connectors/${name}/status`);
  if (!response.ok) return undefined;
  return (await response.json()) as ConnectorStatus;
}

function failureOf(status: ConnectorStatus): string | undefined {
  if (status.connector.state === 'FAILED')
    return `the connector FAILED:\n${status.connector.trace ?? '(no trace)'}`;
  const task = status.tasks.find((t) => t.state === 'FAILED');
  return task && `task ${task.id} FAILED:\n${task.trace ?? '(no trace)'}`;
}

const isRunning = (status: ConnectorStatus | undefined): boolean =>
  status?.connector.state === 'RUNNING' &&
  status.tasks.length > 0 &&
  status.tasks.every((t) => t.state === 'RUNNING');

/** How long a restarted connector may still show its old failure before that counts as the new one. */
const restartSettleMs = 15_000;

/** Debezium's words when the WAL position Connect stored is gone from the replication slot. */
const slotMovedOn = (failure: string) => failure.includes('no longer available on the server');

/**
 * Stops a connector and its tasks, keeping its configuration and offsets (KIP-875). The worker
 * refuses (409) while its group rebalances, so the request is repeated until it is accepted;
 * then waits until the connector shows STOPPED.
 */
export async function stopConnector(name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let answer = '';
  await waitFor(
    async () => {
      const response = await connectRequest(`/connectors/${name}/stop`, { method: 'PUT' });
      answer = `${response.status} ${await response.text()}`;
      if (response.ok) return true;
      if (response.status === 409 || response.status >= 500) return false;
      throw new ConnectorFailure(`connector ${name}: stop refused: ${answer}`);
    },
    { timeoutMs, intervalMs: 500, what: `Kafka Connect to accept stopping ${name}` },
  ).catch((error: Error) => {
    throw new ConnectorFailure(`${error.message} (last answer: ${answer})`);
  });
  await waitFor(async () => (await readStatus(name))?.connector.state === 'STOPPED', {
    timeoutMs: Math.max(deadline - Date.now(), 1_000),
    intervalMs: 200,
    what: `connector ${name} to stop`,
  });
}

/** Starts a stopped or paused connector again (the worker writes its target state at once). */
export async function resumeConnector(name: string): Promise<void> {
  const response = await connectRequest(`/connectors/${name}/resume`, { method: 'PUT' });
  if (!response.ok)
    throw new ConnectorFailure(
      `connector ${name}: resume refused: ${response.status} ${await response.text()}`,
    );
}

/**
 * Forgets the position Connect stored for a connector, so it snapshots its outbox and streams
 * from its slot: the documented way out when the slot has moved past that position. On this
 * machine that happens when the other profile's Kafka published the outboxes meanwhile; the
 * events in between went there, and the consumers' inboxes skip the snapshot's repeats.
 */
async function startAfreshFromSlot(name: string, deadline: number): Promise<void> {
  await stopConnector(name, Math.max(deadline - Date.now(), 1_000));
  // Refused (409) while the stop is still settling across the worker: asked again.
  let refusal = '';
  await waitFor(
    async () => {
      const reset = await connectRequest(`/connectors/${name}/offsets`, { method: 'DELETE' });
      refusal = `${reset.status} ${await reset.text()}`;
      return reset.ok;
    },
    {
      timeoutMs: Math.max(deadline - Date.now(), 1_000),
      intervalMs: 500,
      what: `${name}'s offsets to be reset`,
    },
  ).catch((error: Error) => {
    throw new ConnectorFailure(
      `connector ${name}: offsets not reset (${refusal}): ${error.message}`,
    );
  });
  await resumeConnector(name);
}

/**
 * Waits until the connector and every task are RUNNING. A FAILED one is restarted once (it may
 * have died while its database was down, and Connect never restarts a failed task by itself),
 * or started afresh from its slot when the slot has moved past its stored position;
 * FAILED again once the restart took effect is an error naming the connector, with Connect's
 * trace. A task that fails again at once may never show another state between two polls, so a
 * failure still shown `restartSettleMs` after the restart counts too.
 */
async function waitUntilRunning(name: string, deadline: number): Promise<void> {
  let restartedAt: number | undefined;
  let restartInEffect = false;
  let resumed = false;
  let last: ConnectorStatus | undefined;
  let failure: string | undefined;
  try {
    // waitFor treats a throwing condition as false, so a final failure ends the wait with true.
    await waitFor(
      async () => {
        last = await readStatus(name);
        if (isRunning(last)) return true;
        // Nothing here leaves a connector stopped on purpose: one is, when a reset was cut short.
        if (last?.connector.state === 'STOPPED') {
          if (!resumed) progress.warn(`connector ${name}: found STOPPED; resuming it`);
          resumed = true;
          await connectRequest(`/connectors/${name}/resume`, { method: 'PUT' });
          return false;
        }
        failure = last && failureOf(last);
        if (!failure) {
          if (restartedAt !== undefined) restartInEffect = true;
          return false;
        }
        if (restartedAt === undefined) {
          restartedAt = Date.now();
          if (slotMovedOn(failure)) {
            progress.warn(
              `connector ${name}: its slot is past the position Kafka holds for it (the outbox was published to another Kafka, or Kafka's data is new); starting it afresh from its slot`,
            );
            await startAfreshFromSlot(name, deadline);
            return false;
          }
          progress.warn(
            `connector ${name}: ${failure.split('\n').slice(0, 2).join(' ')}; restarting it once`,
          );
          await connectRequest(`/connectors/${name}/restart?includeTasks=true&onlyFailed=true`, {
            method: 'POST',
          });
          return false;
        }
        return restartInEffect || Date.now() - restartedAt >= restartSettleMs;
      },
      {
        timeoutMs: Math.max(deadline - Date.now(), 1_000),
        intervalMs: 500,
        what: `connector ${name} and its task to be RUNNING`,
      },
    );
  } catch (error) {
    if (error instanceof TimeoutError)
      throw new TimeoutError(
        `${error.message}; last status: ${failure ?? JSON.stringify(last ?? 'none')}`,
      );
    throw error;
  }
  if (!isRunning(last) && failure) throw new ConnectorFailure(`connector ${name}: ${failure}`);
}

/**
 * Registers every file in infra/connect/connectors with Kafka Connect (PUT, so running it again
 * changes nothing) and waits until each connector and its task run. Needs the apps to have
 * started once: their migrations create the outbox table and its publication.
 */
export async function registerConnectors(
  options: { dir?: string; timeoutMs?: number } = {},
): Promise<string[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const files = connectorFiles(options.dir);
  for (const file of files) {
    const status = await putConfig(file, deadline);
    progress.step(`connector ${file.name}: ${status === 201 ? 'created' : 'configured'}`);
  }
  await Promise.all(
    files.map(async (file) => {
      await waitUntilRunning(file.name, deadline);
      progress.step(`connector ${file.name}: running`);
    }),
  );
  return files.map((f) => f.name);
}
