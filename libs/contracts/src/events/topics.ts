/**
 * Every aggregate type that publishes events. Each has one topic, keyed by aggregate id, so
 * the events of one order (or wallet, or SKU) are read in the order they were written.
 */
export const aggregateTypes = [
  'order',
  'payment',
  'wallet',
  'inventory',
  'shipment',
  'alert',
] as const;
export type AggregateType = (typeof aggregateTypes)[number];

export type EventTopic = `${AggregateType}.events`;

/** The topic Debezium's outbox router writes an aggregate type's events to. */
export const topicOf = <A extends AggregateType>(aggregateType: A): `${A}.events` =>
  `${aggregateType}.events`;

export const eventTopics: readonly EventTopic[] = aggregateTypes.map(topicOf);
