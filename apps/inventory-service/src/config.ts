import {
  kafkaEnvironment,
  loadConfig,
  lockEnvironment,
  redisEnvironment,
  serviceEnvironment,
} from '@orchard/platform';

/** Redis holds the per-SKU stock locks that reservations take. */
export const inventoryEnvironment = serviceEnvironment
  .extend(kafkaEnvironment.shape)
  .extend(redisEnvironment.shape)
  .extend(lockEnvironment.shape);
export type InventoryConfig = ReturnType<typeof loadInventoryConfig>;
export const loadInventoryConfig = () => loadConfig(inventoryEnvironment);
