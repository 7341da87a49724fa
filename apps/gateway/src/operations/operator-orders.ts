import { Logger } from '@nestjs/common';
import {
  orderWorkflowId,
  type OperatorOrder,
  type OrderInStatus,
  type OrdersInStatusRequest,
  type Page,
  type SagaProgress,
} from '@orchard/contracts';
import { Upstreams } from '../upstream/upstream.module';

/** A saga in one of these may still be running; one in any other status has finished. */
const sagaMayRun = new Set(['PENDING', 'CONFIRMED', 'SHIPPED']);

/** Each saga gets this long to say its step; the page does not wait longer for a slow one. */
const stepDeadlineMs = 1_500;

/**
 * Orders in one status from the read model, each with its saga's current step asked of the
 * order service (which queries the workflow) in parallel. A step that cannot be had is null:
 * the list is still served.
 */
export class OperatorOrders {
  private readonly logger = new Logger(OperatorOrders.name);

  constructor(
    private readonly upstreams: Upstreams,
    /** A Temporal namespace's page in Temporal's UI, where one is deployed. */
    private readonly temporalUiUrl: string | undefined,
  ) {}

  async page(request: OrdersInStatusRequest): Promise<Page<OperatorOrder>> {
    const query = new URLSearchParams({ status: request.status, limit: String(request.limit) });
    if (request.cursor) query.set('cursor', request.cursor);
    const { body: page } = await this.upstreams.readModel.request<Page<OrderInStatus>>(
      'GET',
      `/orders?${query.toString()}`,
    );
    const items = await Promise.all(page.items.map((order) => this.withSaga(order)));
    return { items, nextCursor: page.nextCursor };
  }

  private async withSaga(order: OrderInStatus): Promise<OperatorOrder> {
    const workflowId = orderWorkflowId(order.orderId);
    return {
      ...order,
      sagaStep: sagaMayRun.has(order.status) ? await this.stepOf(order.orderId) : null,
      temporalUrl: this.temporalUiUrl ? `${this.temporalUiUrl}/workflows/${workflowId}` : null,
    };
  }

  private async stepOf(orderId: string): Promise<string | null> {
    try {
      const { body } = await this.upstreams.order.request<SagaProgress>(
        'GET',
        `/orders/${orderId}/saga`,
        undefined,
        stepDeadlineMs,
      );
      return body.step;
    } catch (error) {
      this.logger.warn(`order ${orderId}: its saga's step could not be had: ${String(error)}`);
      return null;
    }
  }
}
