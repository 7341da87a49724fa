import { Logger } from '@nestjs/common';
import { orderSummaryChangesChannel, type OrchardEvent } from '@orchard/contracts';
import { orderIdOf } from '@orchard/platform/kafka';
import type Redis from 'ioredis';

/**
 * Once an event's effect on the views has committed, names the order whose summary it changed,
 * so that copies of the summary held elsewhere (the gateway's) are dropped at once rather than
 * when they expire. Best effort: a lost announcement only means a copy lives out its short life.
 */
export function announceSummaryChanges(redis: Redis): (event: OrchardEvent) => void {
  const logger = new Logger('SummaryChanges');
  let failing = false;
  return (event) => {
    const orderId = orderIdOf(event);
    if (!orderId) return;
    redis.publish(orderSummaryChangesChannel, orderId).then(
      () => {
        if (failing) logger.log('changed summaries are announced again');
        failing = false;
      },
      (error: unknown) => {
        if (!failing) logger.warn(`changed summaries are not announced: ${String(error)}`);
        failing = true;
      },
    );
  };
}
