import type { SalesReportActivities } from '@orchard/contracts/reports';
import type { Database } from '@orchard/platform/database';
import type { TemporalWorkerOptions } from '@orchard/platform/temporal';
import { SalesReportTasks } from './sales-report.tasks';

/**
 * What polls the report queue, in the service and in a worker of its own alike: the report's
 * workflow and its map and reduce tasks. Each worker added takes its share of a job's tasks.
 */
export function salesReportWorker(
  database: Database,
  options: { taskQueue: string; concurrency: number },
): Pick<TemporalWorkerOptions, 'taskQueue' | 'activities' | 'workflowsPath' | 'tuning'> {
  const tasks = new SalesReportTasks(database);
  // Temporal registers the functions an object holds as its own properties: methods, bound.
  const activities: SalesReportActivities = {
    mapOrderPartition: tasks.mapOrderPartition.bind(tasks),
    reduceSalesPartition: tasks.reduceSalesPartition.bind(tasks),
    completeSalesReport: tasks.completeSalesReport.bind(tasks),
    failSalesReport: tasks.failSalesReport.bind(tasks),
  };
  return {
    taskQueue: options.taskQueue,
    activities,
    workflowsPath: require.resolve('@orchard/workflows/dist/reports'),
    tuning: { maxConcurrentActivityTaskExecutions: options.concurrency },
  };
}
