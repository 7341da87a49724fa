import type { ShopMetrics } from '@orchard/contracts';
import { operations } from '../../api/endpoints.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { money } from '../../ui/money.ts';
import { useLoad } from '../../ui/use-load.ts';
import { Section } from './Section.tsx';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' });

function Rejections({ rejections }: { rejections: ShopMetrics['rejections'] }) {
  const causes = rejections.causes.map((c) => `${c.cause} ${c.rejections}`).join(', ');
  return (
    <p>
      Last 5 minutes: {rejections.rejections} of {rejections.decisions} decided orders rejected (
      {percent(rejections.rate)}; alert at {percent(rejections.threshold)})
      {causes ? `. Causes: ${causes}.` : '.'}
    </p>
  );
}

/** Orders, revenue, rejections and best sellers, computed from the order events as they stream. */
export function LiveMetricsSection() {
  const metrics = useLoad(() => operations.shopMetrics(), 'page', []);
  const data = metrics.data;
  const openAlert = data?.alerts.find((alert) => alert.clearedAt === null);
  return (
    <Section
      id="live-metrics"
      title="Live metrics"
      onRefresh={metrics.reload}
      busy={metrics.loading}
    >
      <ErrorNotice message={metrics.error} />
      {openAlert && (
        <p role="alert" className="attention">
          Rejection alert: {percent(openAlert.rate)} of {openAlert.decisions} orders rejected since{' '}
          {clock(openAlert.windowStart)}.
        </p>
      )}
      {data && <Rejections rejections={data.rejections} />}
      <div className="scroll">
        <table>
          <caption>
            Per minute, by when events happened (late by up to {data?.latenessBoundSeconds ?? '…'} s
            still counts)
          </caption>
          <thead>
            <tr>
              <th scope="col">Minute</th>
              <th scope="col">Placed</th>
              <th scope="col">Confirmed</th>
              <th scope="col">Rejected</th>
              <th scope="col">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {data?.perMinute.map((m) => (
              <tr key={m.minute}>
                <td>{clock(m.minute)}</td>
                <td>{m.ordersPlaced}</td>
                <td>{m.ordersConfirmed}</td>
                <td>{m.ordersRejected}</td>
                <td>{money(m.revenueCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Best sellers, last 30 minutes</h3>
      {data && data.topProducts.products.length === 0 && <p>No sales in the last 30 minutes.</p>}
      <ol>
        {data?.topProducts.products.map((p) => (
          <li key={p.sku}>
            {p.sku}: {p.units} sold, {money(p.revenueCents)}
          </li>
        ))}
      </ol>
    </Section>
  );
}
