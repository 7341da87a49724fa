import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allStatuses, cancellable, finalStatuses, happyPath, reasonWords } from './order-words.ts';

describe("an order's words", () => {
  it('lists every status in the order of the saga, the happy path first', () => {
    assert.deepEqual(allStatuses.slice(0, happyPath.length), happyPath);
    assert.equal(new Set(allStatuses).size, 7);
    assert.ok([...finalStatuses, ...cancellable].every((s) => allStatuses.includes(s)));
    assert.equal(
      [...cancellable].some((s) => finalStatuses.has(s)),
      false,
      'an order that has ended cannot be cancelled',
    );
  });

  it("says why an order did not go through in the shopper's words, and that nothing was charged", () => {
    const cases: [string, RegExp][] = [
      ['InsufficientFunds: 1200 > 800', /enough money/],
      ['OutOfStock: tea', /out of stock/],
      ['UnknownPaymentAccount', /make a deposit first/],
      ['UnknownProduct: mug', /no longer sold/],
      ['UnshippableAddress: XX', /can't ship/],
      ['NonRetryable ActivityFailure: payment timed out', /on our side/],
    ];
    for (const [reason, words] of cases) {
      const said = reasonWords(reason) ?? '';
      assert.match(said, words, reason);
      assert.match(said, /Nothing was charged\.$/, reason);
    }
    assert.equal(
      reasonWords('cancelled by the customer'),
      'You cancelled this order. Anything paid was refunded.',
    );
    assert.equal(reasonWords(null), undefined);
    assert.equal(reasonWords(''), undefined);
  });
});
