import { atRate, type RateResult } from './cost/open-loop';
import type { OutcomeWatcher } from './outcome-watcher';
import type { ShopLoad } from './shop-load';

type Timing = Parameters<typeof atRate>[1];

/** Orders offered open loop at `rate`, each followed to its saga's outcome. */
export function ordersAt(load: ShopLoad, watcher: OutcomeWatcher, defaultTiming: Timing) {
  return (rate: number, timing: Timing = defaultTiming): Promise<RateResult> =>
    atRate(rate, timing, async () => {
      const placed = await load.placeOrder();
      return {
        accepted: placed.status === 202,
        latencyMs: placed.latencyMs,
        finished: placed.orderId
          ? watcher.outcome(placed.orderId).then((o) => o.finishedAt)
          : undefined,
      };
    });
}
