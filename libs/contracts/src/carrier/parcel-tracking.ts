import { z } from 'zod';

/**
 * The carrier's API, as the shop and the carrier both speak it: the shop hands parcels over,
 * the carrier reports each parcel's journey back on the shop's webhook. Both directions are
 * signed with the secret the two share (Standard Webhooks).
 */

/** A parcel's journey as the carrier reports it; a failed delivery is tried again. */
export const carrierStatuses = ['PICKED_UP', 'IN_TRANSIT', 'FAILED_DELIVERY', 'DELIVERED'] as const;
export type CarrierStatus = (typeof carrierStatuses)[number];

/** The most updates one parcel's journey has (a journey with a failed delivery has 5). */
export const maxJourneyUpdates = 20;

/**
 * One status update. `sequence` counts a parcel's updates from 1, with no gaps: the shop
 * applies them in that order, whatever order they arrive in.
 */
export const CarrierStatusUpdate = z
  .object({
    parcelId: z.uuid(),
    sequence: z.number().int().min(1).max(maxJourneyUpdates),
    status: z.enum(carrierStatuses),
    occurredAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type CarrierStatusUpdate = z.infer<typeof CarrierStatusUpdate>;

/** Parcels the shop hands to the carrier (again, if the carrier has gone silent on them). */
export const ParcelHandover = z
  .object({
    parcels: z
      .array(z.object({ parcelId: z.uuid() }).strict())
      .min(1)
      .max(100),
  })
  .strict();
export type ParcelHandover = z.infer<typeof ParcelHandover>;

/** Where the carrier takes parcels, on its own API. */
export const carrierHandoverPath = '/parcels';

/** The shop's public webhook the carrier reports to (at the gateway). */
export const carrierWebhookPath = '/carrier/webhooks';

/**
 * A signed webhook as the gateway passes it on to shipping: the body exactly as it arrived
 * (the signature covers its bytes) and the three Standard Webhooks headers.
 */
export const SignedCarrierMessage = z
  .object({
    id: z.string().min(1).max(200),
    timestamp: z.string().min(1).max(20),
    signature: z.string().min(1).max(2000),
    body: z.string().max(16_384),
  })
  .strict();
export type SignedCarrierMessage = z.infer<typeof SignedCarrierMessage>;

/** What shipping did with an update: queued it, or had it already. */
export const CarrierUpdateReceipt = z.object({
  outcome: z.enum(['queued', 'duplicate']),
});
export type CarrierUpdateReceipt = z.infer<typeof CarrierUpdateReceipt>;
