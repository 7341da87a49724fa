import type { OrderStatus } from '@orchard/contracts';
import { useState } from 'react';
import { Link } from 'wouter';
import { operations } from '../../api/endpoints.ts';
import { allStatuses, statusWords } from '../../orders/order-words.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { dateTime, money } from '../../ui/money.ts';
import { firstPage, shownCursor, type PageTrail } from '../../ui/page-trail.ts';
import { Pager } from '../../ui/Pager.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { Section } from './Section.tsx';

/** Orders in one status, newest first, each with its saga's current step. */
export function OrdersSection() {
  const [status, setStatus] = useState<OrderStatus>('PENDING');
  const [trail, setTrail] = useState<PageTrail>(firstPage);
  const cursor = shownCursor(trail);
  const page = useLoad(() => operations.orders(status, cursor), 'order', [status, cursor]);
  return (
    <Section id="orders" title="Orders by status" onRefresh={page.reload} busy={page.loading}>
      <div className="field inline">
        <label htmlFor="status">Status</label>
        <select
          id="status"
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as OrderStatus);
            setTrail(firstPage);
          }}
        >
          {allStatuses.map((s) => (
            <option key={s} value={s}>
              {statusWords[s]}
            </option>
          ))}
        </select>
      </div>
      <ErrorNotice message={page.error} />
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Customer</th>
              <th scope="col">Total</th>
              <th scope="col">Placed</th>
              <th scope="col">Saga step</th>
              <th scope="col">Workflow</th>
            </tr>
          </thead>
          <tbody>
            {page.data?.items.map((order) => (
              <tr key={order.orderId}>
                <td>
                  <Link
                    href={`/orders/${order.orderId}/trace`}
                    aria-label={`Trace of order ${order.orderId}`}
                  >
                    {order.orderId}
                  </Link>
                </td>
                <td>{order.customerId.slice(0, 8)}</td>
                <td>{money(order.totalCents)}</td>
                <td>{dateTime(order.placedAt)}</td>
                <td>{order.sagaStep ?? (order.reason ? `ended: ${order.reason}` : '—')}</td>
                <td>{order.temporalUrl && <a href={order.temporalUrl}>Workflow in Temporal</a>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.data?.items.length === 0 && <p>No orders in this status.</p>}
      <Pager
        label="Order pages"
        trail={trail}
        nextCursor={page.data?.nextCursor}
        onChange={setTrail}
      />
    </Section>
  );
}
