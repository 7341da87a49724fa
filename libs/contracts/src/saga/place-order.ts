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
  | { status: 'CANCELLED'; reason: string }
  | { status: 'FAILED'; reason: string };

/**
 * The saga's forward steps, as its `sagaStep` query and a technical failure's reason name them
 * (`authorizing payment: …`). A closed set, so they can label metrics.
 */
export const sagaSteps = [
  'reserving stock',
  'authorizing payment',
  'creating shipment',
  'capturing payment',
  'confirming order',
] as const;
export type SagaStep = (typeof sagaSteps)[number];

/** Workflow ids derive from the order id, so starting the saga twice starts it once. */
export const orderWorkflowId = (orderId: string): string => `order-${orderId}`;

export const placeOrderWorkflowType = 'placeOrderWorkflow';
export const cancelOrderSignalName = 'cancelOrder';
export const orderShippedSignalName = 'orderShipped';
export const sagaStepQueryName = 'sagaStep';
/** An operator's command: try the compensations that could not complete once more. */
export const retryCompensationsSignalName = 'retryCompensations';
