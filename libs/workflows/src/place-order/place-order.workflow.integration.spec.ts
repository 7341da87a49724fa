import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import { temporalBinary, waitFor } from '@orchard/stack';
import {
  businessErrors,
  compensationRefusals,
  orderWorkflowId,
  taskQueues,
  type BusinessErrorType,
  type PlaceOrderInput,
  type Reservation,
  type SagaOutcome,
} from '@orchard/contracts';
import {
  cancelOrderSignal,
  orderShippedSignal,
  placeOrderWorkflow,
  retryCompensationsSignal,
  sagaStepQuery,
} from './place-order.workflow';
import { keepHistory } from './testing/saga-histories';

/**
 * The saga's logic against a real Temporal server of its own (the stack's cached dev server
 * binary on a free port), with fake activities that record every call in order. Each path's
 * history is what the replay spec replays (`RECORD_SAGA_HISTORIES=<version>` records them).
 */
describe('placeOrderWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let workers: Worker[];
  let running: Promise<void>[];
  const calls: string[] = [];
  const behaviours = new Map<string, () => void | Promise<void>>();

  const reservation: Reservation = {
    lines: [{ sku: 'TEA-001', quantity: 2, unitPriceCents: 850, warehouse: 'north' }],
    totalCents: 1700,
  };
  const step =
    <R>(name: string, result?: R) =>
    async (): Promise<R> => {
      calls.push(name);
      await behaviours.get(name)?.();
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
        failOrder: step('failOrder'),
        reportCompensationStuck: step('reportCompensationStuck'),
        reportCompensationResolved: step('reportCompensationResolved'),
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

  beforeEach(() => {
    behaviours.clear();
    calls.length = 0;
  });

  function start() {
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

  /** The saga's outcome, its history kept under `path` for the replay spec. */
  async function outcomeOf(
    handle: WorkflowHandle<typeof placeOrderWorkflow>,
    path: string,
  ): Promise<SagaOutcome> {
    const outcome = await handle.result();
    await keepHistory(path, await handle.fetchHistory());
    return outcome;
  }

  const until = (call: string, what = call) =>
    waitFor(async () => calls.includes(call), { timeoutMs: 30_000, what });

  const refuse = (type: string) => () => {
    throw ApplicationFailure.create({ type, message: 'refused', nonRetryable: true });
  };
  const breaks = (message: string) => () => {
    throw new Error(message);
  };
  const forward = [
    'reserveStock',
    'authorizePayment',
    'createShipment',
    'capturePayment',
    'confirmOrder',
  ];

  it('runs the steps in order, then waits for the shipment', async () => {
    const handle = await start();
    await until('confirmOrder');
    assert.equal(await handle.query(sagaStepQuery), 'awaiting shipment');
    await handle.signal(orderShippedSignal);
    assert.deepEqual(await outcomeOf(handle, 'shipped'), { status: 'SHIPPED' });
    assert.deepEqual(calls, forward);
  });

  // Each step's undo is registered before it runs, so a refused step is undone too (a no-op
  // downstream when it did nothing).
  const rejections: [BusinessErrorType, string, string[]][] = [
    [businessErrors.outOfStock, 'reserveStock', ['reserveStock', 'releaseStock', 'rejectOrder']],
    [
      businessErrors.unknownProduct,
      'reserveStock',
      ['reserveStock', 'releaseStock', 'rejectOrder'],
    ],
    [
      businessErrors.insufficientFunds,
      'authorizePayment',
      ['reserveStock', 'authorizePayment', 'voidPayment', 'releaseStock', 'rejectOrder'],
    ],
    [
      businessErrors.unknownPaymentAccount,
      'authorizePayment',
      ['reserveStock', 'authorizePayment', 'voidPayment', 'releaseStock', 'rejectOrder'],
    ],
    [
      businessErrors.unshippable,
      'createShipment',
      [
        'reserveStock',
        'authorizePayment',
        'createShipment',
        'cancelShipment',
        'voidPayment',
        'releaseStock',
        'rejectOrder',
      ],
    ],
  ];
  for (const [error, at, expected] of rejections) {
    it(`${error} at ${at}: compensates newest first and rejects the order`, async () => {
      behaviours.set(at, refuse(error));
      const outcome = await outcomeOf(await start(), `rejected-${error}`);
      assert.deepEqual(outcome, { status: 'REJECTED', reason: `${error}: refused` });
      assert.deepEqual(calls, expected);
    });
  }

  it('cancelled before confirmation: stops between steps, undoes, cancels', async () => {
    const saga: { handle?: WorkflowHandle<typeof placeOrderWorkflow> } = {};
    behaviours.set('createShipment', async () => {
      // Cancelled while this step runs: the saga lets the step finish, then stops.
      await saga.handle?.signal(cancelOrderSignal, 'changed my mind');
    });
    saga.handle = await start();
    const outcome = await outcomeOf(saga.handle, 'cancelled-before-confirmation');
    assert.deepEqual(outcome, { status: 'CANCELLED', reason: 'changed my mind' });
    assert.deepEqual(calls, [
      'reserveStock',
      'authorizePayment',
      'createShipment',
      'cancelShipment',
      'voidPayment',
      'releaseStock',
      'cancelOrder',
    ]);
  });

  it('cancelled while a step keeps failing: interrupts its retries at once', async () => {
    behaviours.set('authorizePayment', breaks('payments database unreachable'));
    const handle = await start();
    await waitFor(async () => calls.filter((c) => c === 'authorizePayment').length >= 2, {
      timeoutMs: 20_000,
      what: 'a retried authorization',
    });
    await handle.signal(cancelOrderSignal, 'taking too long');
    const outcome = await outcomeOf(handle, 'cancelled-while-retrying');
    assert.deepEqual(outcome, { status: 'CANCELLED', reason: 'taking too long' });
    assert.deepEqual(calls.slice(-3), ['voidPayment', 'releaseStock', 'cancelOrder']);
    assert.ok(calls.filter((c) => c === 'authorizePayment').length < 8, 'no attempt left to run');
  });

  it('cancelled after confirmation: cancels the shipment, refunds, releases, in that order', async () => {
    const handle = await start();
    await until('confirmOrder');
    await handle.signal(cancelOrderSignal, 'changed my mind');
    const outcome = await outcomeOf(handle, 'cancelled-after-confirmation');
    assert.deepEqual(outcome, { status: 'CANCELLED', reason: 'changed my mind' });
    assert.deepEqual(calls.slice(5), [
      'cancelShipment',
      'refundPayment',
      'releaseStock',
      'cancelOrder',
    ]);
  });

  it('cancelled after the parcels left: undoes nothing and lets the order ship', async () => {
    behaviours.set('cancelShipment', refuse(compensationRefusals.shipmentDispatched));
    const handle = await start();
    await until('confirmOrder');
    await handle.signal(cancelOrderSignal, 'too late');
    await until('cancelShipment', 'the attempt to cancel the shipment');
    await handle.signal(orderShippedSignal);
    assert.deepEqual(await outcomeOf(handle, 'cancelled-too-late'), { status: 'SHIPPED' });
    assert.deepEqual(calls.slice(5), ['cancelShipment']);
  });

  it('retries an infrastructure failure instead of compensating', async () => {
    let attempts = 0;
    behaviours.set('capturePayment', () => {
      attempts += 1;
      if (attempts < 3) throw new Error('connection reset');
    });
    const handle = await start();
    await until('confirmOrder');
    await handle.signal(orderShippedSignal);
    assert.deepEqual(await outcomeOf(handle, 'retried-then-shipped'), { status: 'SHIPPED' });
    assert.equal(calls.filter((c) => c === 'capturePayment').length, 3);
    assert.ok(!calls.includes('voidPayment'));
  });

  it('a step that keeps failing past its bound: undoes what was done and fails the order', async () => {
    behaviours.set(
      'authorizePayment',
      breaks('value "3000000000" is out of range for type integer'),
    );
    const outcome = await outcomeOf(await start(), 'failed-after-retries');
    assert.deepEqual(outcome, {
      status: 'FAILED',
      reason: 'authorizing payment: value "3000000000" is out of range for type integer',
    });
    assert.equal(calls.filter((c) => c === 'authorizePayment').length, 8, 'its attempts');
    assert.deepEqual(calls.slice(-3), ['voidPayment', 'releaseStock', 'failOrder']);
  });

  it('a step that fails for good at once (a bug): fails the order without retrying', async () => {
    behaviours.set('createShipment', refuse('IllegalShipmentState'));
    const outcome = await outcomeOf(await start(), 'failed-at-once');
    assert.deepEqual(outcome, { status: 'FAILED', reason: 'creating shipment: refused' });
    assert.deepEqual(calls, [
      'reserveStock',
      'authorizePayment',
      'createShipment',
      'cancelShipment',
      'voidPayment',
      'releaseStock',
      'failOrder',
    ]);
  });

  it('a compensation that cannot complete: reported, then retried by the operator', async () => {
    behaviours.set('authorizePayment', refuse(businessErrors.insufficientFunds));
    behaviours.set('releaseStock', refuse('InventoryUnavailable'));
    const handle = await start();
    await until('reportCompensationStuck');
    assert.equal(await handle.query(sagaStepQuery), 'compensation stuck: release stock');
    assert.ok(!calls.includes('rejectOrder'), 'the order waits, still PENDING');

    behaviours.delete('releaseStock');
    await handle.signal(retryCompensationsSignal);
    const outcome = await outcomeOf(handle, 'compensation-stuck-then-retried');
    assert.equal(outcome.status, 'REJECTED');
    assert.deepEqual(calls.slice(2), [
      'voidPayment',
      'releaseStock',
      'reportCompensationStuck',
      'releaseStock',
      'reportCompensationResolved',
      'rejectOrder',
    ]);
  });
});
