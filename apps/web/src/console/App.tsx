import { Link, Route, Switch, useParams } from 'wouter';
import { useAccount } from '../ui/account.tsx';
import { TraceView } from '../trace/TraceView.tsx';
import { ConsumersSection } from './sections/ConsumersSection.tsx';
import { LiveMetricsSection } from './sections/LiveMetricsSection.tsx';
import { NeedsAttentionSection } from './sections/NeedsAttentionSection.tsx';
import { OrdersSection } from './sections/OrdersSection.tsx';
import { StockSection } from './sections/StockSection.tsx';

function Overview() {
  return (
    <>
      <h1>Operations</h1>
      <LiveMetricsSection />
      <OrdersSection />
      <NeedsAttentionSection />
      <ConsumersSection />
      <StockSection />
    </>
  );
}

function Trace() {
  const { id } = useParams<{ id: string }>();
  return <TraceView orderId={id} />;
}

/**
 * The operations console, under /console. The gateway serves it to administrators only and
 * refuses its data to anyone else; the checks here only spare a customer a page of errors.
 */
export function App() {
  const { account } = useAccount();
  if (account === undefined) return <p aria-live="polite">Loading…</p>;
  if (account === null) {
    window.location.assign(`/shop/login?next=${encodeURIComponent('/console/')}`);
    return null;
  }
  if (account.role !== 'admin') return <p role="alert">This page is for shop staff only.</p>;
  return (
    <>
      <header className="site-header">
        <Link href="/" className="brand">
          Orchard operations
        </Link>
        <nav aria-label="Console">
          <a href="/shop/">Storefront</a>
        </nav>
        <div className="who">{account.email}</div>
      </header>
      <main className="wide">
        <Switch>
          <Route path="/" component={Overview} />
          <Route path="/orders/:id/trace" component={Trace} />
          <Route>
            <p>We couldn't find that page.</p>
          </Route>
        </Switch>
      </main>
    </>
  );
}
