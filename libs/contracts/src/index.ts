export * from './saga/task-queues';
export * from './saga/business-errors';
export * from './saga/place-order';
export * from './saga/activities';
export * from './http/orders';
export * from './http/catalog';
export * from './http/wallets';
