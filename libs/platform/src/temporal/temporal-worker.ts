import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { temporalTracingPlugins } from '../telemetry/temporal-tracing';
import { activityMetricsInterceptors } from './activity-metrics-interceptor';
import { orderContextInterceptors } from './order-context-interceptor';
import { installTemporalRuntimeLogger } from './temporal-runtime-logger';

export interface TemporalWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  activities: object;
  /** Only the order service runs workflows; the others host activities alone. */
  workflowsPath?: string;
  tuning?: Pick<
    WorkerOptions,
    | 'maxConcurrentActivityTaskExecutions'
    | 'maxConcurrentWorkflowTaskExecutions'
    | 'maxCachedWorkflows'
  >;
}

/**
 * Runs a Temporal worker for the life of the Nest application. If the worker dies, the process
 * exits: a service that silently stopped polling its task queue would stall every saga.
 */
export class TemporalWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerHost.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(private readonly options: TemporalWorkerOptions) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue, activities, workflowsPath, tuning } = this.options;
    installTemporalRuntimeLogger();
    this.connection = await NativeConnection.connect({ address });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      activities,
      plugins: temporalTracingPlugins(),
      interceptors: { activity: [orderContextInterceptors, activityMetricsInterceptors] },
      ...(workflowsPath === undefined ? {} : { workflowsPath }),
      ...tuning,
    });
    this.running = this.worker.run().catch((error: unknown) => {
      this.logger.error(`worker for ${taskQueue} failed: ${String(error)}`);
      process.exit(1);
    });
    this.logger.log(`polling task queue ${taskQueue}`);
  }

  get isRunning(): boolean {
    return this.worker?.getState() === 'RUNNING';
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }
}
