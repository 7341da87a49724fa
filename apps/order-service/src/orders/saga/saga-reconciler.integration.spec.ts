import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { orderWorkflowId, placeOrderWorkflowType, type PlaceOrderInput } from '@orchard/contracts';
import { urls, waitFor } from '@orchard/stack';
import { failingCustomer } from '../../testing/ended-sagas.workflow';
import {
  orderIn,
  sampleOrder,
  startOrders,
  type OrderFixture,
} from '../../testing/integration-fixture';
import { SagaClient } from './saga-client';
import { SagaReconciler } from './saga-reconciler';

/**
 * The reconciler against the real Temporal server, on a database of the spec's own (the
 * running order service's reconciler never sees these orders) and task queues of its own:
 * the sagas it starts stay queued, as no worker polls that queue.
 */
describe('the saga reconciler', () => {
  const runId = randomUUID().slice(0, 8);
  const queue = `reconciler-spec-${runId}`;
  const endedQueue = `reconciler-spec-ended-${runId}`;
  let connection: Connection;
  let workerConnection: NativeConnection;
  let temporal: Client;
  let saga: SagaClient;
  let fixture: OrderFixture;
  let reconciler: SagaReconciler;
  const workflowIds: string[] = [];

  before(async () => {
    connection = await Connection.connect({ address: urls.temporalAddress });
    workerConnection = await NativeConnection.connect({ address: urls.temporalAddress });
    temporal = new Client({ connection });
    saga = new SagaClient(temporal, queue);
    fixture = await startOrders(saga, 'reconciler');
    reconciler = new SagaReconciler(fixture.repository, saga);
  });

  after(async () => {
    await Promise.all(
      workflowIds.map((id) =>
        temporal.workflow
          .getHandle(id)
          .terminate('spec done')
          .catch(() => undefined),
      ),
    );
    await connection.close();
    await workerConnection.close();
    await fixture.close();
  });

  const handleOf = (orderId: string) => temporal.workflow.getHandle(orderWorkflowId(orderId));
  const runOf = async (orderId: string) => (await handleOf(orderId).describe()).runId;

  async function strandedOrder(
    ageDays: number,
    customerId = randomUUID(),
  ): Promise<PlaceOrderInput> {
    const orderId = await orderIn(fixture, 'PENDING', customerId);
    await fixture.database.query(
      `update orders set created_at = now() - make_interval(days => $2) where id = $1`,
      [orderId, ageDays],
    );
    workflowIds.push(orderWorkflowId(orderId));
    return sampleOrder(orderId, customerId);
  }

  /** Runs a saga for `order` on a queue where a stand-in completes or fails it at once. */
  async function endedSaga(order: PlaceOrderInput): Promise<void> {
    const worker = await Worker.create({
      connection: workerConnection,
      taskQueue: endedQueue,
      workflowsPath: require.resolve('../../testing/ended-sagas.workflow'),
    });
    await worker.runUntil(
      temporal.workflow
        .execute(placeOrderWorkflowType, {
          taskQueue: endedQueue,
          workflowId: orderWorkflowId(order.orderId),
          args: [order],
        })
        .catch(() => undefined),
    );
  }

  it('acts on every stranded order by its saga’s real status, however old', async () => {
    // More than two pages of orders that never got a saga, some of them a year old.
    const missing = [];
    for (let i = 0; i < SagaReconciler.pageSize * 2 + 5; i += 1)
      missing.push(await strandedOrder(i % 2 === 0 ? 400 : 1));
    const running = await strandedOrder(2);
    await saga.start(running);
    const terminated = await strandedOrder(3);
    await saga.start(terminated);
    await handleOf(terminated.orderId).terminate('an operator stopped it');
    const timedOut = await strandedOrder(4);
    await temporal.workflow.start(placeOrderWorkflowType, {
      taskQueue: queue,
      workflowId: orderWorkflowId(timedOut.orderId),
      args: [timedOut],
      workflowExecutionTimeout: '1 second',
    });
    const failed = await strandedOrder(5, failingCustomer);
    await endedSaga(failed);
    const completed = await strandedOrder(6);
    await endedSaga(completed);
    // Recent: its saga may simply not have started yet, so it is not the reconciler's business.
    const recent = await orderIn(fixture, 'PENDING');
    await waitFor(async () => (await saga.status(timedOut.orderId)) === 'TIMED_OUT', {
      timeoutMs: 10_000,
      what: 'the saga to time out',
    });
    const before = {
      running: await runOf(running.orderId),
      terminated: await runOf(terminated.orderId),
      failed: await runOf(failed.orderId),
      completed: await runOf(completed.orderId),
    };

    const done = await reconciler.reconcile();

    assert.deepEqual(done, {
      started: missing.length,
      restarted: 3,
      running: 1,
      inconsistent: 1,
    });
    for (const order of [...missing, terminated, timedOut, failed])
      assert.equal((await handleOf(order.orderId).describe()).status.name, 'RUNNING');
    assert.equal(await runOf(running.orderId), before.running, 'a running saga is left alone');
    assert.notEqual(await runOf(terminated.orderId), before.terminated, 'a new run');
    assert.notEqual(await runOf(failed.orderId), before.failed, 'a new run');
    assert.equal(await runOf(completed.orderId), before.completed, 'never run twice');
    assert.equal(await saga.status(recent), 'MISSING');

    // The next sweep finds every saga running, but the one that completed without an outcome.
    assert.deepEqual(await reconciler.reconcile(), {
      started: 0,
      restarted: 0,
      running: missing.length + 3 + 1,
      inconsistent: 1,
    });
  });

  it('treats signalling a saga that has finished, or never ran, as done', async () => {
    await saga.reportShipped(randomUUID());
  });
});
