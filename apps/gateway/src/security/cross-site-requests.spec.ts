import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { crossSiteReason } from './cross-site-requests';

const request = (method: string, headers: Record<string, string>) =>
  ({ method, headers, protocol: 'http', host: 'shop.example:3000' }) as unknown as FastifyRequest;

describe('cross-site requests', () => {
  it('lets pages of this origin, typed URLs and non-browser clients change state', () => {
    assert.equal(crossSiteReason(request('POST', { 'sec-fetch-site': 'same-origin' })), undefined);
    assert.equal(crossSiteReason(request('POST', { 'sec-fetch-site': 'none' })), undefined);
    assert.equal(crossSiteReason(request('POST', {})), undefined);
    assert.equal(
      crossSiteReason(request('POST', { origin: 'http://shop.example:3000' })),
      undefined,
    );
  });

  it('refuses state changes from other sites, and from sibling sites', () => {
    assert.match(
      crossSiteReason(request('POST', { 'sec-fetch-site': 'cross-site' })) ?? '',
      /cross-site/,
    );
    assert.match(
      crossSiteReason(request('PUT', { 'sec-fetch-site': 'same-site' })) ?? '',
      /same-site/,
    );
    assert.match(
      crossSiteReason(request('POST', { origin: 'http://evil.example' })) ?? '',
      /evil\.example/,
    );
  });

  it('lets anyone read', () => {
    assert.equal(crossSiteReason(request('GET', { 'sec-fetch-site': 'cross-site' })), undefined);
  });
});
