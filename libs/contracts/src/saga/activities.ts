import type { OrderLineRequest } from './place-order';
import type { ShippingAddress } from '../http/orders';

/** A reserved line, priced by the inventory service: prices never come from the client. */
export interface ReservedLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
  warehouse: string;
}

export interface Reservation {
  lines: ReservedLine[];
  totalCents: number;
}

export interface InventoryActivities {
  reserveStock(input: { orderId: string; items: OrderLineRequest[] }): Promise<Reservation>;
  releaseStock(input: { orderId: string }): Promise<void>;
}

export interface PaymentActivities {
  authorizePayment(input: {
    orderId: string;
    customerId: string;
    amountCents: number;
  }): Promise<void>;
  capturePayment(input: { orderId: string }): Promise<void>;
  voidPayment(input: { orderId: string }): Promise<void>;
  refundPayment(input: { orderId: string }): Promise<void>;
}

export interface ShipmentPlan {
  shipmentId: string;
  parcels: { warehouse: string; items: { sku: string; quantity: number }[] }[];
}

export interface ShippingActivities {
  createShipment(input: {
    orderId: string;
    lines: ReservedLine[];
    shippingAddress: ShippingAddress;
  }): Promise<ShipmentPlan>;
  cancelShipment(input: { orderId: string }): Promise<void>;
}

/** A compensation that ran out of attempts: the saga waits for an operator to retry it. */
export interface StuckCompensation {
  orderId: string;
  /** The compensation's name, e.g. `release stock`. */
  compensation: string;
  /** Its last error, as Temporal reported it. */
  error: string;
}

export interface OrderActivities {
  confirmOrder(input: { orderId: string; reservation: Reservation }): Promise<void>;
  rejectOrder(input: { orderId: string; reason: string }): Promise<void>;
  cancelOrder(input: { orderId: string; reason: string }): Promise<void>;
  failOrder(input: { orderId: string; reason: string }): Promise<void>;
  reportCompensationStuck(input: StuckCompensation): Promise<void>;
  reportCompensationResolved(input: { orderId: string }): Promise<void>;
}
