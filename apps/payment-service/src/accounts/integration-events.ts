import type { DomainEvent } from '@orchard/platform/outbox';
import type { AccountState } from './domain/account';
import { isPaymentEvent, type AccountEvent } from './domain/account-events';

/**
 * The integration event published for an account event. Payment events belong to the order
 * (one topic per aggregate, keyed by order id) and carry the amount, so consumers need no
 * earlier event to know what moved; wallet events belong to the customer.
 */
export function toIntegrationEvent(
  accountId: string,
  event: AccountEvent,
  account: AccountState,
): DomainEvent {
  if (isPaymentEvent(event)) {
    const { orderId } = event.data;
    return {
      type: event.type,
      version: 1,
      aggregateType: 'payment',
      aggregateId: orderId,
      data: {
        customerId: accountId,
        amountCents: account.payments.get(orderId)?.amountCents,
        ...event.data,
      },
    };
  }
  return {
    type: event.type,
    version: 1,
    aggregateType: 'wallet',
    aggregateId: accountId,
    data: { customerId: accountId, ...event.data },
  };
}
