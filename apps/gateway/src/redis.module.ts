import {
  Global,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

/** The gateway's Redis: idempotency keys now, sessions and rate limits as they come. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: Redis,
          // Fail a command fast instead of queueing it while Redis is away.
          useFactory: () =>
            new Redis(url, {
              maxRetriesPerRequest: 1,
              enableOfflineQueue: false,
              connectTimeout: 2_000,
            }),
        },
        RedisLifecycle,
      ],
      exports: [Redis],
    };
  }
}
