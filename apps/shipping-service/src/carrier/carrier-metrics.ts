import { Counter } from 'prom-client';

/** `outcome` is from a closed set: it is a metric label. */
export type ReceiptOutcome =
  | 'queued'
  | 'queued-early'
  | 'duplicate'
  | 'signature-refused'
  | 'timestamp-out-of-tolerance'
  | 'invalid'
  | 'unknown-parcel';

const received = new Counter({
  name: 'orchard_carrier_updates_received_total',
  help: "The carrier's webhook calls, by outcome: queued (early: ahead of one not yet arrived), duplicate, or refused.",
  labelNames: ['outcome'] as const,
});

const applied = new Counter({
  name: 'orchard_carrier_updates_applied_total',
  help: 'Carrier status updates applied to their parcels, in sequence, by status.',
  labelNames: ['status'] as const,
});

const handedOver = new Counter({
  name: 'orchard_carrier_parcels_handed_over_total',
  help: 'Parcels handed to the carrier: the first time, and again after it went quiet on them.',
});

export const recordReceipt = (outcome: ReceiptOutcome): void => received.inc({ outcome });
export const recordApplied = (status: string): void => applied.inc({ status });
export const recordHandedOver = (count: number): void => handedOver.inc(count);
