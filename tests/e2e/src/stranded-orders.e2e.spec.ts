import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits, maxOrderTotalCents, type StuckCompensationView } from '@orchard/contracts';
import { apps, waitFor } from '@orchard/stack';
import { refuseWrites } from './faults';
import { confirmedOrLater, sagaOf } from './fulfilment';
import {
  assertMoneyConserved,
  assertStockConserved,
  orderStatus,
  paymentStatus,
  reservationStatuses,
} from './invariants';
import { traceHolding } from './jaeger';
import { scrapeMetrics, seriesSum } from './metrics-scrape';
import {
  call,
  customerWith,
  order,
  orderReaching,
  placeOrder,
  stockedProduct,
  wallet,
} from './shop-client';
import { customerCookie } from './sessions';

const orderServicePort = apps.find((app) => app.name === 'order-service')?.port ?? 3001;

/** A series' value in the order service's /metrics, summed over the other labels. */
const counted = async (metric: string, labels: Record<string, string>): Promise<number> =>
  seriesSum(await scrapeMetrics(orderServicePort), metric, labels);

describe('no order is ever stranded', () => {
  it('completes the largest order the contract admits, its total exact everywhere', async () => {
    const products = await Promise.all(
      Array.from({ length: limits.maxOrderLines }, () =>
        stockedProduct(limits.maxLineQuantity, limits.maxUnitPriceCents),
      ),
    );
    const customer = await customerWith(0);
    const deposits = maxOrderTotalCents / limits.maxDepositCents;
    for (let batch = 0; batch < deposits; batch += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, deposits - batch) }, async () => {
          const answer = await call(
            'POST',
            `/wallets/${customer}/deposits`,
            { amountCents: limits.maxDepositCents },
            { cookie: customerCookie(customer) },
          );
          assert.equal(answer.status, 201, JSON.stringify(answer.body));
        }),
      );
    }
    assert.equal((await wallet(customer)).balanceCents, maxOrderTotalCents);

    const accepted = await placeOrder(
      customer,
      products.map((p) => ({ sku: p.sku, quantity: limits.maxLineQuantity })),
    );
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    const confirmed = await orderReaching(accepted.body.orderId, [
      ...confirmedOrLater,
      'REJECTED',
      'FAILED',
    ]);

    assert.ok(
      confirmedOrLater.includes(confirmed.status),
      `${confirmed.status}: ${confirmed.reason}`,
    );
    assert.equal(confirmed.totalCents, maxOrderTotalCents);
    // The summary hears of the capture on payment.events and of the confirmation on
    // order.events: two topics, so in either order.
    let summary = confirmed;
    await waitFor(
      async () => (summary = await order(confirmed.id)).payment?.status === 'CAPTURED',
      {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: `the capture in the summary (last: ${JSON.stringify(summary.payment)})`,
      },
    );
    assert.deepEqual(summary.payment, { status: 'CAPTURED', amountCents: maxOrderTotalCents });
    assert.equal((await wallet(customer)).balanceCents, 0);
    await assertMoneyConserved([customer]);
    await assertStockConserved(products.map((p) => p.sku));
  });

  it('refuses an order beyond the contract up front, with the fields named', async () => {
    const customer = await customerWith(0);
    const tooMany = await placeOrder(customer, [
      { sku: 'TEA-001', quantity: limits.maxLineQuantity + 1 },
    ]);
    assert.equal(tooMany.status, 400);
    assert.match(JSON.stringify(tooMany.body), /quantity/);
    const tooPricey = await call('PUT', '/admin/products/T-PRICEY', {
      name: 'Too pricey',
      priceCents: limits.maxUnitPriceCents + 1,
      warehouse: 'north',
    });
    assert.equal(tooPricey.status, 400);
  });

  it('fails an order whose step keeps failing, undoing what was done, visible everywhere', async () => {
    const tea = await stockedProduct(5, 700);
    const customer = await customerWith(5_000);
    const failedBefore = await counted('orchard_saga_outcomes_total', {
      status: 'FAILED',
      reason: 'authorizing payment',
    });
    const lift = await refuseWrites('payment', 'payments', `new.account_id = '${customer}'`);
    let orderId: string;
    let traceId: string;
    try {
      const accepted = await placeOrder(customer, [{ sku: tea.sku, quantity: 2 }]);
      orderId = accepted.body.orderId;
      traceId = accepted.headers.get('x-trace-id') as string;
      // The step's bound: 8 attempts, about 16 s of backoff.
      await waitFor(async () => (await orderStatus(orderId)) === 'FAILED', {
        timeoutMs: 60_000,
        what: 'the order to fail',
      });
    } finally {
      await lift();
    }

    const failed = await orderReaching(orderId, ['FAILED']);
    assert.match(failed.reason ?? '', /^authorizing payment: refused by a test fault/);
    assert.deepEqual((await sagaOf(orderId)).outcome, { status: 'FAILED', reason: failed.reason });
    assert.deepEqual(await reservationStatuses(orderId), ['RELEASED']);
    assert.equal(await paymentStatus(orderId), undefined);
    assert.deepEqual(
      [(await wallet(customer)).balanceCents, (await wallet(customer)).heldCents],
      [5_000, 0],
    );
    assert.equal(
      await counted('orchard_saga_outcomes_total', {
        status: 'FAILED',
        reason: 'authorizing payment',
      }),
      failedBefore + 1,
    );
    await traceHolding(traceId, {
      'the failing step': (s) =>
        s.operation === 'RunActivity:authorizePayment' && s.tags['otel.status_code'] === 'ERROR',
      'the compensation': (s) => s.operation === 'RunActivity:releaseStock',
      'the recorded failure': (s) => s.operation === 'RunActivity:failOrder',
    });
    await assertStockConserved([tea.sku]);
    await assertMoneyConserved([customer]);
  });

  it('cancels an order whose step is still retrying, without waiting for the step', async () => {
    const tea = await stockedProduct(5, 700);
    const customer = await customerWith(5_000);
    const lift = await refuseWrites('payment', 'payments', `new.account_id = '${customer}'`);
    try {
      const accepted = await placeOrder(customer, [{ sku: tea.sku, quantity: 1 }]);
      const { orderId } = accepted.body;
      await waitFor(async () => (await reservationStatuses(orderId)).includes('RESERVED'), {
        timeoutMs: 30_000,
        what: 'the reservation, the saga then retrying the payment',
      });
      const cancelledAt = Date.now();
      const cancel = await call(
        'POST',
        `/orders/${orderId}/cancel`,
        { reason: 'taking too long' },
        { cookie: customerCookie(customer) },
      );
      assert.equal(cancel.status, 202);
      await waitFor(async () => (await orderStatus(orderId)) === 'CANCELLED', {
        timeoutMs: 30_000,
        what: 'the cancellation',
      });
      // Well inside the step's own bound (about 16 s of retries), which would have FAILED it.
      assert.ok(
        Date.now() - cancelledAt < 10_000,
        `cancelled after ${Date.now() - cancelledAt} ms`,
      );
      assert.deepEqual(await reservationStatuses(orderId), ['RELEASED']);
    } finally {
      await lift();
    }
    await assertStockConserved([tea.sku]);
    await assertMoneyConserved([customer]);
  });

  it('lists a compensation that cannot complete, and finishes it on an operator’s retry', async () => {
    const tea = await stockedProduct(5, 700);
    const customer = await customerWith(100); // too little: the payment is declined
    const lift = await refuseWrites(
      'inventory',
      'reservations',
      `new.sku = '${tea.sku}' and new.status = 'RELEASED'`,
    );
    let orderId: string;
    try {
      orderId = (await placeOrder(customer, [{ sku: tea.sku, quantity: 2 }])).body.orderId;
      let listed: StuckCompensationView | undefined;
      // The compensation's bound: 8 attempts, about 23 s of backoff.
      await waitFor(
        async () => {
          const stuck = await call<StuckCompensationView[]>('GET', '/admin/stuck-compensations');
          listed = stuck.body.find((s) => s.orderId === orderId);
          return listed !== undefined;
        },
        { timeoutMs: 60_000, what: 'the stuck compensation to be listed' },
      );
      assert.equal(listed?.compensation, 'release stock');
      assert.match(listed?.error ?? '', /refused by a test fault/);
      assert.equal(await orderStatus(orderId), 'PENDING', 'the order waits, visibly');
      assert.ok((await counted('orchard_saga_compensations_waiting', {})) >= 1);
    } finally {
      await lift();
    }
    const retry = await call('POST', `/admin/orders/${orderId}/compensations/retry`, {});
    assert.equal(retry.status, 202, JSON.stringify(retry.body));
    const rejected = await orderReaching(orderId, ['REJECTED'], 60_000);
    assert.match(rejected.reason ?? '', /^InsufficientFunds/);
    assert.deepEqual(await reservationStatuses(orderId), ['RELEASED']);
    const stuck = await call<StuckCompensationView[]>('GET', '/admin/stuck-compensations');
    assert.equal(
      stuck.body.some((s) => s.orderId === orderId),
      false,
    );
    const nothingLeft = await call('POST', `/admin/orders/${orderId}/compensations/retry`, {});
    assert.equal(nothingLeft.status, 409);
    await assertStockConserved([tea.sku]);
    await assertMoneyConserved([customer]);
  });
});
