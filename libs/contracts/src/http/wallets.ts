import { z } from 'zod';
import { limits } from '../limits';

export const DepositRequest = z
  .object({ amountCents: z.number().int().min(1).max(limits.maxDepositCents) })
  .strict();
export type DepositRequest = z.infer<typeof DepositRequest>;

/**
 * What the gateway asks the payment service for. The deposit id, when given, makes it
 * idempotent: a retry deposits nothing more (the gateway derives it from the Idempotency-Key).
 */
export const DepositCommand = z
  .object({ depositId: z.uuid().optional(), amountCents: DepositRequest.shape.amountCents })
  .strict();
export type DepositCommand = z.infer<typeof DepositCommand>;

export const WalletView = z.object({
  customerId: z.uuid(),
  balanceCents: z.number().int(),
  heldCents: z.number().int(),
  version: z.number().int(),
});
export type WalletView = z.infer<typeof WalletView>;
