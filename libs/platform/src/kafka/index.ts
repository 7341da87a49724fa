/** Consuming events: the consumer with its inbox and dead letters. */
export * from './consumer-names';
export * from './errors';
export * from './dead-letter';
export * from './process-message';
export * from './event-consumer';
export * from './event-consumer.provider';
