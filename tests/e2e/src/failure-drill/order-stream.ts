import { randomUUID } from 'node:crypto';
import type { OrderAccepted } from '@orchard/contracts';
import { address, customerWith, stockedProduct } from '../shop-client';
import { customerCookie } from '../sessions';
import { CarefulClient, RequestLog } from './careful-client';

/** An order the stream asked for, and what became of the request. */
export interface PlacedOrder {
  customerId: string;
  key: string;
  requestedAt: number;
  /** Set once the gateway accepted it (202). */
  orderId?: string;
  /** The final answer's status, or why the client gave up. */
  outcome?: string;
}

/** What the stream buys: plenty of most products, few of one so that some orders are refused. */
export interface DrillShop {
  skus: string[];
  customerIds: string[];
}

export async function prepareShop(): Promise<DrillShop> {
  const products = [
    ...(await Promise.all(Array.from({ length: 6 }, (_, i) => stockedProduct(100_000, 200 + i)))),
    await stockedProduct(15, 990, 'south'),
  ];
  const customerIds: string[] = [];
  for (let i = 0; i < 12; i++) customerIds.push(await customerWith(50_000_000));
  return { skus: products.map((p) => p.sku), customerIds };
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/**
 * Orders placed open loop at a steady rate by careful clients, and reads of the customers'
 * order histories beside them: every request goes into `log`.
 */
export class OrderStream {
  readonly log = new RequestLog();
  readonly orders: PlacedOrder[] = [];
  private readonly client = new CarefulClient(this.log);
  private readonly inFlight = new Set<Promise<void>>();
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly shop: DrillShop) {}

  start(ordersPerSecond: number, readsPerSecond: number): void {
    this.timers = [
      setInterval(() => this.track(this.placeOne().then(() => undefined)), 1000 / ordersPerSecond),
      setInterval(() => this.track(this.readOne()), 1000 / readsPerSecond),
    ];
  }

  /** Stops sending new requests and waits for those under way to get their final answer. */
  async stop(): Promise<void> {
    this.timers.forEach(clearInterval);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** `count` orders at once, on top of the steady flow; resolves once each has its answer. */
  async burst(count: number): Promise<PlacedOrder[]> {
    const placing = Array.from({ length: count }, () => this.placeOne());
    placing.forEach((work) => this.track(work.then(() => undefined)));
    return Promise.all(placing);
  }

  accepted(): (PlacedOrder & { orderId: string })[] {
    return this.orders.filter((o): o is PlacedOrder & { orderId: string } => !!o.orderId);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async placeOne(): Promise<PlacedOrder> {
    const order: PlacedOrder = {
      customerId: pick(this.shop.customerIds),
      key: randomUUID(),
      requestedAt: Date.now(),
    };
    this.orders.push(order);
    const [first, second] = [pick(this.shop.skus), pick(this.shop.skus)];
    const items =
      first === second
        ? [{ sku: first, quantity: 2 }]
        : [
            { sku: first, quantity: 1 },
            { sku: second, quantity: 1 },
          ];
    try {
      const answer = await this.client.send(
        'POST',
        '/orders',
        { cookie: customerCookie(order.customerId), 'idempotency-key': order.key },
        { items, shippingAddress: address },
      );
      order.outcome = String(answer.status);
      if (answer.status === 202) order.orderId = (answer.body as OrderAccepted).orderId;
    } catch (error) {
      order.outcome = (error as Error).message;
    }
    return order;
  }

  private async readOne(): Promise<void> {
    const customerId = pick(this.shop.customerIds);
    await this.client
      .send('GET', `/customers/${customerId}/orders?limit=10`, {
        cookie: customerCookie(customerId),
      })
      .catch(() => undefined); // a read that never got an answer is in the log already
  }
}
