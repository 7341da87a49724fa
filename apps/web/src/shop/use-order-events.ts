import type { OrderSummary } from '@orchard/contracts';
import { useEffect, useState } from 'react';
import { orderEventsUrl } from '../api/endpoints.ts';
import { finalStatuses } from '../orders/order-words.ts';

export interface OrderEvents {
  summary: OrderSummary | undefined;
  /** The stream is down and the browser is reconnecting. */
  reconnecting: boolean;
}

/**
 * The order's summary, live: the gateway pushes it (server-sent events) each time the read model
 * announces a change, and EventSource reconnects by itself after a drop. Closed once the order
 * can change no more.
 */
export function useOrderEvents(orderId: string): OrderEvents {
  const [summary, setSummary] = useState<OrderSummary>();
  const [reconnecting, setReconnecting] = useState(false);
  useEffect(() => {
    setSummary(undefined);
    const source = new EventSource(orderEventsUrl(orderId));
    source.addEventListener('summary', (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as OrderSummary;
      setSummary(next);
      setReconnecting(false);
      if (finalStatuses.has(next.status)) source.close();
    });
    source.addEventListener('open', () => setReconnecting(false));
    source.addEventListener('error', () =>
      setReconnecting(source.readyState !== EventSource.CLOSED),
    );
    return () => source.close();
  }, [orderId]);
  return { summary, reconnecting };
}
