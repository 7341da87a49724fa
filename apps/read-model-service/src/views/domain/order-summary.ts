import type {
  EventOfType,
  OrderEvent,
  OrderStatus,
  PaymentEvent,
  PaymentStatus,
  ReservationStatus,
  ShipmentEvent,
  ShipmentStatus,
} from '@orchard/contracts';

export interface SummaryItem {
  sku: string;
  quantity: number;
  unitPriceCents: number | null;
}

export interface Parcel {
  parcelId: string;
  warehouse: string;
  items: { sku: string; quantity: number }[];
  status: ShipmentStatus;
}

export interface HistoryEntry {
  status: OrderStatus;
  reason: string | null;
  at: string;
}

/** What the events say about one order. Each group of fields belongs to one topic's events. */
export interface OrderSummaryState {
  orderId: string;
  // order.events
  customerId: string | null;
  status: OrderStatus | null;
  reason: string | null;
  totalCents: number | null;
  items: SummaryItem[];
  history: HistoryEntry[];
  placedAt: string | null;
  // payment.events
  payment: { status: PaymentStatus; amountCents: number } | null;
  // inventory.events (the order's reservation)
  reservationStatus: ReservationStatus | null;
  // shipment.events
  shipment: { shipmentId: string; status: ShipmentStatus; parcels: Parcel[] } | null;
}

/** The events that change an order's summary: all keyed by order id. */
export type OrderSummaryEvent =
  | OrderEvent
  | PaymentEvent
  | ShipmentEvent
  | EventOfType<'stock.reserved' | 'stock.released' | 'stock.committed'>;

/** An event that contradicts what the summary knows, though its topic keeps each order's order. */
export class ContradictingEventError extends Error {}

export const emptySummary = (orderId: string): OrderSummaryState => ({
  orderId,
  customerId: null,
  status: null,
  reason: null,
  totalCents: null,
  items: [],
  history: [],
  placedAt: null,
  payment: null,
  reservationStatus: null,
  shipment: null,
});

/**
 * The summary after one more event. Each event changes only the fields of its own topic, and
 * a topic delivers one order's events in the order they happened, so applying events of
 * different topics in any interleaving ends in the same summary.
 */
export function applyToSummary(
  summary: OrderSummaryState,
  event: OrderSummaryEvent,
): OrderSummaryState {
  switch (event.type) {
    case 'order.placed':
      return {
        ...withStatus(summary, 'PENDING', null, event.occurredAt),
        customerId: event.data.customerId,
        placedAt: event.occurredAt,
        items: event.data.items
          .map(({ sku, quantity }) => ({ sku, quantity, unitPriceCents: null }))
          .sort(bySku),
      };
    case 'order.confirmed':
      return {
        ...withStatus(summary, event.data.status, event.data.reason, event.occurredAt),
        totalCents: event.data.totalCents,
        items: priced(summary.items, event.data.lines),
      };
    case 'order.rejected':
    case 'order.cancelled':
    case 'order.failed':
    case 'order.shipped':
    case 'order.delivered':
      return withStatus(summary, event.data.status, event.data.reason, event.occurredAt);
    case 'payment.authorized':
      return withPayment(summary, 'AUTHORIZED', event.data.amountCents);
    case 'payment.declined':
      return withPayment(summary, 'DECLINED', event.data.amountCents);
    case 'payment.captured':
      return withPayment(summary, 'CAPTURED', event.data.amountCents);
    case 'payment.voided':
      return withPayment(summary, 'VOIDED', event.data.amountCents);
    case 'payment.refunded':
      return withPayment(summary, 'REFUNDED', event.data.amountCents);
    case 'stock.reserved':
      return { ...summary, reservationStatus: 'RESERVED' };
    case 'stock.released':
      return { ...summary, reservationStatus: 'RELEASED' };
    case 'stock.committed':
      return { ...summary, reservationStatus: 'COMMITTED' };
    case 'shipment.created': {
      const parcels = event.data.parcels.map((p) => ({ ...p, status: 'CREATED' as const }));
      return {
        ...summary,
        shipment: { shipmentId: event.data.shipmentId, status: 'CREATED', parcels },
      };
    }
    case 'shipment.cancelled':
      return withParcels(summary, (parcels) =>
        parcels.map((p) => ({ ...p, status: 'CANCELLED' as const })),
      );
    case 'shipment.dispatched': {
      const { shipmentId, parcelId, warehouse, items } = event.data;
      const known = summary.shipment ?? { shipmentId, status: 'CREATED' as const, parcels: [] };
      const parcels = known.parcels.some((p) => p.parcelId === parcelId)
        ? known.parcels
        : [...known.parcels, { parcelId, warehouse, items, status: 'CREATED' as const }];
      return withParcels({ ...summary, shipment: { ...known, parcels } }, (all) =>
        all.map((p) => (p.parcelId === parcelId ? { ...p, status: 'DISPATCHED' as const } : p)),
      );
    }
    case 'shipment.delivered': {
      const { parcelId } = event.data;
      if (!summary.shipment?.parcels.some((p) => p.parcelId === parcelId))
        throw new ContradictingEventError(
          `parcel ${parcelId} of order ${summary.orderId} was delivered but never dispatched`,
        );
      return withParcels(summary, (all) =>
        all.map((p) => (p.parcelId === parcelId ? { ...p, status: 'DELIVERED' as const } : p)),
      );
    }
    default:
      return unhandled(event);
  }
}

/** DISPATCHED once any parcel left, DELIVERED once every one arrived. */
export function shipmentStatusOf(parcels: readonly Parcel[]): ShipmentStatus {
  if (parcels.length > 0 && parcels.every((p) => p.status === 'CANCELLED')) return 'CANCELLED';
  if (parcels.length > 0 && parcels.every((p) => p.status === 'DELIVERED')) return 'DELIVERED';
  if (parcels.some((p) => p.status === 'DISPATCHED' || p.status === 'DELIVERED'))
    return 'DISPATCHED';
  return 'CREATED';
}

const bySku = (a: { sku: string }, b: { sku: string }) =>
  a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;

function withStatus(
  summary: OrderSummaryState,
  status: OrderStatus,
  reason: string | null,
  at: string,
): OrderSummaryState {
  return { ...summary, status, reason, history: [...summary.history, { status, reason, at }] };
}

/** The items with the prices the reservation fixed. */
function priced(
  items: readonly SummaryItem[],
  lines: readonly { sku: string; unitPriceCents: number }[],
): SummaryItem[] {
  const prices = new Map(lines.map((line) => [line.sku, line.unitPriceCents]));
  return items.map((item) => ({ ...item, unitPriceCents: prices.get(item.sku) ?? null }));
}

function withPayment(
  summary: OrderSummaryState,
  status: PaymentStatus,
  amountCents: number,
): OrderSummaryState {
  return { ...summary, payment: { status, amountCents } };
}

function withParcels(
  summary: OrderSummaryState,
  change: (parcels: Parcel[]) => Parcel[],
): OrderSummaryState {
  if (!summary.shipment) return summary;
  const parcels = change(summary.shipment.parcels);
  return {
    ...summary,
    shipment: { ...summary.shipment, parcels, status: shipmentStatusOf(parcels) },
  };
}

/** A compile error when a summary event type is added without a case above. */
function unhandled(event: never): never {
  throw new Error(`no summary change for ${(event as { type: string }).type}`);
}
