import { Module, type DynamicModule } from '@nestjs/common';
import { Database } from '@orchard/platform/database';
import { QueriesController } from './queries.controller';
import { QueriesRepository } from './queries.repository';
import { ReplicaReads } from './replica-reads';

/** The queries over the views, read where READ_DATABASE_URL says (see ReplicaReads). */
@Module({})
export class QueriesModule {
  static reading(urls: { primary: string; reads: string }): DynamicModule {
    return {
      module: QueriesModule,
      controllers: [QueriesController],
      providers: [
        {
          provide: ReplicaReads,
          inject: [Database],
          useFactory: (primary: Database) => new ReplicaReads(primary, urls.primary, urls.reads),
        },
        {
          provide: QueriesRepository,
          inject: [ReplicaReads],
          useFactory: (reads: ReplicaReads) => new QueriesRepository(reads.database),
        },
      ],
    };
  }
}
