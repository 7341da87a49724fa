import { Logger } from '@nestjs/common';
import type { Database } from '@orchard/platform/database';
import { PeriodicTask } from '@orchard/platform/service';
import { mayRetry, retryDelayMs } from './domain/retry-schedule';
import { signDelivery } from './domain/signatures';
import type { WebhookTransport } from './webhook-transport';

export interface SenderSettings {
  /** How long a delivery is retried before it is parked as DEAD for an operator. */
  retryForMs: number;
  /** Attempts in flight at once, all endpoints together. */
  concurrency: number;
  /** Attempts in flight at once to one endpoint: a slow one holds no more than this. */
  perEndpoint: number;
  /** How often the queue is asked for due deliveries when the last round found none. */
  pollIntervalMs: number;
}

interface DueDelivery {
  id: string;
  url: string;
  endpoint_id: string;
  payload: unknown;
  attempts: number;
  retries_from: Date;
  secrets: string[];
}

/** How long a taken delivery is held: past it, another sender may take it (this one died). */
const holdSeconds = 60;

/**
 * The processor: takes due deliveries from the queue, at most `perEndpoint` per endpoint and
 * `concurrency` in all, sends each signed, and records every attempt. A failure is retried with
 * exponential backoff and jitter until the retry bound, then parked as DEAD. Senders in several
 * instances share the queue: a delivery is taken by one (row locks, skip locked).
 */
export class WebhookSender {
  private readonly logger = new Logger(WebhookSender.name);
  private readonly inFlight = new Map<string, number>();
  private readonly sending = new Set<Promise<void>>();
  /** Takes due deliveries: again at once while there are some, else every poll interval. */
  private readonly taking: PeriodicTask;

  constructor(
    private readonly database: Database,
    private readonly transport: WebhookTransport,
    private readonly settings: SenderSettings,
  ) {
    this.taking = new PeriodicTask(
      'taking due deliveries',
      settings.pollIntervalMs,
      () => this.takeDue(),
      this.logger,
      { runAtStart: true, repeatWhileBusy: true },
    );
  }

  start(): void {
    this.taking.start();
  }

  async stop(): Promise<void> {
    await this.taking.stop();
    await Promise.allSettled([...this.sending]);
  }

  /** Takes what is due within the free slots and starts sending it; returns how many. */
  private async takeDue(): Promise<number> {
    const free = this.settings.concurrency - this.sending.size;
    if (free <= 0) return 0;
    const busy = [...this.inFlight.entries()]
      .filter(([, count]) => count >= this.settings.perEndpoint)
      .map(([endpoint]) => endpoint);
    const due = await this.database.query<DueDelivery>(
      `with due as (
         select d.id, row_number() over (partition by d.endpoint_id order by d.next_attempt_at) as n
           from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
          where d.status = 'PENDING' and d.next_attempt_at <= now() and e.status = 'ACTIVE'
            and d.endpoint_id <> all($3::uuid[])
          order by d.next_attempt_at
          limit 500),
       taken as (
         select d.id from webhook_deliveries d join due using (id)
          where due.n <= $2 order by d.next_attempt_at limit $1
            for update of d skip locked)
       update webhook_deliveries d
          set next_attempt_at = now() + make_interval(secs => ${holdSeconds})
         from taken, webhook_endpoints e
        where d.id = taken.id and e.id = d.endpoint_id
       returning d.id, e.url, d.endpoint_id, d.payload, d.attempts, d.retries_from,
                 array_remove(array[e.secret,
                   case when e.previous_secret_until > now() then e.previous_secret end], null)
                   as secrets`,
      [free, this.settings.perEndpoint, busy],
    );
    for (const delivery of due) {
      this.inFlight.set(delivery.endpoint_id, (this.inFlight.get(delivery.endpoint_id) ?? 0) + 1);
      const sending: Promise<void> = this.send(delivery)
        .catch((error: unknown) =>
          this.logger.warn(`delivery ${delivery.id}: recording failed: ${String(error)}`),
        )
        .finally(() => {
          this.sending.delete(sending);
          const left = (this.inFlight.get(delivery.endpoint_id) ?? 1) - 1;
          if (left === 0) this.inFlight.delete(delivery.endpoint_id);
          else this.inFlight.set(delivery.endpoint_id, left);
        });
      this.sending.add(sending);
    }
    return due.length;
  }

  private async send(delivery: DueDelivery): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    const at = new Date();
    const attempt = delivery.attempts + 1;
    let statusCode: number | null = null;
    let error: string | null = null;
    const started = performance.now();
    try {
      const headers = signDelivery(delivery.id, at, body, delivery.secrets);
      const outcome = await this.transport.post(delivery.url, { ...headers }, body);
      statusCode = outcome.statusCode;
      if (statusCode < 200 || statusCode >= 300) error = `answered ${statusCode}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const latencyMs = Math.round(performance.now() - started);
    const delivered = error === null;
    const retry =
      !delivered && mayRetry(delivery.retries_from, new Date(), this.settings.retryForMs);
    await this.database.transaction(async (tx) => {
      await tx.query(
        `insert into webhook_attempts (delivery_id, attempt, at, status_code, latency_ms, error)
         values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
        [delivery.id, attempt, at, statusCode, latencyMs, error],
      );
      await tx.query(
        `update webhook_deliveries
            set attempts = $2, status = $3,
                next_attempt_at = case when $3 = 'PENDING' then now() + make_interval(secs => $4) end,
                delivered_at = case when $3 = 'DELIVERED' then now() end
          where id = $1`,
        [
          delivery.id,
          attempt,
          delivered ? 'DELIVERED' : retry ? 'PENDING' : 'DEAD',
          retryDelayMs(attempt) / 1000,
        ],
      );
    });
    if (!delivered && !retry)
      this.logger.warn(
        `delivery ${delivery.id} to ${delivery.url} parked after ${attempt} attempts: ${error}`,
      );
  }
}
