import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { urls } from '@orchard/stack';
import type { Fired } from './cost/open-loop';
import { createNoopSagaActivities } from './noop-saga.activities';
import { noopSagaWorkflow } from './noop-saga.workflow';

/**
 * The baseline: a saga of the order saga's shape (five activities in a row) that does no work,
 * on the same Temporal server, its worker in this process. What the engine alone allows.
 */
export class NoopSagas {
  private constructor(
    /** The sagas in flight, by id: resolved with the time their last activity ran. */
    private readonly waiting: Map<string, (at: number) => void>,
    private readonly taskQueue: string,
    private readonly client: Client,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
  ) {}

  static async start(): Promise<NoopSagas> {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const taskQueue = `bench-noop-saga-${randomUUID()}`;
    const waiting = new Map<string, (at: number) => void>();
    const worker = await Worker.create({
      connection: await NativeConnection.connect({ address: urls.temporalAddress }),
      taskQueue,
      workflowsPath: require.resolve('./noop-saga.workflow'),
      activities: createNoopSagaActivities((id, at) => waiting.get(id)?.(at)),
    });
    const client = new Client({
      connection: await Connection.connect({ address: urls.temporalAddress }),
    });
    return new NoopSagas(waiting, taskQueue, client, worker, worker.run());
  }

  async fire(): Promise<Fired> {
    const id = randomUUID();
    const finished = new Promise<number>((resolve) => this.waiting.set(id, resolve));
    const begin = performance.now();
    await this.client.workflow.start(noopSagaWorkflow, {
      taskQueue: this.taskQueue,
      workflowId: `noop-${id}`,
      args: [id],
    });
    return {
      accepted: true,
      latencyMs: performance.now() - begin,
      finished: finished.finally(() => this.waiting.delete(id)),
    };
  }

  async stop(): Promise<void> {
    this.worker.shutdown();
    await this.running;
    await this.client.connection.close();
  }
}
