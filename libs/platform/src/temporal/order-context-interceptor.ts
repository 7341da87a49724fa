import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptors,
  Next,
} from '@temporalio/worker';
import { orderIdIn, withOrderId } from '../logging/log-context';

/** Every saga activity takes `{ orderId, … }`: its logs and span name the order. */
class OrderContextInterceptor implements ActivityInboundCallsInterceptor {
  execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    const orderId = orderIdIn(input.args[0]);
    if (!orderId) return next(input);
    return withOrderId(orderId, () => next(input));
  }
}

export const orderContextInterceptors = (): ActivityInterceptors => ({
  inbound: new OrderContextInterceptor(),
});
