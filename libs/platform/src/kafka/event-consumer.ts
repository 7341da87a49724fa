import { isBrokerOutage } from './broker-outage';
import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  Kafka,
  Partitioners,
  type Admin,
  type Consumer,
  type EachMessagePayload,
  type Message,
  type Producer,
} from 'kafkajs';
import type { Database } from '../database/database';
import { recordConsumerLag, recordDeadLetter } from '../metrics/consumer-metrics';
import { recordEventProcessed } from '../metrics/work-metrics';
import { PeriodicTask } from '../service/periodic-task';
import { consumerGroupId, deadLetterTopicOf, replayTopicOf } from './consumer-names';
import type { HandlerRetryPolicy } from './handler-failures';
import { inboxRetentionMs, pruneInbox } from './inbox-pruner';
import { kafkaLogLevel, nestLogCreator } from './kafka-logging';
import { processMessage, type EventHandler, type MessageProcessor } from './process-message';

/** How long a topic may go without a leader after it was created. */
const leaderDeadlineMs = 30_000;
/** How long a consumer keeps trying to start before the process gives up. */
const startDeadlineMs = 40_000;

export interface EventConsumerOptions {
  brokers: string[];
  /** The group is `<service>.<purpose>`. */
  service: string;
  purpose: string;
  topics: readonly string[];
  /** The service's database: the inbox and the handler's effects commit together in it. */
  database: Database;
  handle: EventHandler;
  /** Where a new group starts: at the oldest retained event (default), or only new ones. */
  fromBeginning?: boolean;
  /** Partitions processed at once; each partition's messages are always processed in order. */
  partitionsConsumedConcurrently?: number;
  /** How a failure that is not transient is retried before it is dead-lettered. */
  retries?: HandlerRetryPolicy;
  /** How long the group's inbox entries are kept (see inboxRetentionMs). */
  inboxRetentionMs?: number;
  /** When kafkajs gives up for good. By default the process exits, as for a dead Temporal worker. */
  onFatalError?: (error: Error) => void;
}

/**
 * Consumes events for the life of the Nest application (register it as a provider). Each
 * message is processed once in effect: see processMessage. Offsets are those kafkajs resolves
 * after processMessage returns, so they only move past an outcome already committed.
 */
