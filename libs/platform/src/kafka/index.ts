/**
 * Consuming events: the consumer with its inbox, bounded retries and dead letters; and the
 * consumer groups' progress (lag) as Kafka knows it.
 */
export * from './consumer-names';
export * from './errors';
export * from './handler-failures';
export * from './inbox-pruner';
export * from './dead-letter';
export * from './process-message';
export * from './event-consumer';
export * from './event-consumer.provider';
export * from './kafka-logging';
export * from './consumer-progress/consumer-group-progress';
export * from './consumer-progress/consumer-lag';
