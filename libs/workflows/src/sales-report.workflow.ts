import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type {
  SalesReportActivities,
  SalesReportJob,
  SalesReportOutcome,
} from '@orchard/contracts/reports';

/**
 * Each task heartbeats as it reads, so a task whose worker died is handed to another worker
 * after 10 s, not after its whole time budget. Tasks are idempotent (each replaces its own
 * output), so a retry after a crash counts nothing twice. Activities run on the workflow's own
 * task queue: whatever polls it runs the whole job.
 */
const tasks = proxyActivities<SalesReportActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 10,
  },
});

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

/**
 * The sales report in the map-reduce shape: every map task reads one partition of the order
 * history and writes its combined pairs keyed by reducer (the shuffle); once all are written,
 * every reduce task sums its keys. Both phases fan out across whatever workers poll the queue.
 */
export async function salesReportWorkflow(job: SalesReportJob): Promise<SalesReportOutcome> {
  const { reportId, from, to, mapPartitions, reducePartitions } = job;
  try {
    const mapped = await Promise.all(
      range(mapPartitions).map((partition) =>
        tasks.mapOrderPartition({
          reportId,
          from,
          to,
          partition,
          partitions: mapPartitions,
          reducePartitions,
        }),
      ),
    );
    const reduced = await Promise.all(
      range(reducePartitions).map((reducer) => tasks.reduceSalesPartition({ reportId, reducer })),
    );
    const orders = mapped.reduce((sum, result) => sum + result.orders, 0);
    await tasks.completeSalesReport({ reportId, orders });
    return { orders, lines: reduced.reduce((sum, lines) => sum + lines, 0) };
  } catch (error) {
    // The report says it failed, so nobody waits on it forever; the workflow fails too.
    const reason = error instanceof Error ? error.message : String(error);
    await tasks.failSalesReport({ reportId, reason });
    throw ApplicationFailure.nonRetryable(`sales report ${reportId} failed: ${reason}`);
  }
}
