import { Counter, Gauge } from 'prom-client';

const rejectionRate = new Gauge({
  name: 'orchard_shop_rejection_rate',
  help: 'Share of orders decided in the last five minutes (event time) that were rejected.',
});

const alertsRaised = new Counter({
  name: 'orchard_shop_alerts_raised_total',
  help: 'Alerts the shop metrics raised, by kind.',
  labelNames: ['kind'] as const,
});

const lateEvents = new Counter({
  name: 'orchard_shop_metrics_late_events_total',
  help: 'Order events past the lateness bound of their partition, left out of every window.',
});

export const recordRejectionRate = (rate: number) => rejectionRate.set(rate);
export const recordAlertRaised = (kind: string) => alertsRaised.inc({ kind });
export const recordLateEvent = () => lateEvents.inc();
