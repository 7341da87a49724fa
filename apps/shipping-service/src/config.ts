import { loadConfig, serviceEnvironment } from '@orchard/platform';

export const shippingEnvironment = serviceEnvironment;
export type ShippingConfig = ReturnType<typeof loadShippingConfig>;
export const loadShippingConfig = () => loadConfig(shippingEnvironment);
