import type { WebhookDelivery, WebhookEndpointCreated } from '@orchard/contracts';
import { call } from './shop-client';
import type { TestReceiver } from './webhook-receiver';

/** Starts a test partner and registers it for `eventTypes`; returns the endpoint and its secret. */
export async function registerPartner(
  receiver: TestReceiver,
  eventTypes: string[],
): Promise<WebhookEndpointCreated> {
  const url = await receiver.start();
  const created = await call<WebhookEndpointCreated>('POST', '/admin/webhook-endpoints', {
    url,
    eventTypes,
    description: 'a test partner',
  });
  if (created.status !== 201)
    throw new Error(`registering ${url}: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/** The endpoint's delivery of one event, with its attempts; undefined until queued. */
export async function deliveryOf(
  endpointId: string,
  eventId: string,
): Promise<WebhookDelivery | undefined> {
  const answer = await call<WebhookDelivery[]>(
    'GET',
    `/admin/webhook-endpoints/${endpointId}/deliveries?eventId=${eventId}`,
  );
  if (answer.status !== 200)
    throw new Error(`deliveries of ${endpointId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body[0];
}
