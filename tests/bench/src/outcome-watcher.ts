import { Client as PgClient } from 'pg';
import { postgresUrl } from '@orchard/stack';

export interface Outcome {
  status: string;
  finishedAt: number;
}

/**
 * Resolves when orders reach their saga outcome, read from the order service's history with
 * one query per tick for every order in flight, so waiting adds almost no load.
 */
export class OutcomeWatcher {
  private readonly db = new PgClient({ connectionString: postgresUrl('order') });
  private readonly waiting = new Map<string, (outcome: Outcome) => void>();
  private timer?: NodeJS.Timeout;

  async start(tickMs = 50): Promise<void> {
    await this.db.connect();
    this.timer = setInterval(() => void this.tick(), tickMs);
  }

  outcome(orderId: string): Promise<Outcome> {
    return new Promise((resolve) => this.waiting.set(orderId, resolve));
  }

  private async tick(): Promise<void> {
    if (this.waiting.size === 0) return;
    const { rows } = await this.db.query<{ order_id: string; to_status: string; at: Date }>(
      `select order_id, to_status, at from order_status_history
        where order_id = any($1) and to_status in ('CONFIRMED', 'REJECTED', 'CANCELLED', 'FAILED')`,
      [[...this.waiting.keys()]],
    );
    for (const row of rows) {
      this.waiting.get(row.order_id)?.({ status: row.to_status, finishedAt: row.at.getTime() });
      this.waiting.delete(row.order_id);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.db.end();
  }
}
