/** Each service polls its own task queue; the order service's queue also runs the workflows. */
export const taskQueues = {
  order: 'order-service',
  inventory: 'inventory-service',
  payment: 'payment-service',
  shipping: 'shipping-service',
} as const;
