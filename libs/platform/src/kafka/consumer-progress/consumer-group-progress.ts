import type { OnApplicationShutdown } from '@nestjs/common';
import type { EventConsumerProgress } from '@orchard/contracts';
import { deadLetterTopicOf } from '../consumer-names';
import { kafkaLogLevel, nestLogCreator } from '../kafka-logging';
import { AssignerProtocol, Kafka, type Admin } from 'kafkajs';
import { messagesHeld, partitionLag } from './consumer-lag';

/** The services' groups are named `<service>.<purpose>`; throwaway readers are not listed. */
const serviceGroup = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

type Offsets = Awaited<ReturnType<Admin['fetchTopicOffsets']>>;

/**
 * The consumer groups' progress as Kafka knows it (their lag): each service group's committed
 * offsets against the ends of its topics, and the messages waiting in its dead-letter topic.
 * Read on demand through an admin client connected at first use.
 */
export class ConsumerGroupProgress implements OnApplicationShutdown {
  private readonly admin: Admin;
  private connected?: Promise<void>;

  /** `clientId`: who asks, as Kafka's logs and quotas name it. */
  constructor(brokers: string[], clientId: string) {
    const kafka = new Kafka({
      clientId,
      brokers,
      logLevel: kafkaLogLevel,
      logCreator: nestLogCreator,
    });
    this.admin = kafka.admin();
  }

  async progress(): Promise<EventConsumerProgress[]> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    const [{ groups }, topics] = await Promise.all([
      this.admin.listGroups(),
      this.admin.listTopics(),
    ]);
    const existing = new Set(topics);
    const ends = new Map<string, Promise<Offsets>>();
    const endsOf = (topic: string) => {
      if (!ends.has(topic)) ends.set(topic, this.admin.fetchTopicOffsets(topic));
      return ends.get(topic) as Promise<Offsets>;
    };
    const names = groups
      .filter((g) => g.protocolType === 'consumer' && serviceGroup.test(g.groupId))
      .map((g) => g.groupId)
      .sort();
    return Promise.all(names.map((group) => this.groupProgress(group, existing, endsOf)));
  }

  onApplicationShutdown(): Promise<void> {
    return this.admin.disconnect();
  }

  private async groupProgress(
    group: string,
    existing: ReadonlySet<string>,
    endsOf: (topic: string) => Promise<Offsets>,
  ): Promise<EventConsumerProgress> {
    const committed = await this.admin.fetchOffsets({ groupId: group });
    // A member's subscription that has no commit yet lags by all its topic holds.
    const uncommittedTopics = (await this.subscribedTopics(group)).filter(
      (topic) => existing.has(topic) && !committed.some((c) => c.topic === topic),
    );
    const uncommitted =
      uncommittedTopics.length === 0
        ? []
        : await this.admin.fetchOffsets({ groupId: group, topics: uncommittedTopics });
    const topics = await Promise.all(
      [...committed, ...uncommitted]
        .filter(({ topic }) => existing.has(topic))
        .map(async ({ topic, partitions }) => {
          const bounds = new Map((await endsOf(topic)).map((p) => [p.partition, p]));
          const lag = partitions.reduce((sum, { partition, offset }) => {
            const end = bounds.get(partition);
            if (!end) return sum;
            return (
              sum +
              partitionLag({
                committed: BigInt(offset),
                low: BigInt(end.low),
                high: BigInt(end.high),
              })
            );
          }, 0n);
          return { topic, lag: Number(lag) };
        }),
    );
    const deadLetterTopic = deadLetterTopicOf(group);
    const deadLetters = existing.has(deadLetterTopic)
      ? messagesHeld(
          (await endsOf(deadLetterTopic)).map((p) => ({
            low: BigInt(p.low),
            high: BigInt(p.high),
          })),
        )
      : 0n;
    return {
      group,
      lag: topics.reduce((sum, t) => sum + t.lag, 0),
      topics: topics.sort((a, b) => a.topic.localeCompare(b.topic)),
      deadLetters: Number(deadLetters),
    };
  }
  /** The topics the group's members subscribe to, whether or not they have committed yet. */
  private async subscribedTopics(group: string): Promise<string[]> {
    const { groups } = await this.admin.describeGroups([group]);
    const topics = (groups[0]?.members ?? []).flatMap(
      (member) => AssignerProtocol.MemberMetadata.decode(member.memberMetadata)?.topics ?? [],
    );
    return [...new Set(topics)];
  }
}
