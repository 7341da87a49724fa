import {
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Database } from '@orchard/platform/database';
import { ConsumerHost } from '../consumer-host';
import { WebhookEndpoints } from './webhook-endpoints';
import { webhookReceiver } from './webhook-receiver';
import { WebhookSender } from './webhook-sender';
import { WebhookTransport } from './webhook-transport';
import { WebhookDeliveriesController, WebhookEndpointsController } from './webhooks.controller';

export interface WebhookSettings {
  brokers: string[];
  allowPrivateTargets: boolean;
  retryForMs: number;
}

/** The receiver's consumer, run for the life of the application. */
@Injectable()
export class WebhookReceiverHost extends ConsumerHost {}

/** The sender, for the life of the application; it finishes the attempts in flight on stop. */
@Injectable()
class WebhookSenderHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly sender: WebhookSender,
    private readonly transport: WebhookTransport,
  ) {}

  onApplicationBootstrap(): void {
    this.sender.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sender.stop();
    await this.transport.close();
  }
}

/** Outbound webhooks: receiver (events to queued deliveries), queue, sender, admin API. */
@Module({})
export class WebhooksModule {
  static forSettings(settings: WebhookSettings): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhookEndpointsController, WebhookDeliveriesController],
      providers: [
        {
          provide: WebhookEndpoints,
          inject: [Database],
          useFactory: (database: Database) => new WebhookEndpoints(database),
        },
        {
          provide: WebhookTransport,
          useFactory: () =>
            new WebhookTransport({
              allowPrivateTargets: settings.allowPrivateTargets,
              timeoutMs: 5_000,
            }),
        },
        {
          provide: WebhookSender,
          inject: [Database, WebhookTransport],
          useFactory: (database: Database, transport: WebhookTransport) =>
            new WebhookSender(database, transport, {
              retryForMs: settings.retryForMs,
              concurrency: 32,
              perEndpoint: 2,
              pollIntervalMs: 200,
            }),
        },
        WebhookSenderHost,
        {
          provide: WebhookReceiverHost,
          inject: [Database],
          useFactory: (database: Database) =>
            new WebhookReceiverHost(webhookReceiver({ brokers: settings.brokers, database })),
        },
      ],
    };
  }
}
