import type { OrderStatus } from '@orchard/contracts';
import { useState } from 'react';
import { Link } from 'wouter';
import { operations } from '../../api/endpoints';
import { allStatuses, statusWords } from '../../orders/order-words';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { dateTime, money } from '../../ui/money';
import { useLoad } from '../../ui/use-load';
import { Section } from './Section';

/** Orders in one status, newest first, each with its saga's current step. */
export function OrdersSection() {
  const [status, setStatus] = useState<OrderStatus>('PENDING');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
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
            setCursors([]);
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
      <nav className="pager" aria-label="Order pages">
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Previous page
        </button>
        <button
          type="button"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          Next page
        </button>
      </nav>
    </Section>
  );
}
