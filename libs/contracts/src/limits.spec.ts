import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMoneyLimitsAgree, limits, maxOrderTotalCents } from './limits';

describe('the money limits', () => {
  it('let an order reach 5·10¹⁰ cents: the price of a line at its most, times the lines', () => {
    assert.equal(maxOrderTotalCents, 50_000_000_000);
    assert.ok(maxOrderTotalCents > 2 ** 31, 'beyond a 32-bit integer: bigint in the databases');
  });

  it('agree with each other as shipped', () => {
    assert.doesNotThrow(() => assertMoneyLimitsAgree(limits));
  });

  it('refuse a wallet smaller than the largest order, and take one exactly its size', () => {
    const exactly = { ...limits, maxWalletCents: maxOrderTotalCents };
    assert.doesNotThrow(() => assertMoneyLimitsAgree(exactly));
    assert.throws(
      () => assertMoneyLimitsAgree({ ...exactly, maxWalletCents: maxOrderTotalCents - 1 }),
      /the money limits contradict each other/,
    );
  });

  it('refuse a wallet whose sums could pass what a number holds exactly', () => {
    const safeHalf = Math.floor(Number.MAX_SAFE_INTEGER / 2);
    assert.doesNotThrow(() => assertMoneyLimitsAgree({ ...limits, maxWalletCents: safeHalf }));
    assert.throws(
      () => assertMoneyLimitsAgree({ ...limits, maxWalletCents: safeHalf + 1 }),
      /the money limits contradict each other/,
    );
  });
});
