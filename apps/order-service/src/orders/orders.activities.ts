import type { OrderActivities } from '@orchard/contracts';
import type { OrdersService } from './orders.service';

/** The order's own steps of the saga: the outcome recorded where the order lives. */
export function createOrderActivities(orders: OrdersService): OrderActivities {
  return {
    confirmOrder: ({ orderId, reservation }) => orders.confirm(orderId, reservation),
    rejectOrder: ({ orderId, reason }) => orders.reject(orderId, reason),
    cancelOrder: ({ orderId, reason }) => orders.cancel(orderId, reason),
  };
}
