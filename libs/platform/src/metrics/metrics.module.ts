import { Module, type DynamicModule } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';

/**
 * Prometheus `/metrics` for the process: Node's runtime metrics and the project's own (HTTP
 * requests, saga outcomes, consumer lag, outbox backlog), all labelled with the service.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: { service: string }): DynamicModule {
    return {
      module: MetricsModule,
      imports: [
        PrometheusModule.register({
          path: '/metrics',
          defaultMetrics: { enabled: true },
          defaultLabels: { service: options.service },
        }),
      ],
    };
  }
}
