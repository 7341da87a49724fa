import { Module } from '@nestjs/common';
import { QueriesController } from './queries.controller';
import { QueriesRepository } from './queries.repository';

@Module({
  controllers: [QueriesController],
  providers: [QueriesRepository],
})
export class QueriesModule {}
