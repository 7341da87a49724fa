import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gatewayUrl } from '@orchard/stack';
import { assertProblem } from './problem-assertions';
import { jsonRequest } from './raw-http';
import { customerWith, wallet } from './shop-client';
import { customerCookie } from './sessions';

/**
 * What a browser sends when another site's page posts to the shop with the shopper's cookie
 * (were SameSite not to hold it back): Fetch Metadata and Origin name the other site.
 */
const forgedFrom = {
  'a cross-site page': { 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' },
  'a sibling site': { 'sec-fetch-site': 'same-site', origin: 'http://shop.127.0.0.1.nip.io' },
  'an old browser naming only the origin': { origin: 'http://evil.example' },
};

describe('cross-site request forgery', () => {
  it('refuses state changes that a browser says come from another site, and changes nothing', async () => {
    const customer = await customerWith(1_000);
    const cookie = customerCookie(customer);
    const path = `/wallets/${customer}/deposits`;
    for (const [from, headers] of Object.entries(forgedFrom)) {
      const answer = await jsonRequest(
        'POST',
        path,
        { amountCents: 500 },
        {
          headers: { cookie, ...headers },
        },
      );
      const problem = assertProblem(answer, 403);
      assert.match(String(problem['detail']), /may not change anything/, from);
    }
    assert.equal((await wallet(customer)).balanceCents, 1_000, 'no forged deposit went through');

    // The shop's own pages, and clients that are not browsers, go through.
    const own = await jsonRequest(
      'POST',
      path,
      { amountCents: 500 },
      {
        headers: { cookie, 'sec-fetch-site': 'same-origin', origin: gatewayUrl },
      },
    );
    assert.equal(own.status, 201, own.text);
    assert.equal((await wallet(customer)).balanceCents, 1_500);
  });
});
