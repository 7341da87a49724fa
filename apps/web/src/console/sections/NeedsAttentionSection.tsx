import { useState } from 'react';
import { Link } from 'wouter';
import { operations } from '../../api/endpoints.ts';
import { shopperWords } from '../../api/shopper-words.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { dateTime } from '../../ui/money.ts';
import { useLoad } from '../../ui/use-load.ts';
import { Section } from './Section.tsx';

function RetryButton({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  const [outcome, setOutcome] = useState<string>();
  const retry = async () => {
    try {
      await operations.retryCompensation(orderId);
      setOutcome('Retry requested.');
      onDone();
    } catch (failure) {
      setOutcome(shopperWords(failure, 'order'));
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={() => void retry()}
        aria-label={`Retry compensation of order ${orderId}`}
      >
        Retry compensation
      </button>
      <span aria-live="polite"> {outcome}</span>
    </>
  );
}

/** What an operator must act on: compensations that ran out of attempts, and failed orders. */
export function NeedsAttentionSection() {
  const stuck = useLoad(() => operations.stuckCompensations(), 'order', []);
  const failed = useLoad(() => operations.orders('FAILED'), 'order', []);
  const refresh = () => {
    stuck.reload();
    failed.reload();
  };
  return (
    <Section
      id="attention"
      title="Needs attention"
      onRefresh={refresh}
      busy={stuck.loading || failed.loading}
    >
      <ErrorNotice message={stuck.error ?? failed.error} />
      <h3>Stuck compensations</h3>
      {stuck.data?.length === 0 && <p>None: every saga compensated what it had to.</p>}
      <ul>
        {stuck.data?.map((s) => (
          <li key={s.orderId}>
            Order <Link href={`/orders/${s.orderId}/trace`}>{s.orderId.slice(0, 8)}</Link>:{' '}
            {s.compensation} stuck since {dateTime(s.stuckSince)} ({s.error}, reported {s.reports}×){' '}
            <RetryButton orderId={s.orderId} onDone={refresh} />
          </li>
        ))}
      </ul>
      <h3>Failed orders</h3>
      {failed.data?.items.length === 0 && <p>None.</p>}
      <ul>
        {failed.data?.items.map((o) => (
          <li key={o.orderId}>
            Order <Link href={`/orders/${o.orderId}/trace`}>{o.orderId.slice(0, 8)}</Link>:{' '}
            {o.reason ?? 'no reason recorded'}
          </li>
        ))}
      </ul>
    </Section>
  );
}
