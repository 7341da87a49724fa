import { PoisonEventError, type EventHandler } from '@orchard/platform/kafka';
import { updateCustomerOrder, updateOrderSummary } from './order-summaries';
import { changeAvailable, upsertProduct } from './product-availability';

/**
 * The views consumer's handler: what every event type does to the views, in the event's
 * transaction (the inbox records the event in the same one, so a redelivery changes nothing).
 * A new event type fails to compile here until it is given a case.
 */
export const projectEvent: EventHandler = async (event, { tx }) => {
  switch (event.type) {
    case 'order.placed':
    case 'order.confirmed':
    case 'order.rejected':
    case 'order.cancelled':
    case 'order.failed':
    case 'order.shipped':
    case 'order.delivered': {
      const summary = await updateOrderSummary(tx, event);
      await updateCustomerOrder(tx, summary, event.occurredAt);
      return;
    }
    case 'payment.authorized':
    case 'payment.declined':
    case 'payment.captured':
    case 'payment.voided':
    case 'payment.refunded':
    case 'stock.committed':
    case 'shipment.created':
    case 'shipment.cancelled':
    case 'shipment.dispatched':
    case 'shipment.delivered':
      await updateOrderSummary(tx, event);
      return;
    // Reserved units leave on_hand, released ones come back; committed ones were already gone.
    case 'stock.reserved':
      await updateOrderSummary(tx, event);
      await changeAvailable(
        tx,
        event.data.lines.map((l) => ({ sku: l.sku, delta: -l.quantity })),
        event.occurredAt,
      );
      return;
    case 'stock.released':
      await updateOrderSummary(tx, event);
      await changeAvailable(
        tx,
        event.data.lines.map((l) => ({ sku: l.sku, delta: l.quantity })),
        event.occurredAt,
      );
      return;
    case 'product.upserted':
      await upsertProduct(tx, event);
      return;
    case 'stock.adjusted':
      await changeAvailable(
        tx,
        [{ sku: event.data.sku, delta: event.data.delta }],
        event.occurredAt,
      );
      return;
    // Below its threshold shows in the view itself (available, low_stock_threshold), and no
    // view shows wallets: their events are read so that every topic is covered. Alerts are
    // this service's own (the shop metrics raise them), served from the metrics' tables.
    case 'stock.low':
    case 'account.opened':
    case 'funds.deposited':
    case 'alert.raised':
      return;
    default:
      return unhandled(event);
  }
};

function unhandled(event: never): never {
  throw new PoisonEventError(`no view handles ${(event as { type: string }).type}`);
}
