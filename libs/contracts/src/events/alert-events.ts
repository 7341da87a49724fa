import { z } from 'zod';
import { defineEvent, type EventOf } from './define-event';

/**
 * Alerts the shop's live metrics raise (topic `alert.events`, keyed by the alert's kind),
 * written by the read-model service's stream processing, not through an outbox: a raised
 * alert may be published twice after a crash, and consumers deduplicate on its `alertId`.
 */
export const alertRaisedV1 = defineEvent({
  type: 'alert.raised',
  version: 1,
  aggregateType: 'alert',
  data: z.object({
    alertId: z.uuid(),
    /** What crossed its threshold: the share of decided orders rejected, over 5 minutes. */
    kind: z.literal('rejection-rate'),
    /** The sliding window it was measured over, by event time; start included, end excluded. */
    windowStart: z.iso.datetime({ offset: true }),
    windowEnd: z.iso.datetime({ offset: true }),
    rate: z.number().min(0).max(1),
    threshold: z.number().min(0).max(1),
    /** Orders confirmed or rejected in the window, and how many of them were rejected. */
    decisions: z.number().int().min(1),
    rejections: z.number().int().min(0),
  }),
});
export type AlertRaisedV1 = EventOf<typeof alertRaisedV1>;

export const alertEventContracts = [alertRaisedV1] as const;
