import { z } from 'zod';

export const DepositRequest = z
  .object({ amountCents: z.number().int().min(1).max(1_000_000_00) })
  .strict();
export type DepositRequest = z.infer<typeof DepositRequest>;

export const WalletView = z.object({
  customerId: z.uuid(),
  balanceCents: z.number().int(),
  heldCents: z.number().int(),
  version: z.number().int(),
});
export type WalletView = z.infer<typeof WalletView>;
