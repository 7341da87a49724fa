import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits } from '@orchard/contracts';
import { foldAccount, type AccountState } from './account';
import type { AccountEvent, PaymentStatus } from './account-events';
import {
  decideAuthorize,
  decideCapture,
  decideDeposit,
  decideOpen,
  decideRefund,
  decideVoid,
  type Decision,
} from './decisions';

const orderId = 'order-1';

/** An open account with 1000 cents deposited, and order-1's payment of 300 in `status`. */
function accountWith(status?: PaymentStatus): AccountState {
  const events: AccountEvent[] = [
    { type: 'account.opened', data: {} },
    { type: 'funds.deposited', data: { amountCents: 1000 } },
  ];
  const authorized: AccountEvent = {
    type: 'payment.authorized',
    data: { orderId, amountCents: 300 },
  };
  if (status === 'DECLINED')
    events.push({ type: 'payment.declined', data: { orderId, amountCents: 3000, reason: 'x' } });
  if (status && status !== 'DECLINED') events.push(authorized);
  if (status === 'VOIDED') events.push({ type: 'payment.voided', data: { orderId } });
  if (status === 'CAPTURED' || status === 'REFUNDED')
    events.push({ type: 'payment.captured', data: { orderId } });
  if (status === 'REFUNDED') events.push({ type: 'payment.refunded', data: { orderId } });
  return foldAccount(events);
}

const noAccount = foldAccount([]);

const types = (decision: Decision) =>
  decision.outcome === 'accepted' ? decision.events.map((e) => e.type) : decision.refusal;

/** Applies a decision's events, as the service does after appending them. */
function afterDecision(account: AccountState, decision: Decision): AccountState {
  assert.equal(decision.outcome, 'accepted');
  return decision.outcome === 'accepted' ? foldAccount(decision.events, account) : account;
}

describe('decideOpen', () => {
  it('opens an account that does not exist', () => {
    assert.deepEqual(types(decideOpen(noAccount)), ['account.opened']);
  });

  it('does nothing for an account already open', () => {
    assert.deepEqual(types(decideOpen(accountWith())), []);
  });
});

describe('decideDeposit', () => {
  it('deposits a positive amount', () => {
    const decision = decideDeposit(accountWith(), 250);
    assert.deepEqual(decision, {
      outcome: 'accepted',
      events: [{ type: 'funds.deposited', data: { amountCents: 250 } }],
    });
    assert.equal(afterDecision(accountWith(), decision).availableCents, 1250);
  });

  it('refuses zero, negative and fractional amounts', () => {
    for (const amount of [0, -5, 1.5, Number.NaN])
      assert.equal(types(decideDeposit(accountWith(), amount)), 'invalid-amount', String(amount));
  });

  it('refuses an account that does not exist', () => {
    assert.equal(types(decideDeposit(noAccount, 100)), 'unknown-account');
  });

  it('refuses a deposit that would take the wallet (held money included) past its limit', () => {
    const held = accountWith('AUTHORIZED'); // 700 available, 300 held
    const room = limits.maxWalletCents - 1_000;
    assert.deepEqual(types(decideDeposit(held, room)), ['funds.deposited']);
    assert.equal(types(decideDeposit(held, room + 1)), 'wallet-limit');
  });
});

