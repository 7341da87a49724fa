import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { SalesReportRequest, type SalesReport } from '@orchard/contracts';
import { NotFoundError } from '@orchard/platform/http';
import { ZodValidationPipe } from 'nestjs-zod';
import { SalesReports } from './sales-reports.service';

const reportRequest = new ZodValidationPipe(SalesReportRequest);

/** Sales reports: requested, then read back until they are COMPLETED (or FAILED). */
@Controller('sales-reports')
export class SalesReportsController {
  constructor(private readonly reports: SalesReports) {}

  /** 202: the report is computed in the background; its `id` is where to read it. */
  @Post()
  @HttpCode(202)
  request(@Body(reportRequest) request: SalesReportRequest): Promise<SalesReport> {
    return this.reports.request(request);
  }

  @Get(':id')
  async report(@Param('id', new ParseUUIDPipe()) id: string): Promise<SalesReport> {
    const report = await this.reports.find(id);
    if (!report) throw new NotFoundError(`no sales report ${id}`);
    return report;
  }
}
