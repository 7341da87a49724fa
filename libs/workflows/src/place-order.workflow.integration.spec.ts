import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import { temporalBinary, waitFor } from '@orchard/stack';
import {
  businessErrors,
  compensationRefusals,
  orderWorkflowId,
  taskQueues,
  type PlaceOrderInput,
  type Reservation,
} from '@orchard/contracts';
import { cancelOrderSignal, orderShippedSignal, placeOrderWorkflow } from './place-order.workflow';

/**
 * The saga's logic against a real Temporal server of its own (the stack's cached dev server
 * binary on a free port), with fake activities that record every call in order.
 */
describe('placeOrderWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let workers: Worker[];
  let running: Promise<void>[];
  const calls: string[] = [];
  const failures = new Map<string, () => never>();

  const reservation: Reservation = {
    lines: [{ sku: 'TEA-001', quantity: 2, unitPriceCents: 850, warehouse: 'north' }],
    totalCents: 1700,
  };
  const step =
    <R>(name: string, result?: R) =>
    async (): Promise<R> => {
      calls.push(name);
      failures.get(name)?.();
      return result as R;
    };

  before(async () => {
    env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: temporalBinary() } },
    });
    const hosted: Record<string, object> = {
      [taskQueues.inventory]: {
        reserveStock: step('reserveStock', reservation),
        releaseStock: step('releaseStock'),
      },
      [taskQueues.payment]: {
        authorizePayment: step('authorizePayment'),
        capturePayment: step('capturePayment'),
        voidPayment: step('voidPayment'),
        refundPayment: step('refundPayment'),
      },
      [taskQueues.shipping]: {
        createShipment: step('createShipment'),
        cancelShipment: step('cancelShipment'),
      },
      [taskQueues.order]: {
        confirmOrder: step('confirmOrder'),
        rejectOrder: step('rejectOrder'),
        cancelOrder: step('cancelOrder'),
      },
    };
    workers = await Promise.all(
      Object.entries(hosted).map(([taskQueue, activities]) =>
        Worker.create({
          connection: env.nativeConnection,
          taskQueue,
          activities,
          ...(taskQueue === taskQueues.order
            ? { workflowsPath: require.resolve('./place-order.workflow') }
            : {}),
        }),
      ),
    );
    running = workers.map((w) => w.run());
  });

  after(async () => {
    workers.forEach((w) => w.shutdown());
    await Promise.all(running);
    await env.teardown();
  });

  function start() {
    calls.length = 0;
    const input: PlaceOrderInput = {
      orderId: randomUUID(),
      customerId: randomUUID(),
      items: [{ sku: 'TEA-001', quantity: 2 }],
      shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'DE' },
    };
    return env.client.workflow.start(placeOrderWorkflow, {
      taskQueue: taskQueues.order,
      workflowId: orderWorkflowId(input.orderId),
      args: [input],
    });
  }

  const refuse = (type: string) => () => {
    throw ApplicationFailure.create({ type, message: 'refused', nonRetryable: true });
  };

  it('runs the steps in order, then waits for the shipment', async () => {
    failures.clear();
    const handle = await start();
    await waitFor(async () => calls.includes('confirmOrder'), {
      timeoutMs: 20_000,
      what: 'confirmation',
    });
    await handle.signal(orderShippedSignal);
    assert.deepEqual(await handle.result(), { status: 'SHIPPED' });
    assert.deepEqual(calls, [
      'reserveStock',
      'authorizePayment',
      'createShipment',
      'capturePayment',
      'confirmOrder',
    ]);
  });

  it('declined payment: releases the stock and rejects the order', async () => {
    failures.clear();
    failures.set('authorizePayment', refuse(businessErrors.insufficientFunds));
    const outcome = await (await start()).result();
    assert.equal(outcome.status, 'REJECTED');
    assert.match(outcome.status === 'REJECTED' ? outcome.reason : '', /^InsufficientFunds/);
    assert.deepEqual(calls, ['reserveStock', 'authorizePayment', 'releaseStock', 'rejectOrder']);
  });

  it('unshippable: compensates newest first, voiding before releasing', async () => {
    failures.clear();
    failures.set('createShipment', refuse(businessErrors.unshippable));
    const outcome = await (await start()).result();
    assert.equal(outcome.status, 'REJECTED');
    assert.deepEqual(calls, [
      'reserveStock',
      'authorizePayment',
      'createShipment',
      'voidPayment',
      'releaseStock',
      'rejectOrder',
    ]);
  });

  it('cancelled after confirmation: cancels the shipment, refunds, releases, in that order', async () => {
    failures.clear();
    const handle = await start();
    await waitFor(async () => calls.includes('confirmOrder'), {
      timeoutMs: 20_000,
      what: 'confirmation',
    });
    await handle.signal(cancelOrderSignal, 'changed my mind');
    assert.deepEqual(await handle.result(), { status: 'CANCELLED', reason: 'changed my mind' });
    assert.deepEqual(calls.slice(5), [
      'cancelShipment',
      'refundPayment',
      'releaseStock',
      'cancelOrder',
    ]);
  });

  it('cancelled after the parcels left: undoes nothing and lets the order ship', async () => {
    failures.clear();
    failures.set('cancelShipment', refuse(compensationRefusals.shipmentDispatched));
    const handle = await start();
    await waitFor(async () => calls.includes('confirmOrder'), {
      timeoutMs: 20_000,
      what: 'confirmation',
    });
    await handle.signal(cancelOrderSignal, 'too late');
    await waitFor(async () => calls.includes('cancelShipment'), {
      timeoutMs: 20_000,
      what: 'the attempt to cancel the shipment',
    });
    await handle.signal(orderShippedSignal);
    assert.deepEqual(await handle.result(), { status: 'SHIPPED' });
    assert.deepEqual(calls.slice(5), ['cancelShipment']);
  });

  it('retries an infrastructure failure instead of compensating', async () => {
    failures.clear();
    let attempts = 0;
    failures.set('capturePayment', () => {
      attempts += 1;
      if (attempts < 3) throw new Error('connection reset');
      return undefined as never;
    });
    const handle = await start();
    await waitFor(async () => calls.includes('confirmOrder'), {
      timeoutMs: 30_000,
      what: 'confirmation',
    });
    await handle.signal(orderShippedSignal);
    assert.deepEqual(await handle.result(), { status: 'SHIPPED' });
    assert.equal(calls.filter((c) => c === 'capturePayment').length, 3);
    assert.ok(!calls.includes('voidPayment'));
  });
});
