import { kafkaEnvironment, loadConfig, serviceEnvironment } from '@orchard/platform/config';

export const orderEnvironment = serviceEnvironment.extend(kafkaEnvironment.shape);
export type OrderConfig = ReturnType<typeof loadOrderConfig>;
export const loadOrderConfig = () => loadConfig(orderEnvironment);
