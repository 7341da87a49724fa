import type { AccountView, CustomerOrder } from '@orchard/contracts';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { shop } from '../../api/endpoints.ts';
import { shopperWords } from '../../api/shopper-words.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { dateTime, money } from '../../ui/money.ts';
import { statusWords } from '../../orders/order-words.ts';
import { RequireLogin } from './RequireLogin.tsx';

/** A customer's orders, newest first, ten at a time ("Show more" appends the next page). */
function OrderHistory({ account }: { account: AccountView }) {
  const [orders, setOrders] = useState<CustomerOrder[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string>();
  const load = (cursor?: string) =>
    shop.orders(account.id, cursor).then(
      (page) => {
        setOrders((shown) => (cursor ? [...shown, ...page.items] : page.items));
        setNext(page.nextCursor);
      },
      (failure: unknown) => setError(shopperWords(failure, 'order')),
    );
  useEffect(() => void load(), [account.id]);
  return (
    <>
      <ErrorNotice message={error} />
      {next === undefined && !error && <p aria-live="polite">Loading your orders…</p>}
      {next !== undefined && orders.length === 0 && <p>You have not ordered anything yet.</p>}
      <ul className="orders">
        {orders.map((order) => (
          <li key={order.orderId}>
            <Link href={`/orders/${order.orderId}`}>Order {order.orderId.slice(0, 8)}</Link>{' '}
            <span className={`status status-${order.status.toLowerCase()}`}>
              {statusWords[order.status]}
            </span>{' '}
            {money(order.totalCents)} · placed {dateTime(order.placedAt)}
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" onClick={() => void load(next)}>
          Show more orders
        </button>
      )}
    </>
  );
}

export function OrdersPage() {
  return (
    <>
      <h1>Your orders</h1>
      <RequireLogin>{(account) => <OrderHistory account={account} />}</RequireLogin>
    </>
  );
}
