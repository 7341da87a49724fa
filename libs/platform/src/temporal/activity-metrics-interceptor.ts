import { Context } from '@temporalio/activity';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptors,
  Next,
} from '@temporalio/worker';
import { recordActivity } from '../metrics/work-metrics';

/** Counts each activity attempt this worker ran: the work per instance of a task queue. */
class ActivityMetricsInterceptor implements ActivityInboundCallsInterceptor {
  async execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    const activity = Context.current().info.activityType;
    try {
      const result = await next(input);
      recordActivity(activity, 'completed');
      return result;
    } catch (error) {
      recordActivity(activity, 'failed');
      throw error;
    }
  }
}

export const activityMetricsInterceptors = (): ActivityInterceptors => ({
  inbound: new ActivityMetricsInterceptor(),
});
