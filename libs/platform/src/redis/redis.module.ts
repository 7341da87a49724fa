import {
  Global,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';
import { createRedisClient } from './redis-client';

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

/** The process's one Redis client, injected as `Redis`: idempotency keys, locks, sessions. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: RedisModule,
      providers: [{ provide: Redis, useFactory: () => createRedisClient(url) }, RedisLifecycle],
      exports: [Redis],
    };
  }
}
