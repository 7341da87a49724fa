import type Redis from 'ioredis';

/**
 * Remembers the token ids a service has accepted until they expire, in Redis, so a token is
 * accepted once across all of the service's instances. A Redis failure refuses the request
 * (the caller retries): a replay check that cannot check must not pass.
 */
export class ReplayGuard {
  constructor(
    private readonly redis: Redis,
    private readonly service: string,
  ) {}

  /** True the first time an id is presented, false ever after (until it has expired anyway). */
  async firstUse(tokenId: string, acceptedUntil: number): Promise<boolean> {
    const key = `replay:${this.service}:${tokenId}`;
    const stored = await this.redis.set(
      key,
      '1',
      'PXAT',
      Math.max(acceptedUntil, Date.now() + 1),
      'NX',
    );
    return stored === 'OK';
  }
}
