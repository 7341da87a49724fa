import { z } from 'zod';
import { kafkaEnvironment, loadConfig, serviceEnvironment } from '@orchard/platform/config';

export const shippingEnvironment = serviceEnvironment.extend(kafkaEnvironment.shape).extend({
  /** The carrier's API, where parcels that left are handed over. */
  CARRIER_URL: z.url(),
  /** Shared with the carrier: signs the handovers, checks the updates on its webhook. */
  CARRIER_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
  /** How long the carrier may say nothing of a parcel on its way before it is handed over again. */
  CARRIER_SILENCE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(10_000),
});
export type ShippingConfig = ReturnType<typeof loadShippingConfig>;
export const loadShippingConfig = () => loadConfig(shippingEnvironment);
