import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldAccount, noAccount, type AccountState } from './account';
import type { AccountEvent } from './account-events';

const opened: AccountEvent = { type: 'account.opened', data: {} };
const deposited = (amountCents: number): AccountEvent => ({
  type: 'funds.deposited',
  data: { amountCents },
});
const authorized = (orderId: string, amountCents: number): AccountEvent => ({
  type: 'payment.authorized',
  data: { orderId, amountCents },
});
const captured = (orderId: string): AccountEvent => ({
  type: 'payment.captured',
  data: { orderId },
});
const voided = (orderId: string): AccountEvent => ({ type: 'payment.voided', data: { orderId } });
const refunded = (orderId: string): AccountEvent => ({
  type: 'payment.refunded',
  data: { orderId },
});
const declined = (orderId: string, amountCents: number): AccountEvent => ({
  type: 'payment.declined',
  data: { orderId, amountCents, reason: 'not enough' },
});

const balances = ({ availableCents, heldCents }: AccountState) => ({ availableCents, heldCents });

describe('foldAccount', () => {
  it('knows no account before any event', () => {
    const account = foldAccount([]);
    assert.equal(account.exists, false);
    assert.equal(account.version, 0);
    assert.deepEqual(balances(account), { availableCents: 0, heldCents: 0 });
  });

  it('opens an empty account at version 1', () => {
    const account = foldAccount([opened]);
    assert.equal(account.exists, true);
    assert.equal(account.version, 1);
    assert.deepEqual(balances(account), { availableCents: 0, heldCents: 0 });
  });

  it('adds deposits to the available money', () => {
    const account = foldAccount([opened, deposited(500), deposited(250)]);
    assert.deepEqual(balances(account), { availableCents: 750, heldCents: 0 });
    assert.equal(account.version, 3);
  });

  it('moves an authorized amount from available to held', () => {
    const account = foldAccount([opened, deposited(1000), authorized('o1', 300)]);
    assert.deepEqual(balances(account), { availableCents: 700, heldCents: 300 });
    assert.deepEqual(account.payments.get('o1'), { status: 'AUTHORIZED', amountCents: 300 });
  });

  it('takes a captured amount out of the wallet', () => {
    const account = foldAccount([opened, deposited(1000), authorized('o1', 300), captured('o1')]);
    assert.deepEqual(balances(account), { availableCents: 700, heldCents: 0 });
    assert.deepEqual(account.payments.get('o1'), { status: 'CAPTURED', amountCents: 300 });
  });

  it('returns a voided hold to the available money', () => {
    const account = foldAccount([opened, deposited(1000), authorized('o1', 300), voided('o1')]);
    assert.deepEqual(balances(account), { availableCents: 1000, heldCents: 0 });
    assert.equal(account.payments.get('o1')?.status, 'VOIDED');
  });

  it('gives a refunded capture back to the available money', () => {
    const account = foldAccount([
      opened,
      deposited(1000),
      authorized('o1', 300),
      captured('o1'),
      refunded('o1'),
    ]);
    assert.deepEqual(balances(account), { availableCents: 1000, heldCents: 0 });
    assert.equal(account.payments.get('o1')?.status, 'REFUNDED');
  });

  it('records a decline without moving any money', () => {
    const account = foldAccount([opened, deposited(100), declined('o1', 300)]);
    assert.deepEqual(balances(account), { availableCents: 100, heldCents: 0 });
    assert.deepEqual(account.payments.get('o1'), { status: 'DECLINED', amountCents: 300 });
  });

  it('keeps the payments of several orders apart', () => {
    const account = foldAccount([
      opened,
      deposited(1000),
      authorized('o1', 100),
      authorized('o2', 200),
      captured('o2'),
      voided('o1'),
    ]);
    assert.deepEqual(balances(account), { availableCents: 800, heldCents: 0 });
    assert.equal(account.payments.get('o1')?.status, 'VOIDED');
    assert.equal(account.payments.get('o2')?.status, 'CAPTURED');
  });

  it('continues from a folded state as if from the whole stream, leaving that state untouched', () => {
    const head = [opened, deposited(1000), authorized('o1', 300)];
    const tail = [captured('o1'), deposited(50)];
    const before = foldAccount(head);
    const after = foldAccount(tail, before);
    assert.deepEqual(after, foldAccount([...head, ...tail]));
    assert.deepEqual(before, foldAccount(head));
    assert.equal(before.payments.get('o1')?.status, 'AUTHORIZED');
    assert.deepEqual(noAccount.payments.size, 0);
  });

  it('refuses a stream that contradicts itself', () => {
    assert.throws(() => foldAccount([deposited(100)]), /not open/);
    assert.throws(() => foldAccount([opened, opened]), /already open/);
    assert.throws(() => foldAccount([opened, captured('o1')]), /not AUTHORIZED/);
    assert.throws(() => foldAccount([opened, authorized('o1', 1), refunded('o1')]), /CAPTURED/);
    assert.throws(
      () => foldAccount([opened, deposited(5), authorized('o1', 1), declined('o1', 1)]),
      /already has a payment/,
    );
  });
});

describe('balances are derived, never stored', () => {
  const stream: AccountEvent[] = [
    opened,
    deposited(1000),
    authorized('o1', 300),
    authorized('o2', 200),
    captured('o1'),
    declined('o3', 5000),
    voided('o2'),
    deposited(40),
    refunded('o1'),
  ];

  it('no event carries a balance, only the amount it moves', () => {
    for (const event of stream) {
      const keys = Object.keys(event.data);
      assert.ok(
        keys.every((key) => !/balance|available|held/i.test(key)),
        `${event.type} carries ${keys.join(', ')}`,
      );
    }
  });

  it('the balance at any version is the fold of the events up to it', () => {
    const expected = [
      [0, 0],
      [1000, 0],
      [700, 300],
      [500, 500],
      [500, 200],
      [500, 200],
      [700, 0],
      [740, 0],
      [1040, 0],
    ];
    stream.forEach((_, i) => {
      const account = foldAccount(stream.slice(0, i + 1));
      assert.equal(account.version, i + 1);
      assert.deepEqual(
        [account.availableCents, account.heldCents],
        expected[i],
        `version ${i + 1}`,
      );
    });
  });

  it('deposits equal available + held + captures not refunded, at every version', () => {
    stream.forEach((_, i) => {
      const prefix = stream.slice(0, i + 1);
      const account = foldAccount(prefix);
      const deposits = sum(
        prefix.map((e) => (e.type === 'funds.deposited' ? e.data.amountCents : 0)),
      );
      const captured = sum(
        [...account.payments.values()].map((p) => (p.status === 'CAPTURED' ? p.amountCents : 0)),
      );
      assert.equal(deposits, account.availableCents + account.heldCents + captured);
    });
  });
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
