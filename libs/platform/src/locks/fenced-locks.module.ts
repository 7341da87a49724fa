import { Global, Module, type DynamicModule } from '@nestjs/common';
import Redis from 'ioredis';
import { FencedLocks, type FencedLockOptions } from './fenced-locks';

/** Provides FencedLocks over the process's Redis; needs RedisModule imported alongside. */
@Global()
@Module({})
export class FencedLocksModule {
  static forRoot(options: FencedLockOptions): DynamicModule {
    return {
      module: FencedLocksModule,
      providers: [
        {
          provide: FencedLocks,
          inject: [Redis],
          useFactory: (redis: Redis) => new FencedLocks(redis, options),
        },
      ],
      exports: [FencedLocks],
    };
  }
}
