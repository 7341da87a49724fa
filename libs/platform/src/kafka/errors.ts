import { KafkaJSError, type KafkaJSErrorMetadata } from 'kafkajs';

/**
 * Thrown by a handler for an event it can never process, however often it is retried (it
 * contradicts what the service knows, say). The event goes to the dead-letter topic, its
 * effects are rolled back, and the consumer carries on with the next one.
 */
export class PoisonEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonEventError';
  }
}

/**
 * A failure of the infrastructure while processing an event (database down, a deadlock), wrapped
 * so that kafkajs always retries it: it gives up on non-retriable errors and on TypeError and
 * its kind, which would stop the partition for good. The offset is not committed, so nothing is
 * lost, and the message comes again for as long as the fault lasts.
 */
export class TransientEventError extends KafkaJSError {
  override readonly name = 'TransientEventError';

  constructor(message: string, cause: unknown) {
    // kafkajs reads `cause` (its crash log names the original error); its typings omit it.
    const metadata = { retriable: true, cause } as KafkaJSErrorMetadata;
    super(message, metadata);
  }
}
