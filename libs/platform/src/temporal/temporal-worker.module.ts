import { Global, Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { TemporalWorkerHost, type TemporalWorkerOptions } from './temporal-worker';

/** Runs the service's Temporal worker; global so readiness checks can ask whether it polls. */
@Global()
@Module({})
export class TemporalWorkerModule {
  static register(options: {
    imports?: ModuleMetadata['imports'];
    inject?: unknown[];
    useFactory: (...deps: never[]) => TemporalWorkerOptions;
  }): DynamicModule {
    return {
      module: TemporalWorkerModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: TemporalWorkerHost,
          inject: (options.inject ?? []) as never[],
          useFactory: (...deps: never[]) => new TemporalWorkerHost(options.useFactory(...deps)),
        },
      ],
      exports: [TemporalWorkerHost],
    };
  }
}