describe('decideAuthorize', () => {
  const payment = { orderId, amountCents: 300 };

  it('holds the amount when enough is available', () => {
    const decision = decideAuthorize(accountWith(), payment);
    assert.deepEqual(types(decision), ['payment.authorized']);
    const after = afterDecision(accountWith(), decision);
    assert.deepEqual([after.availableCents, after.heldCents], [700, 300]);
  });

  it('holds exactly the whole available amount', () => {
    assert.deepEqual(types(decideAuthorize(accountWith(), { orderId, amountCents: 1000 })), [
      'payment.authorized',
    ]);
  });

  it('declines when the available money does not cover it, moving nothing', () => {
    const decision = decideAuthorize(accountWith(), { orderId, amountCents: 1001 });
    assert.deepEqual(decision, {
      outcome: 'accepted',
      events: [
        {
          type: 'payment.declined',
          data: { orderId, amountCents: 1001, reason: '1000 cents available, 1001 needed' },
        },
      ],
    });
    const after = afterDecision(accountWith(), decision);
    assert.deepEqual([after.availableCents, after.heldCents], [1000, 0]);
    assert.equal(after.payments.get(orderId)?.status, 'DECLINED');
  });

  it('counts only the available money, not what other orders hold', () => {
    const decision = decideAuthorize(accountWith('AUTHORIZED'), {
      orderId: 'order-2',
      amountCents: 800,
    });
    assert.deepEqual(types(decision), ['payment.declined']);
  });

  for (const status of ['AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'DECLINED'] as const) {
    it(`adds nothing for an order whose payment is already ${status}`, () => {
      assert.deepEqual(types(decideAuthorize(accountWith(status), payment)), []);
    });
  }

  it('refuses an account that does not exist', () => {
    assert.equal(types(decideAuthorize(noAccount, payment)), 'unknown-account');
  });

  it('refuses an amount that is not a positive whole number of cents', () => {
    assert.equal(
      types(decideAuthorize(accountWith(), { orderId, amountCents: 0 })),
      'invalid-amount',
    );
  });
});

describe('decideCapture', () => {
  it('captures an authorized payment', () => {
    const decision = decideCapture(accountWith('AUTHORIZED'), orderId);
    assert.deepEqual(types(decision), ['payment.captured']);
    const after = afterDecision(accountWith('AUTHORIZED'), decision);
    assert.deepEqual([after.availableCents, after.heldCents], [700, 0]);
  });

  it('does nothing for a payment already captured', () => {
    assert.deepEqual(types(decideCapture(accountWith('CAPTURED'), orderId)), []);
  });

  for (const status of [undefined, 'VOIDED', 'REFUNDED', 'DECLINED'] as const) {
    it(`refuses a payment that is ${status ?? 'missing'}`, () => {
      assert.equal(types(decideCapture(accountWith(status), orderId)), 'invalid-payment-state');
    });
  }
});

describe('decideVoid and decideRefund give the money back, whichever the saga sends', () => {
  for (const [name, decide] of [
    ['decideVoid', decideVoid],
    ['decideRefund', decideRefund],
  ] as const) {
    it(`${name}: an authorized payment is voided, its hold released`, () => {
      const decision = decide(accountWith('AUTHORIZED'), orderId);
      assert.deepEqual(types(decision), ['payment.voided']);
      const after = afterDecision(accountWith('AUTHORIZED'), decision);
      assert.deepEqual([after.availableCents, after.heldCents], [1000, 0]);
    });

    it(`${name}: a captured payment is refunded`, () => {
      const decision = decide(accountWith('CAPTURED'), orderId);
      assert.deepEqual(types(decision), ['payment.refunded']);
      const after = afterDecision(accountWith('CAPTURED'), decision);
      assert.deepEqual([after.availableCents, after.heldCents], [1000, 0]);
    });

    for (const status of [undefined, 'VOIDED', 'REFUNDED', 'DECLINED'] as const) {
      it(`${name}: nothing to give back when the payment is ${status ?? 'missing'}`, () => {
        assert.deepEqual(types(decide(accountWith(status), orderId)), []);
      });
    }
  }
});

describe('a refusal', () => {
  const messageOf = (decision: Decision) =>
    decision.outcome === 'refused' ? decision.message : 'accepted';

  it('says why, in the words the problem details carry to the client', () => {
    assert.equal(messageOf(decideDeposit(noAccount, 100)), 'no payment account');
    assert.equal(
      messageOf(decideDeposit(accountWith(), 0)),
      'a deposit is a positive whole number of cents',
    );
    assert.equal(
      messageOf(decideDeposit(accountWith(), limits.maxWalletCents)),
      `a wallet holds at most ${limits.maxWalletCents} cents`,
    );
    assert.equal(
      messageOf(decideAuthorize(noAccount, { orderId, amountCents: 1 })),
      'no payment account',
    );
    assert.equal(
      messageOf(decideAuthorize(accountWith(), { orderId, amountCents: -1 })),
      'a payment is a positive whole number of cents',
    );
    assert.equal(
      messageOf(decideCapture(accountWith(), orderId)),
      `no payment for order ${orderId} to capture`,
    );
    assert.equal(
      messageOf(decideCapture(accountWith('VOIDED'), orderId)),
      `cannot capture order ${orderId}'s payment: it is VOIDED`,
    );
  });
});
