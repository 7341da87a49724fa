/** A message as the benchmark's handler sees it, whatever the client. */
export interface Received {
  key: string;
  value: Buffer;
  partition: number;
}

/**
 * One Kafka client, driven the way EventConsumer drives one: a consumer group from the earliest
 * offset, messages handed over one at a time in partition order, offsets committed by the client.
 */
export interface ClientUnderTest {
  name: string;
  /** Starts consuming; resolves once the group is joined, with the way to stop it. */
  consume(
    topic: string,
    groupId: string,
    handle: (message: Received) => void,
  ): Promise<() => Promise<void>>;
}
