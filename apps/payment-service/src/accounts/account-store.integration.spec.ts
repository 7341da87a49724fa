import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { businessErrors } from '@orchard/contracts';
import { NotFoundError, UnprocessableError } from '@orchard/platform/http';
import { RolledBackOnPurpose } from '@orchard/platform/testing';
import { ApplicationFailure } from '@temporalio/common';
import { foldAccount } from './domain/account';
import {
  openPaymentTestKit,
  rollingBackKit,
  type PaymentTestKit,
} from '../testing/payment-test-kit';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('account streams on the real database', () => {
  let kit: PaymentTestKit;
  before(async () => {
    kit = await openPaymentTestKit('account-store');
  });
  after(async () => {
    await kit.close();
  });

  it('opening is idempotent and a new account is empty', async () => {
    const customerId = randomUUID();
    const empty = { customerId, balanceCents: 0, heldCents: 0, version: 1 };
    assert.deepEqual(await kit.wallets.open(customerId), empty);
    assert.deepEqual(await kit.wallets.open(customerId), empty);
    assert.deepEqual(await kit.wallets.get(customerId), empty);
  });

  it('an unknown account is not found, for reading and for depositing', async () => {
    const customerId = randomUUID();
    await assert.rejects(kit.wallets.get(customerId), NotFoundError);
    await assert.rejects(kit.wallets.deposit(customerId, 100), NotFoundError);
    assert.deepEqual(await kit.storedEvents(customerId), []);
  });

  it('20 concurrent deposits all land, at contiguous versions', async () => {
    const customerId = await kit.customerWith(0);

    const views = await Promise.all(range(1, 20).map(() => kit.wallets.deposit(customerId, 100)));

    assert.deepEqual(
      views.map((v) => v.version).sort((a, b) => a - b),
      range(2, 21),
      'each deposit saw its own version',
    );
    const stored = await kit.storedEvents(customerId);
    assert.deepEqual(
      stored.map((e) => e.version),
      range(1, 21),
    );
    assert.deepEqual(await kit.wallets.get(customerId), {
      customerId,
      balanceCents: 2000,
      heldCents: 0,
      version: 21,
    });
  });

  it('concurrent authorizations never spend more than is there: 3 of 10 pass, 7 are declined', async () => {
    const customerId = await kit.customerWith(1000);
    const orderIds = range(1, 10).map(() => randomUUID());

    const outcomes = await Promise.allSettled(
      orderIds.map((orderId) =>
        kit.activities.authorizePayment({ orderId, customerId, amountCents: 300 }),
      ),
    );

    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 3);
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    assert.equal(failures.length, 7);
    for (const failure of failures) {
      assert.ok(failure instanceof ApplicationFailure, String(failure));
      assert.equal(failure.type, businessErrors.insufficientFunds);
    }
    const { balanceCents, heldCents } = await kit.wallets.get(customerId);
    assert.deepEqual({ balanceCents, heldCents }, { balanceCents: 100, heldCents: 900 });

    const stored = await kit.storedEvents(customerId);
    assert.deepEqual(
      stored.map((e) => e.version),
      range(1, 12),
    );
    stored.forEach((_, i) => {
      const account = foldAccount(stored.slice(0, i + 1));
      assert.ok(account.availableCents >= 0, `negative balance at version ${i + 1}`);
    });
    const statuses = await Promise.all(
      orderIds.map(async (id) => (await kit.payments.get(id)).status),
    );
    assert.equal(statuses.filter((s) => s === 'AUTHORIZED').length, 3);
    assert.equal(statuses.filter((s) => s === 'DECLINED').length, 7);
  });

  it('keeps a snapshot every 50 events: a long-lived wallet is read from it, and equals its whole stream', async () => {
    const customerId = await kit.customerWith(0);
    const orderIds = range(1, 60).map(() => randomUUID());
    for (const [i, orderId] of orderIds.entries()) {
      await kit.wallets.deposit(customerId, 1000);
      await kit.activities.authorizePayment({ orderId, customerId, amountCents: 700 });
      if (i % 2 === 0) await kit.activities.capturePayment({ orderId });
      else await kit.activities.voidPayment({ orderId });
    }

    const stored = await kit.storedEvents(customerId);
    assert.equal(stored.length, 1 + 60 * 3);
    const [snapshot] = await kit.database.query<{ version: number }>(
      'select version from account_snapshots where account_id = $1',
      [customerId],
    );
    assert.ok(snapshot, 'the wallet has a snapshot');
    const eventsAfter = stored.length - snapshot.version;
    assert.ok(eventsAfter >= 0 && eventsAfter < 50, `${eventsAfter} events after the snapshot`);
    const whole = foldAccount(stored);
    assert.deepEqual(await kit.wallets.get(customerId), {
      customerId,
      balanceCents: whole.availableCents,
      heldCents: whole.heldCents,
      version: whole.version,
    });
    assert.deepEqual(await kit.wallets.get(customerId), {
      customerId,
      balanceCents: 60 * 1000 - 30 * 700,
      heldCents: 0,
      version: 181,
    });
    // A repeated step still finds its payment, which the snapshot carries.
    await kit.activities.capturePayment({ orderId: orderIds[0] ?? '' });
    assert.equal((await kit.storedEvents(customerId)).length, stored.length);
  });

  it('the database refuses to update or delete an event', async () => {
    const customerId = await kit.customerWith(500);

    await assert.rejects(
      kit.database.query(
        `update account_events set data = '{"amountCents": 1000000}' where account_id = $1`,
        [customerId],
      ),
      /append-only: UPDATE refused/,
    );
    await assert.rejects(
      kit.database.query('delete from account_events where account_id = $1', [customerId]),
      /append-only: DELETE refused/,
    );
    assert.equal((await kit.storedEvents(customerId)).length, 2);
    assert.equal((await kit.wallets.get(customerId)).balanceCents, 500);
  });

  it('conserves money: deposits = available + held + captured - refunded', async () => {
    const customerId = await kit.customerWith(1000);
    await kit.wallets.deposit(customerId, 500);
    const [captured, voided, refunded, declined, held] = range(1, 5).map(() => randomUUID());
    const pay = (orderId: string, amountCents: number) =>
      kit.activities.authorizePayment({ orderId, customerId, amountCents });

    await pay(captured, 300);
    await kit.activities.capturePayment({ orderId: captured });
    await pay(voided, 200);
    await kit.activities.voidPayment({ orderId: voided });
    await pay(refunded, 400);
    await kit.activities.capturePayment({ orderId: refunded });
    await kit.activities.refundPayment({ orderId: refunded });
    await assert.rejects(pay(declined, 5000));
    await pay(held, 100);
    await kit.wallets.deposit(customerId, 25);

    // Sums taken from the stored events directly, independent of the fold.
    const stored = await kit.storedEvents(customerId);
    const authorized = new Map<string, number>();
    const amountOf = (orderId: string) => {
      const amount = authorized.get(orderId);
      assert.ok(amount !== undefined, `order ${orderId} moved money it never authorized`);
      return amount;
    };
    const totals = { deposited: 0, captured: 0, refunded: 0 };
    for (const event of stored) {
      if (event.type === 'funds.deposited') totals.deposited += event.data.amountCents;
      if (event.type === 'payment.authorized')
        authorized.set(event.data.orderId, event.data.amountCents);
      if (event.type === 'payment.captured') totals.captured += amountOf(event.data.orderId);
      if (event.type === 'payment.refunded') totals.refunded += amountOf(event.data.orderId);
    }
    const wallet = await kit.wallets.get(customerId);

    assert.deepEqual(totals, { deposited: 1525, captured: 700, refunded: 400 });
    assert.deepEqual(
      { balanceCents: wallet.balanceCents, heldCents: wallet.heldCents },
      { balanceCents: 1125, heldCents: 100 },
    );
    assert.equal(
      totals.deposited,
      wallet.balanceCents + wallet.heldCents + totals.captured - totals.refunded,
    );
  });

  it('deposits once per deposit id, however often or concurrently repeated', async () => {
    const customerId = await kit.customerWith(0);
    const depositId = randomUUID();
    const views = await Promise.all(
      range(1, 5).map(() => kit.wallets.deposit(customerId, 700, depositId)),
    );
    assert.ok(views.every((view) => view.balanceCents === 700));
    assert.deepEqual(
      (await kit.storedEvents(customerId)).map((e) => e.type),
      ['account.opened', 'funds.deposited'],
    );
    await assert.rejects(
      kit.wallets.deposit(customerId, 800, depositId),
      (error: unknown) => error instanceof UnprocessableError,
    );
    assert.equal((await kit.wallets.get(customerId)).balanceCents, 700);
  });

  it('writes events, the payment and the outbox in one transaction: a rollback leaves none', async () => {
    const customerId = await kit.customerWith(1000);
    const orderId = randomUUID();
    const rolling = rollingBackKit(kit);
    await assert.rejects(
      rolling.payments.authorize({ orderId, customerId, amountCents: 300 }),
      RolledBackOnPurpose,
    );
    await assert.rejects(rolling.wallets.deposit(customerId, 5, randomUUID()), RolledBackOnPurpose);
    assert.equal((await kit.storedEvents(customerId)).length, 2, 'opened and the first deposit');
    assert.deepEqual(await kit.outboxOf(orderId), []);
    assert.equal((await kit.outboxOf(customerId)).length, 2);
    await assert.rejects(kit.payments.get(orderId), NotFoundError);
  });
});
