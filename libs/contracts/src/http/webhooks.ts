import { z } from 'zod';
import { eventRegistry } from '../events/registry';
import { noControlCharacters, text } from './text';

/** Every event type a partner may subscribe to: the shop's published events. */
export const webhookEventTypes = [...eventRegistry.keys()].sort();

const EventTypeName = z
  .string()
  .refine((type) => eventRegistry.has(type), { message: 'an event type the shop publishes' });

/**
 * Where deliveries go: http(s), no credentials in the URL, no control characters (the URL is
 * stored as given, and PostgreSQL cannot store a NUL). Whether the host may be reached is
 * decided at each delivery, on the addresses it resolves to (private ones are refused).
 */
const WebhookUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.hostname })
  .max(2_000)
  .regex(noControlCharacters, 'no control characters')
  .refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), { message: 'a URL without credentials' });

export const WebhookEndpointRequest = z
  .object({
    url: WebhookUrl,
    eventTypes: z.array(EventTypeName).min(1).max(webhookEventTypes.length),
    description: text(200).optional(),
  })
  .strict();
export type WebhookEndpointRequest = z.infer<typeof WebhookEndpointRequest>;

export const WebhookEndpointStatus = z.enum(['ACTIVE', 'PAUSED']);

export const WebhookEndpoint = z.object({
  id: z.uuid(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  description: z.string().nullable(),
  status: WebhookEndpointStatus,
  createdAt: z.iso.datetime({ offset: true }),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The signing secret (`whsec_…`, Standard Webhooks) is shown once: when made or rotated. */
export const WebhookSecret = z.object({ endpointId: z.uuid(), secret: z.string() });
export type WebhookSecret = z.infer<typeof WebhookSecret>;

export const WebhookEndpointCreated = WebhookEndpoint.extend({ secret: z.string() });
export type WebhookEndpointCreated = z.infer<typeof WebhookEndpointCreated>;

export const WebhookDeliveryStatus = z.enum(['PENDING', 'DELIVERED', 'DEAD']);

export const WebhookAttempt = z.object({
  attempt: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  /** The endpoint's answer; null when there was none (refused, timed out, unreachable). */
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDelivery = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  status: WebhookDeliveryStatus,
  createdAt: z.iso.datetime({ offset: true }),
  nextAttemptAt: z.iso.datetime({ offset: true }).nullable(),
  deliveredAt: z.iso.datetime({ offset: true }).nullable(),
  attempts: z.array(WebhookAttempt),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** Which of an endpoint's deliveries to list: the newest 50, or those of one event. */
export const WebhookDeliveriesRequest = z.object({ eventId: z.uuid().optional() }).strict();
export type WebhookDeliveriesRequest = z.infer<typeof WebhookDeliveriesRequest>;
