import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller';
import { StockLevelsController } from './stock-levels.controller';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';

@Module({
  controllers: [CatalogController, StockLevelsController],
  providers: [CatalogRepository, CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}
