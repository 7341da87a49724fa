import { kafkaEnvironment, loadConfig, serviceEnvironment } from '@orchard/platform';

export const inventoryEnvironment = serviceEnvironment.extend(kafkaEnvironment.shape);
export type InventoryConfig = ReturnType<typeof loadInventoryConfig>;
export const loadInventoryConfig = () => loadConfig(inventoryEnvironment);
