/** Writing events to the service's outbox, and keeping it bounded. */
export * from './outbox';
export * from './outbox-pruner';
export * from './outbox-pruning.module';
