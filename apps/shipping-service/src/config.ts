import { z } from 'zod';
import { kafkaEnvironment, loadConfig, serviceEnvironment } from '@orchard/platform/config';

export const shippingEnvironment = serviceEnvironment.extend(kafkaEnvironment.shape).extend({
  /** How long the simulated carrier takes from dispatch to delivery of a parcel. */
  CARRIER_DELIVERY_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).default(2_000),
});
export type ShippingConfig = ReturnType<typeof loadShippingConfig>;
export const loadShippingConfig = () => loadConfig(shippingEnvironment);
