import { Global, Module, type DynamicModule } from '@nestjs/common';
import { InvalidationFeed } from './invalidation-feed';

/** The gateway's one InvalidationFeed, for every cache that keeps copies. */
@Global()
@Module({})
export class InvalidationModule {
  static forRedis(redisUrl: string): DynamicModule {
    return {
      module: InvalidationModule,
      providers: [{ provide: InvalidationFeed, useFactory: () => new InvalidationFeed(redisUrl) }],
      exports: [InvalidationFeed],
    };
  }
}