export class EventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly groupId: string;
  readonly deadLetterTopic: string;
  /** Dead letters replayed into this group arrive here (`npm run events:dead-letters`). */
  readonly replayTopic: string;
  private readonly logger: Logger;
  private readonly kafka: Kafka;
  private readonly processor: MessageProcessor;
  private consumer?: Consumer;
  private producer?: Producer;
  private running = false;
  /** Set once the application shuts down: no more starting again. */
  private stopping = false;
  private readonly inboxPruning: PeriodicTask;

  constructor(private readonly options: EventConsumerOptions) {
    this.groupId = consumerGroupId(options.service, options.purpose);
    this.deadLetterTopic = deadLetterTopicOf(this.groupId);
    this.replayTopic = replayTopicOf(this.groupId);
    this.logger = new Logger(`EventConsumer ${this.groupId}`);
    this.kafka = new Kafka({
      clientId: this.groupId,
      brokers: options.brokers,
      logLevel: kafkaLogLevel,
      logCreator: nestLogCreator,
    });
    this.inboxPruning = new PeriodicTask(
      'inbox pruning',
      60 * 60_000,
      () =>
        pruneInbox(options.database, this.groupId, options.inboxRetentionMs ?? inboxRetentionMs),
      this.logger,
    );
    this.processor = {
      consumer: this.groupId,
      database: options.database,
      handle: options.handle,
      sendToDeadLetter: (message) => this.sendToDeadLetter(message),
      ...(options.retries ? { retries: options.retries } : {}),
    };
  }

  get isRunning(): boolean {
    return this.running;
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  /**
   * Before, not on, application shutdown: Nest closes the database pool on shutdown, and the
   * message in hand must finish its transaction first.
   */
  beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    return this.stop();
  }

  /**
   * Resolves once the group is joined and consuming. On a fresh broker, topics other services
   * created a moment ago can be known to the metadata before their partitions are served ("does
   * not host this topic-partition"), so a failed start is retried for a while before it counts.
   */
  async start(): Promise<void> {
    if (this.consumer) return;
    const deadline = Date.now() + startDeadlineMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.startOnce();
        return;
      } catch (error) {
        await this.stop();
        if (Date.now() > deadline) throw error;
        this.logger.warn(`start attempt ${attempt} failed, retrying: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 2_000)));
      }
    }
  }

  private async startOnce(): Promise<void> {
    await this.ensureTopicsReady();
    // Idempotent, acknowledged by every in-sync replica: a retried send is written once.
    this.producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await this.producer.connect();
    this.consumer = this.kafka.consumer({
      groupId: this.groupId,
      // Stopping waits for the fetch in flight; a short long-poll keeps shutdown quick, and
      // costs an idle consumer two small requests a second. New messages still come at once.
      maxWaitTimeInMs: 500,
    });
    this.watchForCrashes(this.consumer);
    this.reportLag(this.consumer);
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    // Always from the beginning: a replay made while the group was away still reaches it.
    await this.consumer.subscribe({ topics: [this.replayTopic], fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachMessage: (payload) => this.process(payload),
    });
    this.running = true;
    this.inboxPruning.start();
    this.logger.log(`consuming ${this.options.topics.join(', ')}`);
  }

  /** Starts afresh until the brokers answer again, or until the application stops. */
  private async startAgainAfterOutage(): Promise<void> {
    await this.stop();
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.start();
        this.logger.log('consuming again after the brokers came back');
        return;
      } catch (error) {
        this.logger.warn(`still cannot start (attempt ${attempt}): ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * attempt, 10_000)));
      }
    }
  }

  /** Finishes the message in hand, commits the offsets processed, leaves the group. */
  async stop(): Promise<void> {
    await this.inboxPruning.stop();
    const { consumer, producer } = this;
    this.consumer = undefined;
    this.producer = undefined;
    this.running = false;
    await consumer?.disconnect();
    await producer?.disconnect();
  }

  private async process(payload: EachMessagePayload): Promise<void> {
    try {
      const result = await processMessage(payload, this.processor);
      recordEventProcessed(this.groupId, result.outcome);
      if (result.outcome === 'dead-lettered') {
        recordDeadLetter(this.groupId, result.reason);
        this.logger.warn(
          `${payload.topic}[${payload.partition}] offset ${payload.message.offset} dead-lettered (${result.reason}): ${result.detail}`,
        );
      }
    } catch (error) {
      this.logger.warn(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** Acknowledged by every in-sync replica (kafkajs's default) before the offset moves on. */
  private async sendToDeadLetter(message: Message): Promise<void> {
    if (!this.producer) throw new Error('the dead-letter producer is not connected');
    await this.producer.send({ topic: this.deadLetterTopic, messages: [message] });
  }

  /**
   * The topics it reads (an event topic appears only with its first event, and subscribing to
   * a missing topic fails), its replay topic, and its dead-letter topic (a dead letter must have
   * somewhere to go even where the broker does not create topics). Looked up first: asking to create an
   * existing topic makes kafkajs log an error.
   */
  private async ensureTopicsReady(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const wanted = [...this.options.topics, this.replayTopic, this.deadLetterTopic];
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !existing.has(t));
      // Several consumers may race to create the same topic; losing the race is fine.
      if (missing.length > 0)
        await admin
          .createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true })
          .catch((error: unknown) => {
            if (!String(error).includes('already exists')) throw error;
          });
      // A topic another process created a moment ago may have no leader yet, and subscribing
      // to it then fails with "does not host this topic-partition".
      await waitForLeaders(admin, wanted);
    } finally {
      await admin.disconnect();
    }
  }

  /** After each batch, how far the group is behind on that partition (for `/metrics`). */
  private reportLag(consumer: Consumer): void {
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
      recordConsumerLag(this.groupId, payload.topic, payload.partition, Number(payload.offsetLag)),
    );
  }

  /**
   * kafkajs restarts itself after retriable crashes; the others would leave it silently idle.
   * One that comes from the brokers being unreachable (every broker stopped while the group
   * looked for its coordinator) is an outage of the infrastructure: the consumer starts again,
   * for as long as the outage lasts, as handlers are retried through one. Anything else stops
   * the process, for its supervisor to restart and an operator to see.
   */
  private watchForCrashes(consumer: Consumer): void {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) {
        this.logger.warn(`restarting after: ${payload.error.message}`);
        return;
      }
      this.running = false;
      if (isBrokerOutage(payload.error) && !this.stopping) {
        this.logger.warn(
          `the brokers cannot be reached (${payload.error.message}); starting again`,
        );
        void this.startAgainAfterOutage();
        return;
      }
      const fail =
        this.options.onFatalError ??
        ((error: Error) => {
          this.logger.error(`consumer stopped for good: ${error.message}`);
          process.exit(1);
        });
      fail(payload.error);
    });
  }
}

async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + leaderDeadlineMs;
  for (;;) {
    const led = await admin
      .fetchTopicMetadata({ topics })
      .then(({ topics: found }) =>
        found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)),
      )
      .catch(() => false);
    if (led) return;
    if (Date.now() > deadline)
      throw new Error(`topics without a leader after ${leaderDeadlineMs} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
