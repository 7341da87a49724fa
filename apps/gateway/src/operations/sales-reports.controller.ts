import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { SalesReport } from '@orchard/contracts';
import { SalesReportDto, SalesReportRequestDto } from '../dtos';
import { ApiUuidParam } from '../openapi/api-params';
import { RequiresRole } from '../sessions/access.decorators';
import { Upstreams } from '../upstream/upstream.module';
import { UuidPipe } from '../validation/uuid.pipe';

/**
 * Sales reports for administrators: units and revenue per product and day, and per warehouse,
 * computed in the background by a map-reduce job; read the report back until it is COMPLETED.
 */
@ApiTags('admin')
@RequiresRole('admin')
@Controller('admin/sales-reports')
export class SalesReportsController {
  constructor(private readonly upstreams: Upstreams) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SalesReportDto, description: 'RUNNING: its job has started.' })
  @ApiServiceUnavailableResponse({ description: 'Reports cannot be run right now.' })
  async request(@Body() body: SalesReportRequestDto): Promise<SalesReport> {
    return (await this.upstreams.readModel.request<SalesReport>('POST', '/sales-reports', body))
      .body;
  }

  @Get(':id')
  @ApiUuidParam('id')
  @ApiOkResponse({ type: SalesReportDto })
  @ApiNotFoundResponse({ description: 'No such report.' })
  async report(@Param('id', UuidPipe) id: string): Promise<SalesReport> {
    return (await this.upstreams.readModel.request<SalesReport>('GET', `/sales-reports/${id}`))
      .body;
  }
}
