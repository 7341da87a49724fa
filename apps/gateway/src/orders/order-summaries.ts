import { Inject, Injectable } from '@nestjs/common';
import { orderSummaryChangesChannel, type OrderSummary } from '@orchard/contracts';
import { CoherentCache } from '../cache/coherent-cache';
import { InvalidationFeed } from '../cache/invalidation-feed';
import { Upstreams } from '../upstream/upstream.module';

export const ORDER_COPY_TTL_MS = Symbol('ORDER_COPY_TTL_MS');

/**
 * Order summaries from the read model, with copies kept in the gateway: an order is read far
 * more often than it changes (a customer polls it while the saga runs), and a copy answers
 * without a hop to the read model. The read-model service announces every summary it changes
 * once its change has committed, and the copy is dropped. Still eventually consistent, as the
 * read model itself is: a copy is as fresh as the announcement.
 */
@Injectable()
export class OrderSummaries {
  private readonly copies: CoherentCache<OrderSummary>;
  private readonly watchers = new Map<string, Set<() => void>>();

  constructor(
    private readonly upstreams: Upstreams,
    feed: InvalidationFeed,
    @Inject(ORDER_COPY_TTL_MS) copyTtlMs: number,
  ) {
    this.copies = new CoherentCache({ maxEntries: 50_000, ttlMs: copyTtlMs }, () => feed.isLive);
    feed.onChannel(orderSummaryChangesChannel, (orderId) => {
      this.copies.invalidate(orderId);
      for (const changed of this.watchers.get(orderId) ?? []) changed();
    });
    // Announcements may have been missed while the feed was down: every watcher looks again.
    feed.onResubscribed(() => {
      this.copies.clear();
      for (const set of this.watchers.values()) for (const changed of set) changed();
    });
  }

  /** Calls `changed` each time the order's summary is announced changed; returns the unwatch. */
  watch(orderId: string, changed: () => void): () => void {
    const set = this.watchers.get(orderId) ?? new Set();
    this.watchers.set(orderId, set.add(changed));
    return () => {
      set.delete(changed);
      if (set.size === 0) this.watchers.delete(orderId);
    };
  }

  /** Orders being watched, by all their watchers: a gauge of open streams. */
  get watcherCount(): number {
    let count = 0;
    for (const set of this.watchers.values()) count += set.size;
    return count;
  }

  /**
   * The summary; a 404 (not in the read model, or not yet) is thrown, and never kept. A copy
   * answers only when `visible` says the asker may see it: for anyone else the read model is
   * asked, as for an order that does not exist.
   */
  async get(
    orderId: string,
    visible: (summary: OrderSummary) => boolean = () => true,
  ): Promise<OrderSummary> {
    const summary = await this.copies.get(orderId, () => this.fetch(orderId), visible);
    if (!summary) throw new Error(`the read model answered no summary of ${orderId}`);
    return summary;
  }

  private async fetch(orderId: string): Promise<OrderSummary> {
    return (await this.upstreams.readModel.request<OrderSummary>('GET', `/orders/${orderId}`)).body;
  }
}
