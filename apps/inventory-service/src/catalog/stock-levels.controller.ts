import { Controller, Get } from '@nestjs/common';
import type { StockLevel } from '@orchard/contracts';
import { CatalogRepository } from './catalog.repository';

/** Stock as inventory holds it, for operators: the read model's copy may trail it. */
@Controller('stock-levels')
export class StockLevelsController {
  constructor(private readonly catalog: CatalogRepository) {}

  @Get()
  list(): Promise<StockLevel[]> {
    return this.catalog.stockLevels();
  }
}
