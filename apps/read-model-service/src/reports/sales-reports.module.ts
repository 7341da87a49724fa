import { Module, type DynamicModule } from '@nestjs/common';
import { salesReportTaskQueue } from '@orchard/contracts/reports';
import { Database } from '@orchard/platform/database';
import { TemporalClientModule, TemporalWorkerModule } from '@orchard/platform/temporal';
import { Client } from '@temporalio/client';
import { salesReportWorker } from './sales-report-worker';
import { SalesReportsController } from './sales-reports.controller';
import { SalesReports } from './sales-reports.service';

/**
 * Every report job is cut into this many map tasks (ranges of order ids) and reduce tasks (key
 * hashes): enough for a few workers to share, few enough that a small history is not mostly
 * task overhead.
 */
const mapPartitions = 16;
const reducePartitions = 4;

/**
 * The service runs a modest worker of its own (two tasks at a time, beside the queries), so
 * reports run out of the box; `dist/report-worker.js` adds workers where there is more to do.
 */
const serviceWorkerConcurrency = 2;

@Module({})
export class SalesReportsModule {
  static forTemporal(temporal: { address: string; namespace: string }): DynamicModule {
    return {
      module: SalesReportsModule,
      imports: [
        TemporalClientModule.forRoot(temporal),
        TemporalWorkerModule.register({
          inject: [Database],
          useFactory: (database: Database) => ({
            ...temporal,
            ...salesReportWorker(database, {
              taskQueue: salesReportTaskQueue,
              concurrency: serviceWorkerConcurrency,
            }),
          }),
        }),
      ],
      controllers: [SalesReportsController],
      providers: [
        {
          provide: SalesReports,
          inject: [Database, Client],
          useFactory: (database: Database, client: Client) =>
            new SalesReports(database, client, {
              taskQueue: salesReportTaskQueue,
              mapPartitions,
              reducePartitions,
            }),
        },
      ],
    };
  }
}
