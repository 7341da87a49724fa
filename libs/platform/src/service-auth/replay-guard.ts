import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { recordLocalReplayCheck } from './service-token-metrics';

/**
 * Remembers the token ids a service has accepted until they expire: in Redis, so a token is
 * accepted once across all of the service's instances, and in the process. While Redis is
 * away the process's memory alone decides (a replay to the same instance is still refused):
 * a Redis outage must not take every service down with it, and a token is bound to one
 * request and lives seconds, so what a replay elsewhere could do is what its first use did.
 * The lapse is logged and counted.
 */
export class ReplayGuard {
  private readonly logger = new Logger(ReplayGuard.name);
  private readonly accepted = new Map<string, number>();
  private sharedCheckDown = false;

  constructor(
    private readonly redis: Redis,
    private readonly service: string,
  ) {}

  /** True the first time an id is presented, false ever after (until it has expired anyway). */
  async firstUse(tokenId: string, acceptedUntil: number): Promise<boolean> {
    this.forgetExpired();
    if (this.accepted.has(tokenId)) return false;
    this.accepted.set(tokenId, acceptedUntil);
    try {
      const key = `replay:${this.service}:${tokenId}`;
      const expiresAt = Math.max(acceptedUntil, Date.now() + 1);
      const stored = await this.redis.set(key, '1', 'PXAT', expiresAt, 'NX');
      if (this.sharedCheckDown) this.logger.log('replays are checked across instances again');
      this.sharedCheckDown = false;
      return stored === 'OK';
    } catch (error) {
      if (!this.sharedCheckDown)
        this.logger.warn(`replays are checked per instance only: ${(error as Error).message}`);
      this.sharedCheckDown = true;
      recordLocalReplayCheck();
      return true;
    }
  }

  /** Ids leave in the order they came, and expire in about that order (same lifetime). */
  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, until] of this.accepted) {
      if (until > now) break;
      this.accepted.delete(id);
    }
  }
}
