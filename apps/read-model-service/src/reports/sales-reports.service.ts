import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  salesReportWorkflowId,
  salesReportWorkflowType,
  type SalesReport,
  type SalesReportJob,
  type SalesReportRequest,
} from '@orchard/contracts';
import type { Database } from '@orchard/platform/database';
import { RetryLaterError } from '@orchard/platform/http';
import type { Client } from '@temporalio/client';

/** How a report's job is run: where its workers poll, and how it is cut into tasks. */
export interface SalesReportSettings {
  taskQueue: string;
  mapPartitions: number;
  reducePartitions: number;
}

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);

/** Requests sales reports (each one a workflow) and reads them back. */
export class SalesReports {
  private readonly logger = new Logger(SalesReports.name);

  constructor(
    private readonly database: Database,
    private readonly temporal: Client,
    private readonly settings: SalesReportSettings,
  ) {}

  /** Records the report as running and starts its job; a report whose job cannot start failed. */
  async request(request: SalesReportRequest): Promise<SalesReport> {
    const reportId = randomUUID();
    await this.database.query(
      `insert into sales_reports (id, date_from, date_to, status) values ($1, $2, $3, 'RUNNING')`,
      [reportId, request.from, request.to],
    );
    const job: SalesReportJob = {
      reportId,
      ...request,
      mapPartitions: this.settings.mapPartitions,
      reducePartitions: this.settings.reducePartitions,
    };
    try {
      await this.temporal.workflow.start(salesReportWorkflowType, {
        taskQueue: this.settings.taskQueue,
        workflowId: salesReportWorkflowId(reportId),
        args: [job],
      });
    } catch (error) {
      this.logger.warn(`sales report ${reportId} could not start: ${String(error)}`);
      await this.database.query(
        `update sales_reports set status = 'FAILED', reason = $2, completed_at = now() where id = $1`,
        [reportId, 'its job could not be started'],
      );
      throw new RetryLaterError(503, 'reports-unavailable', 'reports cannot be run right now', 5);
    }
    const report = await this.find(reportId);
    if (!report) throw new Error(`sales report ${reportId} vanished as it was requested`);
    return report;
  }

  async find(reportId: string): Promise<SalesReport | null> {
    const [report] = await this.database.query<Row>(
      `select id, to_char(date_from, 'YYYY-MM-DD') as "from", to_char(date_to, 'YYYY-MM-DD') as "to",
              status, reason, orders, requested_at, completed_at
         from sales_reports where id = $1`,
      [reportId],
    );
    if (!report) return null;
    const lines = await this.database.query<Row>(
      `select kind, to_char(day, 'YYYY-MM-DD') as day, key, units, revenue_cents
         from sales_report_lines where report_id = $1 order by day, kind, key`,
      [reportId],
    );
    const figures = (line: Row) => ({
      day: line['day'] as string,
      units: line['units'] as number,
      revenueCents: line['revenue_cents'] as number,
    });
    return {
      id: reportId,
      from: report['from'] as string,
      to: report['to'] as string,
      status: report['status'] as SalesReport['status'],
      reason: report['reason'] as string | null,
      orders: report['orders'] as number | null,
      requestedAt: iso(report['requested_at']) ?? '',
      completedAt: iso(report['completed_at']),
      products: lines
        .filter((line) => line['kind'] === 'product')
        .map((line) => ({ ...figures(line), sku: line['key'] as string })),
      warehouses: lines
        .filter((line) => line['kind'] === 'warehouse')
        .map((line) => ({ ...figures(line), warehouse: line['key'] as string })),
    };
  }
}
