import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * Logs when the gateway loses Redis and when it has it back, once each: while Redis is away,
 * idempotent commands answer 503 and rate limits are not enforced, and the client reconnects
 * by itself. (Without a listener, every failed reconnection would be printed.)
 */
@Injectable()
export class RedisConnectionLog implements OnModuleInit {
  private readonly logger = new Logger('Redis');
  private lost = false;

  constructor(private readonly redis: Redis) {}

  onModuleInit(): void {
    this.redis.on('error', (error: Error) => {
      if (this.lost) return;
      this.lost = true;
      this.logger.warn(`Redis is unavailable (${error.message}); reconnecting`);
    });
    this.redis.on('ready', () => {
      if (!this.lost) return;
      this.lost = false;
      this.logger.log('Redis is available again');
    });
  }
}
