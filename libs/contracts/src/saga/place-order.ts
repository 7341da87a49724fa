import type { ShippingAddress } from '../http/orders';

export interface OrderLineRequest {
  sku: string;
  quantity: number;
}

export interface PlaceOrderInput {
  orderId: string;
  customerId: string;
  items: OrderLineRequest[];
  shippingAddress: ShippingAddress;
}

export type SagaOutcome =
  | { status: 'CONFIRMED'; totalCents: number }
  | { status: 'SHIPPED' }
  | { status: 'REJECTED'; reason: string }
  | { status: 'CANCELLED'; reason: string };

/** Workflow ids derive from the order id, so starting the saga twice starts it once. */
export const orderWorkflowId = (orderId: string): string => `order-${orderId}`;

export const placeOrderWorkflowType = 'placeOrderWorkflow';
export const cancelOrderSignalName = 'cancelOrder';
export const orderShippedSignalName = 'orderShipped';
export const sagaStepQueryName = 'sagaStep';
