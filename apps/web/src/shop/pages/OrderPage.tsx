import type { OrderSummary } from '@orchard/contracts';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { shop } from '../../api/endpoints.ts';
import { shopperWords } from '../../api/shopper-words.ts';
import { useAccount } from '../../ui/account.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { dateTime, money } from '../../ui/money.ts';
import { cancellable, happyPath, reasonWords, statusWords } from '../../orders/order-words.ts';
import { useOrderEvents } from '../use-order-events.ts';
import { RequireLogin } from './RequireLogin.tsx';

function Progress({ summary }: { summary: OrderSummary }) {
  const reached = new Map(summary.history.map((h) => [h.status, h.at]));
  const steps = happyPath.includes(summary.status)
    ? happyPath
    : [...summary.history.map((h) => h.status)];
  return (
    <ol className="progress">
      {[...new Set(steps)].map((status) => (
        <li key={status} className={reached.has(status) ? 'done' : 'todo'}>
          <span>{statusWords[status]}</span>{' '}
          {reached.has(status) ? (
            <time dateTime={reached.get(status)}>{dateTime(reached.get(status) as string)}</time>
          ) : (
            <span className="visually-hidden">not yet</span>
          )}
        </li>
      ))}
    </ol>
  );
}

function CancelButton({ orderId }: { orderId: string }) {
  const [outcome, setOutcome] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await shop.cancelOrder(orderId);
      setOutcome('Cancellation requested: anything paid will be refunded.');
    } catch (failure) {
      setError(shopperWords(failure, 'order'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void cancel()} disabled={busy || outcome !== undefined}>
        Cancel order
      </button>
      <p className="notice" aria-live="polite">
        {outcome}
      </p>
      <ErrorNotice message={error} />
    </>
  );
}

function Order({ orderId, isAdmin }: { orderId: string; isAdmin: boolean }) {
  const { summary, reconnecting } = useOrderEvents(orderId);
  if (!summary) return <p aria-live="polite">Your order is on its way into the system…</p>;
  const why = ['REJECTED', 'CANCELLED', 'FAILED'].includes(summary.status)
    ? reasonWords(summary.reason)
    : undefined;
  return (
    <>
      <section aria-live="polite" aria-atomic="true">
        <h2 className={`status status-${summary.status.toLowerCase()}`}>
          {statusWords[summary.status]}
        </h2>
        {why && <p className="notice error">{why}</p>}
        {reconnecting && <p className="notice">Reconnecting to follow your order…</p>}
      </section>
      <Progress summary={summary} />
      {cancellable.has(summary.status) && <CancelButton orderId={orderId} />}
      <h2>Items</h2>
      <ul>
        {summary.items.map((item) => (
          <li key={item.sku}>
            {item.quantity} × {item.sku}{' '}
            {item.unitPriceCents !== null && `at ${money(item.unitPriceCents)}`}
          </li>
        ))}
      </ul>
      <dl className="facts">
        <dt>Total</dt>
        <dd>{money(summary.totalCents)}</dd>
        <dt>Payment</dt>
        <dd>{summary.payment ? summary.payment.status.toLowerCase() : 'not yet'}</dd>
        <dt>Shipment</dt>
        <dd>
          {summary.shipment
            ? `${summary.shipment.status.toLowerCase()}, ${summary.shipment.parcels.length} parcel(s)`
            : 'not yet'}
        </dd>
      </dl>
      {isAdmin && <Link href={`/orders/${orderId}/trace`}>View trace</Link>}
    </>
  );
}

export function OrderPage() {
  const { id } = useParams<{ id: string }>();
  const { account } = useAccount();
  return (
    <>
      <h1>Order {id.slice(0, 8)}</h1>
      <RequireLogin>
        {() => <Order orderId={id} isAdmin={account?.role === 'admin'} />}
      </RequireLogin>
    </>
  );
}
