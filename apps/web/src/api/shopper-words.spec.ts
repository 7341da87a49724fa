import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from './http.ts';
import { shopperWords } from './shopper-words.ts';

const problem = (
  status: number,
  detail?: string,
  errors: { path: string; message: string }[] = [],
  retryAfterSeconds?: number,
) => new ProblemError(status, detail, errors, retryAfterSeconds);

describe("the shopper's words for an error", () => {
  it('names what is wrong in a form, field by field', () => {
    assert.equal(
      shopperWords(
        problem(400, 'invalid', [
          { path: 'lines.0.quantity', message: 'Too big' },
          { path: '', message: 'Add an item' },
        ]),
      ),
      'Please check what you entered — lines.0.quantity: Too big; Add an item.',
    );
    assert.equal(
      shopperWords(problem(422, 'the cart is empty')),
      'That could not be done: the cart is empty.',
    );
    assert.equal(
      shopperWords(problem(422)),
      'That could not be done: please check what you entered.',
    );
  });

  it('says what was not found, and what a conflict means for an order', () => {
    assert.equal(shopperWords(problem(404), 'order'), "We couldn't find that order.");
    assert.equal(shopperWords(problem(404)), "We couldn't find that page.");
    assert.equal(shopperWords(problem(409), 'order'), 'This order can no longer be cancelled.');
    assert.equal(
      shopperWords(problem(409), 'wallet'),
      'That was changed meanwhile. Please try again.',
    );
  });

  it('asks to log in, keeps staff pages to staff, and says how long to wait', () => {
    assert.equal(shopperWords(problem(401)), 'Please log in first.');
    assert.equal(shopperWords(problem(403)), 'This page is for shop staff only.');
    assert.equal(
      shopperWords(problem(429, undefined, [], 12)),
      'Too many attempts. Please try again in 12 seconds.',
    );
    assert.equal(shopperWords(problem(429)), 'Too many attempts. Please try again in 60 seconds.');
  });

  it('never shows a status code, a stack or raw JSON', () => {
    const words = [
      shopperWords(problem(0)),
      shopperWords(problem(500, '{"stack":"at x"}')),
      shopperWords(problem(503)),
      shopperWords(new TypeError("Cannot read properties of undefined (reading 'x')")),
      shopperWords('a string'),
    ];
    assert.deepEqual(words, [
      'We could not reach the shop. Check your connection and try again.',
      'The shop is busy right now. Please try again in a moment.',
      'The shop is busy right now. Please try again in a moment.',
      'Something went wrong on this page. Please reload it.',
      'Something went wrong on this page. Please reload it.',
    ]);
    for (const line of words) assert.doesNotMatch(line, /\d{3}|stack|[{}]/);
  });
});
