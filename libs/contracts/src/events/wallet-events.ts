import { z } from 'zod';
import { defineEvent, type EventOf } from './define-event';
import { PositiveCents } from './shared-data';

/**
 * Wallet events belong to the customer (topic `wallet.events`, keyed by customer id). Their
 * type names are the payment service's account events, published as they are.
 */

export const accountOpenedV1 = defineEvent({
  type: 'account.opened',
  version: 1,
  aggregateType: 'wallet',
  data: z.object({ customerId: z.uuid() }),
});
export type AccountOpenedV1 = EventOf<typeof accountOpenedV1>;

export const fundsDepositedV1 = defineEvent({
  type: 'funds.deposited',
  version: 1,
  aggregateType: 'wallet',
  data: z.object({ customerId: z.uuid(), amountCents: PositiveCents }),
});
export type FundsDepositedV1 = EventOf<typeof fundsDepositedV1>;

export const walletEventContracts = [accountOpenedV1, fundsDepositedV1] as const;
