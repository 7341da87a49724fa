import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { businessErrors } from '@orchard/contracts';
import { NotFoundError } from '@orchard/platform/http';
import { ApplicationFailure } from '@temporalio/common';
import { openPaymentTestKit, type PaymentTestKit } from '../testing/payment-test-kit';

/** Asserts a non-retryable activity failure of the given type. */
function failsWith(type: string) {
  return (error: unknown) => {
    assert.ok(error instanceof ApplicationFailure, `not an ApplicationFailure: ${String(error)}`);
    assert.equal(error.type, type);
    assert.equal(error.nonRetryable, true);
    return true;
  };
}

describe('payment activities on the real database', () => {
  let kit: PaymentTestKit;
  before(async () => {
    kit = await openPaymentTestKit('payments');
  });
  after(async () => {
    await kit.close();
  });

  const wallet = (customerId: string) => kit.wallets.get(customerId);
  const status = async (orderId: string) => (await kit.payments.get(orderId)).status;

  it('authorizing holds the money and capturing spends it', async () => {
    const customerId = await kit.customerWith(1000);
    const orderId = randomUUID();

    await kit.activities.authorizePayment({ orderId, customerId, amountCents: 300 });
    assert.deepEqual(await wallet(customerId), {
      customerId,
      balanceCents: 700,
      heldCents: 300,
      version: 3,
    });
    assert.equal(await status(orderId), 'AUTHORIZED');

    await kit.activities.capturePayment({ orderId });
    assert.deepEqual(await wallet(customerId), {
      customerId,
      balanceCents: 700,
      heldCents: 0,
      version: 4,
    });
    assert.equal(await status(orderId), 'CAPTURED');
  });

  it('authorizing the same order twice holds the money once', async () => {
    const customerId = await kit.customerWith(1000);
    const orderId = randomUUID();
    const input = { orderId, customerId, amountCents: 400 };

    await kit.activities.authorizePayment(input);
    await kit.activities.authorizePayment(input);
    await Promise.all([
      kit.activities.authorizePayment(input),
      kit.activities.authorizePayment(input),
    ]);

    const { balanceCents, heldCents } = await wallet(customerId);
    assert.deepEqual({ balanceCents, heldCents }, { balanceCents: 600, heldCents: 400 });
    const authorizations = (await kit.storedEvents(customerId)).filter(
      (e) => e.type === 'payment.authorized',
    );
    assert.equal(authorizations.length, 1);
  });

  it('capturing twice spends the money once', async () => {
    const customerId = await kit.customerWith(1000);
    const orderId = randomUUID();
    await kit.activities.authorizePayment({ orderId, customerId, amountCents: 250 });

    await kit.activities.capturePayment({ orderId });
    await kit.activities.capturePayment({ orderId });

    const { balanceCents, heldCents, version } = await wallet(customerId);
    assert.deepEqual(
      { balanceCents, heldCents, version },
      { balanceCents: 750, heldCents: 0, version: 4 },
    );
  });

  it('declines for insufficient funds: a declined event, the balance unchanged, a non-retryable failure, the same again on retry', async () => {
    const customerId = await kit.customerWith(100);
    const orderId = randomUUID();
    const input = { orderId, customerId, amountCents: 300 };

    await assert.rejects(
      kit.activities.authorizePayment(input),
      failsWith(businessErrors.insufficientFunds),
    );
    const events = await kit.storedEvents(customerId);
    assert.deepEqual(events.at(-1), {
      version: 3,
      type: 'payment.declined',
      data: { orderId, amountCents: 300, reason: '100 cents available, 300 needed' },
    });
    assert.deepEqual(await wallet(customerId), {
      customerId,
      balanceCents: 100,
      heldCents: 0,
      version: 3,
    });
    assert.equal(await status(orderId), 'DECLINED');

    await assert.rejects(
      kit.activities.authorizePayment(input),
      failsWith(businessErrors.insufficientFunds),
    );
    assert.equal((await kit.storedEvents(customerId)).length, 3);
  });

  it('refuses an account that does not exist, without writing anything', async () => {
    const customerId = randomUUID();
    const orderId = randomUUID();
    await assert.rejects(
      kit.activities.authorizePayment({ orderId, customerId, amountCents: 100 }),
      failsWith(businessErrors.unknownPaymentAccount),
    );
    assert.deepEqual(await kit.storedEvents(customerId), []);
    await assert.rejects(kit.payments.get(orderId), NotFoundError);
  });

  it('voiding returns the hold, once', async () => {
    const customerId = await kit.customerWith(1000);
    const orderId = randomUUID();
    await kit.activities.authorizePayment({ orderId, customerId, amountCents: 300 });

    await kit.activities.voidPayment({ orderId });
    await kit.activities.voidPayment({ orderId });

    const { balanceCents, heldCents, version } = await wallet(customerId);
    assert.deepEqual(
      { balanceCents, heldCents, version },
      { balanceCents: 1000, heldCents: 0, version: 4 },
    );
    assert.equal(await status(orderId), 'VOIDED');
    // A late retry of the authorization must not hold the money again.
    await kit.activities.authorizePayment({ orderId, customerId, amountCents: 300 });
    assert.equal((await wallet(customerId)).heldCents, 0);
  });

  it('refunding after capture returns the money, once', async () => {
    const customerId = await kit.customerWith(1000);
    const orderId = randomUUID();
    await kit.activities.authorizePayment({ orderId, customerId, amountCents: 300 });
    await kit.activities.capturePayment({ orderId });
    assert.equal((await wallet(customerId)).balanceCents, 700);

    await kit.activities.refundPayment({ orderId });
    await kit.activities.refundPayment({ orderId });

    const { balanceCents, heldCents, version } = await wallet(customerId);
    assert.deepEqual(
      { balanceCents, heldCents, version },
      { balanceCents: 1000, heldCents: 0, version: 5 },
    );
    assert.equal(await status(orderId), 'REFUNDED');
  });

  it('a void after capture refunds, and a refund before capture voids', async () => {
    const customerId = await kit.customerWith(1000);
    const captured = randomUUID();
    const held = randomUUID();
    await kit.activities.authorizePayment({ orderId: captured, customerId, amountCents: 100 });
    await kit.activities.capturePayment({ orderId: captured });
    await kit.activities.authorizePayment({ orderId: held, customerId, amountCents: 200 });

    await kit.activities.voidPayment({ orderId: captured });
    await kit.activities.refundPayment({ orderId: held });

    assert.equal(await status(captured), 'REFUNDED');
    assert.equal(await status(held), 'VOIDED');
    const { balanceCents, heldCents } = await wallet(customerId);
    assert.deepEqual({ balanceCents, heldCents }, { balanceCents: 1000, heldCents: 0 });
  });

  it('voiding or refunding an order without a payment, or with a declined one, does nothing', async () => {
    await kit.activities.voidPayment({ orderId: randomUUID() });
    await kit.activities.refundPayment({ orderId: randomUUID() });

    const customerId = await kit.customerWith(10);
    const orderId = randomUUID();
    await assert.rejects(kit.activities.authorizePayment({ orderId, customerId, amountCents: 50 }));
    await kit.activities.voidPayment({ orderId });
    await kit.activities.refundPayment({ orderId });
    assert.equal(await status(orderId), 'DECLINED');
    assert.equal((await kit.storedEvents(customerId)).length, 3);
  });

  it('capturing a payment that is not authorized is a non-retryable InvalidPaymentState', async () => {
    await assert.rejects(
      kit.activities.capturePayment({ orderId: randomUUID() }),
      failsWith('InvalidPaymentState'),
    );
    const customerId = await kit.customerWith(1000);
    const orderId = randomUUID();
    await kit.activities.authorizePayment({ orderId, customerId, amountCents: 300 });
    await kit.activities.voidPayment({ orderId });
    await assert.rejects(
      kit.activities.capturePayment({ orderId }),
      failsWith('InvalidPaymentState'),
    );
  });

  it('publishes each change through the outbox: payment events per order, wallet events per customer', async () => {
    const customerId = await kit.customerWith(1000);
    const orderId = randomUUID();
    await kit.activities.authorizePayment({ orderId, customerId, amountCents: 300 });
    await kit.activities.capturePayment({ orderId });

    const walletEvents = await kit.outboxOf(customerId);
    assert.deepEqual(
      walletEvents.map((e) => [e.aggregatetype, e.type]),
      [
        ['wallet', 'account.opened'],
        ['wallet', 'funds.deposited'],
      ],
    );
    const paymentEvents = await kit.outboxOf(orderId);
    assert.deepEqual(
      paymentEvents.map((e) => [e.aggregatetype, e.type]),
      [
        ['payment', 'payment.authorized'],
        ['payment', 'payment.captured'],
      ],
    );
    assert.deepEqual(paymentEvents[1]?.payload.data, { customerId, orderId, amountCents: 300 });
  });
});
