/** kafkajs's errors that mean the brokers could not be reached, whatever wraps them. */
const outageNames = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
]);

/** …and their words, where kafkajs wraps them in a KafkaJSNonRetriableError of its own. */
const outageWords =
  /failed to find group coordinator|connection error|connection timeout|ECONNREFUSED|not the correct coordinator|no leader for this topic-partition|coordinator (is )?not available/i;

/**
 * Whether a consumer's crash comes from the brokers being unreachable (all stopped, a
 * partition, a coordinator moving) rather than from the consumer itself: such a crash ends
 * when the brokers are back, and a consumer should then go on, not stop for good.
 */
export function isBrokerOutage(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 10; depth++) {
    if (outageNames.has(cause.name) || outageWords.test(cause.message)) return true;
    cause = (cause as Error & { cause?: unknown }).cause;
  }
  return false;
}
