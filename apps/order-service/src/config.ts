import { loadConfig, serviceEnvironment } from '@orchard/platform';

export const orderEnvironment = serviceEnvironment;
export type OrderConfig = ReturnType<typeof loadOrderConfig>;
export const loadOrderConfig = () => loadConfig(orderEnvironment);
