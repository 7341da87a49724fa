import {
  Global,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { importSigningKey, ServiceTokenIssuer } from '@orchard/platform/service-auth';
import type { GatewayConfig } from '../config';
import { UpstreamClient } from './upstream.client';

/** The services behind the gateway, one connection pool each. */
@Injectable()
export class Upstreams implements OnApplicationShutdown {
  readonly order: UpstreamClient;
  readonly payment: UpstreamClient;
  readonly inventory: UpstreamClient;
  readonly shipping: UpstreamClient;
  /** The read-model service: what the gateway reads, as opposed to what it commands. */
  readonly readModel: UpstreamClient;

  constructor(config: GatewayConfig, tokens: ServiceTokenIssuer) {
    const settings = { timeoutMs: config.UPSTREAM_TIMEOUT_MS, tokens };
    this.order = new UpstreamClient('order', config.ORDER_SERVICE_URL, settings);
    this.payment = new UpstreamClient('payment', config.PAYMENT_SERVICE_URL, settings);
    this.inventory = new UpstreamClient('inventory', config.INVENTORY_SERVICE_URL, settings);
    this.shipping = new UpstreamClient('shipping', config.SHIPPING_SERVICE_URL, settings);
    this.readModel = new UpstreamClient('readModel', config.READ_MODEL_SERVICE_URL, settings);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [this.order, this.payment, this.inventory, this.shipping, this.readModel].map((u) =>
        u.close(),
      ),
    );
  }
}

@Global()
@Module({})
export class UpstreamModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    return {
      module: UpstreamModule,
      providers: [
        {
          provide: Upstreams,
          useFactory: async () =>
            new Upstreams(
              config,
              new ServiceTokenIssuer('gateway', await importSigningKey(config.SERVICE_SIGNING_KEY)),
            ),
        },
      ],
      exports: [Upstreams],
    };
  }
}
