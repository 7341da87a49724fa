import { z } from 'zod';
import { loadConfig } from '@orchard/platform/config';

const rate = z.coerce.number().min(0).max(1);

export const carrierEnvironment = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  /** Probes only: the platform's port, as for the shop's apps. */
  MANAGEMENT_PORT: z.coerce.number().int().min(1).max(65535),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The shop's webhook for status updates. */
  CARRIER_WEBHOOK_URL: z.url(),
  /** Shared with the shop: signs the updates sent and checks the handovers received. */
  CARRIER_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
  /** From handover to delivery of a parcel (a failed delivery adds half of it again). */
  CARRIER_DELIVERY_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).default(2_000),
  /** The share of parcels whose first delivery attempt fails. */
  CARRIER_FAILED_DELIVERY_RATE: rate.default(0.2),
  /** The share of updates sent twice. */
  CARRIER_DUPLICATE_RATE: rate.default(0.2),
  /** The share of updates held back and sent after the next one. */
  CARRIER_REORDER_RATE: rate.default(0.2),
});
export type CarrierConfig = z.infer<typeof carrierEnvironment>;
export const loadCarrierConfig = (): CarrierConfig => loadConfig(carrierEnvironment);
