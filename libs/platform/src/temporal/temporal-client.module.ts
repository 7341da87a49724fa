import {
  Global,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { temporalTracingPlugins } from '../telemetry/temporal-tracing';
import { Client, Connection } from '@temporalio/client';

@Injectable()
class TemporalClientLifecycle implements OnApplicationShutdown {
  constructor(private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/** A Temporal client for the app's life: the order service starts and signals sagas with it. */
@Global()
@Module({})
export class TemporalClientModule {
  static forRoot(options: { address: string; namespace: string }): DynamicModule {
    return {
      module: TemporalClientModule,
      providers: [
        {
          provide: Client,
          useFactory: async () =>
            new Client({
              connection: await Connection.connect({ address: options.address }),
              namespace: options.namespace,
              plugins: temporalTracingPlugins(),
            }),
        },
        TemporalClientLifecycle,
      ],
      exports: [Client],
    };
  }
}
