import { kafkaEnvironment, loadConfig, serviceEnvironment } from '@orchard/platform/config';
import { lockEnvironment } from '@orchard/platform/locks';
import { redisEnvironment } from '@orchard/platform/redis';

/** Redis holds the per-SKU stock locks that reservations take. */
export const inventoryEnvironment = serviceEnvironment
  .extend(kafkaEnvironment.shape)
  .extend(redisEnvironment.shape)
  .extend(lockEnvironment.shape);
export type InventoryConfig = ReturnType<typeof loadInventoryConfig>;
export const loadInventoryConfig = () => loadConfig(inventoryEnvironment);
