import type { DynamicModule, INestApplication } from '@nestjs/common';
import { startHttpApp } from '../http/start-http-app';
import { createRedisClient } from '../redis/redis-client';
import type { CallerPolicy } from '../service-auth/caller-policy';
import { requireServiceToken } from '../service-auth/require-service-token';
import type { TrustedKeysSetting } from '../service-auth/service-keys';

/**
 * A service behind the gateway: listens where its config says, answering only the callers and
 * routes of its policy, each request with a token signed for it.
 */
export async function startServiceApp(
  rootModule: DynamicModule,
  config: {
    PORT: number;
    MANAGEMENT_PORT: number;
    HOST: string;
    SERVICE_TRUSTED_KEYS: TrustedKeysSetting;
    REDIS_URL: string;
  },
  access: { service: string; callers: CallerPolicy },
): Promise<INestApplication> {
  // A connection of its own: replay checks never queue behind the app's other Redis work.
  const replayStore = createRedisClient(config.REDIS_URL, { connectionName: 'replay-guard' });
  return startHttpApp(rootModule, {
    port: config.PORT,
    managementPort: config.MANAGEMENT_PORT,
    host: config.HOST,
    configure: async (nest) => {
      await requireServiceToken(nest, {
        ...access,
        trustedKeys: config.SERVICE_TRUSTED_KEYS,
        redis: replayStore,
      });
      nest
        .getHttpAdapter()
        .getInstance()
        .addHook('onClose', async () => replayStore.disconnect());
    },
  });
}
