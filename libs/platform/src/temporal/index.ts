/** Temporal workers and business failures. */
export * from './temporal-worker';
export * from './temporal-worker.module';
export * from './business-failure';
export * from './temporal-client.module';
