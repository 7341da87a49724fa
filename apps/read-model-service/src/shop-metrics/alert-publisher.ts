import { Logger } from '@nestjs/common';
import { topicOf, type AlertRaisedV1 } from '@orchard/contracts';
import type { Database } from '@orchard/platform/database';
import { PeriodicTask } from '@orchard/platform/service';
import { Kafka, Partitioners, type Producer } from 'kafkajs';
import { recordAlertRaised } from './shop-metrics.metrics';

/** How often alerts left unpublished (Kafka away, a crash after the commit) are sent again. */
const sweepIntervalMs = 10_000;

interface AlertRow {
  id: string;
  window_start: Date;
  window_end: Date;
  rate: number;
  threshold: number;
  decisions: number;
  rejections: number;
}

/**
 * Publishes `alert.raised` on `alert.events` once the alert is committed, and marks it sent.
 * At least once: a crash between the send and the mark sends it again, with the same id.
 */
export class AlertPublisher {
  private readonly logger = new Logger(AlertPublisher.name);
  private readonly producer: Producer;
  private readonly sweep: PeriodicTask;

  constructor(
    private readonly database: Database,
    brokers: string[],
  ) {
    this.producer = new Kafka({ clientId: 'read-model-service.alerts', brokers }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    this.sweep = new PeriodicTask(
      'publishing alerts',
      sweepIntervalMs,
      () => this.publishUnpublished(),
      this.logger,
    );
  }

  async start(): Promise<void> {
    await this.producer.connect();
    this.sweep.start();
  }

  async stop(): Promise<void> {
    await this.sweep.stop();
    await this.producer.disconnect();
  }

  /** After the commit that raised it; a failure is left to the sweep. */
  raised(alertId: string): void {
    recordAlertRaised('rejection-rate');
    this.publish(alertId).catch((error: unknown) =>
      this.logger.warn(`alert ${alertId} not published yet: ${String(error)}`),
    );
  }

  async publishUnpublished(): Promise<void> {
    const rows = await this.database.query<{ id: string }>(
      'select id from shop_alerts where published_at is null order by window_end limit 100',
    );
    for (const { id } of rows) await this.publish(id);
  }

  private async publish(alertId: string): Promise<void> {
    const [alert] = await this.database.query<AlertRow>(
      `select id, window_start, window_end, rate, threshold, decisions, rejections
         from shop_alerts where id = $1 and published_at is null`,
      [alertId],
    );
    if (!alert) return;
    const event: AlertRaisedV1 = {
      id: alert.id,
      occurredAt: alert.window_end.toISOString(),
      type: 'alert.raised',
      version: 1,
      aggregateType: 'alert',
      aggregateId: 'rejection-rate',
      data: {
        alertId: alert.id,
        kind: 'rejection-rate',
        windowStart: alert.window_start.toISOString(),
        windowEnd: alert.window_end.toISOString(),
        rate: alert.rate,
        threshold: alert.threshold,
        decisions: alert.decisions,
        rejections: alert.rejections,
      },
    };
    await this.producer.send({
      topic: topicOf('alert'),
      acks: -1,
      messages: [{ key: event.aggregateId, value: JSON.stringify(event) }],
    });
    await this.database.query('update shop_alerts set published_at = now() where id = $1', [
      alertId,
    ]);
    this.logger.warn(
      `alert raised: ${Math.round(alert.rate * 100)}% of ${alert.decisions} orders rejected ` +
        `from ${event.data.windowStart} to ${event.data.windowEnd}`,
    );
  }
}
