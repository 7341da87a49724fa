/**
 * The sales report's job, as its workflow and its workers agree on it. Free of zod: workflow
 * code imports this, and every module in the workflow bundle is evaluated again for each run.
 */

/** The queue the report's workflow and activities run on; any number of workers may poll it. */
export const salesReportTaskQueue = 'sales-reports';

export const salesReportWorkflowType = 'salesReportWorkflow';

/** The workflow id of one report: starting it twice is refused while it runs. */
export const salesReportWorkflowId = (reportId: string) => `sales-report-${reportId}`;

export interface SalesReportJob {
  reportId: string;
  /** First and last day covered (UTC, `YYYY-MM-DD`), both included. */
  from: string;
  to: string;
  /** Map tasks: each reads one range of order ids. */
  mapPartitions: number;
  /** Reduce tasks: each sums the keys that hash to it. */
  reducePartitions: number;
}

export interface MapTask {
  reportId: string;
  from: string;
  to: string;
  partition: number;
  partitions: number;
  reducePartitions: number;
}

export interface MapTaskResult {
  /** Sold orders read in this partition. */
  orders: number;
  /** Combined (key, value) pairs written to the shuffle. */
  pairs: number;
}

export interface ReduceTask {
  reportId: string;
  reducer: number;
}

export interface SalesReportActivities {
  /** Map and combine one partition of the order history; writes its pairs, keyed by reducer. */
  mapOrderPartition(task: MapTask): Promise<MapTaskResult>;
  /** Sums every pair of one reducer's keys into the report's lines; returns the lines written. */
  reduceSalesPartition(task: ReduceTask): Promise<number>;
  completeSalesReport(input: { reportId: string; orders: number }): Promise<void>;
  failSalesReport(input: { reportId: string; reason: string }): Promise<void>;
}

export interface SalesReportOutcome {
  orders: number;
  lines: number;
}
