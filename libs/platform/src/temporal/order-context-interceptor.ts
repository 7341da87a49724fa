import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptors,
  Next,
} from '@temporalio/worker';
import { withOrderId } from '../logging/log-context';

/** Every saga activity takes `{ orderId, … }`: its logs and span name the order. */
class OrderContextInterceptor implements ActivityInboundCallsInterceptor {
  execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    const orderId = orderIdOf(input.args[0]);
    if (!orderId) return next(input);
    return withOrderId(orderId, () => next(input));
  }
}

function orderIdOf(argument: unknown): string | undefined {
  if (typeof argument !== 'object' || argument === null) return undefined;
  const { orderId } = argument as { orderId?: unknown };
  return typeof orderId === 'string' ? orderId : undefined;
}

export const orderContextInterceptors = (): ActivityInterceptors => ({
  inbound: new OrderContextInterceptor(),
});
