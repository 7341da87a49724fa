/** Writing events to the service's outbox. */
export * from './outbox';
