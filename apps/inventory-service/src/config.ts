import { loadConfig, serviceEnvironment } from '@orchard/platform';

export const inventoryEnvironment = serviceEnvironment;
export type InventoryConfig = ReturnType<typeof loadInventoryConfig>;
export const loadInventoryConfig = () => loadConfig(inventoryEnvironment);
