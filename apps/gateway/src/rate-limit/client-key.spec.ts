import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import type { Session } from '../sessions/session';
import { clientKeyBy, ipKey, sessionIdOf } from './client-key';

const existing = new Set(['s3cr3t-id', 'other']);
const session: Session = { accountId: 'a', email: 'a@b.c', role: 'customer', startedAt: 0 };
const clientKey = clientKeyBy(async (id) => (existing.has(id) ? session : undefined));

/** A request as the cookie plugin leaves it: the Cookie header parsed into `cookies`. */
const request = (ip: string, cookie?: string) =>
  ({
    ip,
    headers: cookie === undefined ? {} : { cookie },
    cookies: Object.fromEntries(
      (cookie ?? '')
        .split(';')
        .filter((pair) => pair.includes('='))
        .map((pair) => pair.trim().split('=') as [string, string]),
    ),
  }) as unknown as FastifyRequest;

describe('whom a request counts against', () => {
  it('is its IP address without a session cookie, or with one naming no session', async () => {
    assert.equal(await clientKey(request('203.0.113.7')), 'ip:203.0.113.7');
    assert.equal(await clientKey(request('203.0.113.7', 'theme=dark; lang=de')), 'ip:203.0.113.7');
    assert.equal(await clientKey(request('203.0.113.7', 'orchard_session=')), 'ip:203.0.113.7');
    assert.equal(
      await clientKey(request('203.0.113.7', 'orchard_session=made-up')),
      'ip:203.0.113.7',
    );
  });

  it('is its IP address when sessions cannot be checked', async () => {
    const unreachable = clientKeyBy(() => Promise.reject(new Error('Redis away')));
    assert.equal(
      await unreachable(request('203.0.113.7', 'orchard_session=s3cr3t-id')),
      'ip:203.0.113.7',
    );
  });

  it('counts an IPv6 client by its /64 and a mapped IPv4 address as IPv4', () => {
    assert.equal(ipKey(request('2001:db8:1:2:3:4:5:6')), ipKey(request('2001:db8:1:2:ffff::1')));
    assert.equal(ipKey(request('::ffff:203.0.113.7')), 'ip:203.0.113.7');
  });

  it('is its session when it has one, by a hash that never shows the session id', async () => {
    const a = request('203.0.113.7', 'theme=dark; orchard_session=s3cr3t-id; lang=de');
    assert.equal(sessionIdOf(a), 's3cr3t-id');
    assert.match(await clientKey(a), /^session:[\w-]{43}$/);
    assert.doesNotMatch(await clientKey(a), /s3cr3t/);
    assert.equal(
      await clientKey(a),
      await clientKey(request('198.51.100.1', 'orchard_session=s3cr3t-id')),
    );
    assert.notEqual(
      await clientKey(a),
      await clientKey(request('203.0.113.7', 'orchard_session=other')),
    );
  });

  it('reads only the cookie of that exact name', () => {
    assert.equal(sessionIdOf(request('203.0.113.7', 'not_orchard_session=x')), undefined);
    assert.equal(sessionIdOf(request('203.0.113.7', 'orchard_session_old=x')), undefined);
  });
});
