import { randomUUID } from 'node:crypto';
import type {
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointCreated,
  WebhookEndpointRequest,
  WebhookSecret,
} from '@orchard/contracts';
import type { Database } from '@orchard/platform/database';
import { newSigningSecret } from './domain/signatures';

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);

/** How long the previous secret still signs after a rotation: receivers switch at their pace. */
const rotationOverlap = '24 hours';

const toEndpoint = (row: Row): WebhookEndpoint => ({
  id: row['id'] as string,
  url: row['url'] as string,
  eventTypes: row['event_types'] as string[],
  description: row['description'] as string | null,
  status: row['status'] as WebhookEndpoint['status'],
  createdAt: iso(row['created_at']) ?? '',
});

const endpointColumns = 'id, url, event_types, description, status, created_at';

/** Endpoints the shop serves at most: each one adds a delivery to every event it subscribes to. */
export const maxEndpoints = 100;

/** Endpoints, their secrets and their deliveries, as the admin API manages them. */
export class WebhookEndpoints {
  constructor(private readonly database: Database) {}

  /** A new endpoint and its secret, or 'full' when the shop serves as many as it will. */
  async register(request: WebhookEndpointRequest): Promise<WebhookEndpointCreated | 'full'> {
    const [count] = await this.database.query<{ n: number }>(
      'select count(*)::integer as n from webhook_endpoints',
    );
    if ((count?.n ?? 0) >= maxEndpoints) return 'full';
    const secret = newSigningSecret();
    const [row] = await this.database.query<Row>(
      `insert into webhook_endpoints (id, url, event_types, description, status, secret)
       values ($1, $2, $3, $4, 'ACTIVE', $5) returning ${endpointColumns}`,
      [
        randomUUID(),
        request.url,
        [...new Set(request.eventTypes)],
        request.description ?? null,
        secret,
      ],
    );
    return { ...toEndpoint(row ?? {}), secret };
  }

  async list(): Promise<WebhookEndpoint[]> {
    const rows = await this.database.query<Row>(
      `select ${endpointColumns} from webhook_endpoints order by created_at, id`,
    );
    return rows.map(toEndpoint);
  }

  async find(id: string): Promise<WebhookEndpoint | null> {
    const [row] = await this.database.query<Row>(
      `select ${endpointColumns} from webhook_endpoints where id = $1`,
      [id],
    );
    return row ? toEndpoint(row) : null;
  }

  async setStatus(id: string, status: WebhookEndpoint['status']): Promise<WebhookEndpoint | null> {
    const [row] = await this.database.query<Row>(
      `update webhook_endpoints set status = $2 where id = $1 returning ${endpointColumns}`,
      [id, status],
    );
    return row ? toEndpoint(row) : null;
  }

  /** A new secret signs from now on; the old one goes on signing too, for a day. */
  async rotateSecret(id: string): Promise<WebhookSecret | null> {
    const secret = newSigningSecret();
    const rows = await this.database.query<Row>(
      `update webhook_endpoints
          set previous_secret = secret, secret = $2,
              previous_secret_until = now() + interval '${rotationOverlap}'
        where id = $1 returning id`,
      [id, secret],
    );
    return rows.length === 0 ? null : { endpointId: id, secret };
  }

  /** Deleted with its deliveries: nothing more is sent to it. */
  async remove(id: string): Promise<boolean> {
    const rows = await this.database.query(
      'delete from webhook_endpoints where id = $1 returning id',
      [id],
    );
    return rows.length > 0;
  }

  /** The endpoint's newest deliveries (or those of one event), each with its attempts. */
  deliveriesOf(endpointId: string, eventId?: string, limit = 50): Promise<WebhookDelivery[]> {
    return eventId === undefined
      ? this.deliveries('d.endpoint_id = $1', [endpointId], 'd.created_at desc', limit)
      : this.deliveries(
          'd.endpoint_id = $1 and d.event_id = $2',
          [endpointId, eventId],
          'd.created_at',
          1,
        );
  }

  /** Deliveries that ran out of retries, newest first: each waits for an operator. */
  dead(limit = 100): Promise<WebhookDelivery[]> {
    return this.deliveries(`d.status = 'DEAD'`, [], 'd.created_at desc', limit);
  }

  /** A parked delivery, queued again with a fresh retry bound. */
  async redeliver(deliveryId: string): Promise<WebhookDelivery | 'not-found' | 'not-dead'> {
    const rows = await this.database.query<Row>(
      `update webhook_deliveries set status = 'PENDING', next_attempt_at = now(), retries_from = now()
        where id = $1 and status = 'DEAD' returning id`,
      [deliveryId],
    );
    const [delivery] = await this.deliveries('d.id = $1', [deliveryId], 'd.created_at', 1);
    if (!delivery) return 'not-found';
    return rows.length === 0 ? 'not-dead' : delivery;
  }

  private async deliveries(
    where: string,
    values: unknown[],
    order: string,
    limit: number,
  ): Promise<WebhookDelivery[]> {
    const rows = await this.database.query<Row>(
      `select d.id, d.endpoint_id, d.event_id, d.event_type, d.status, d.created_at,
              d.next_attempt_at, d.delivered_at,
              coalesce((select json_agg(json_build_object(
                         'attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code,
                         'latencyMs', a.latency_ms, 'error', a.error) order by a.attempt)
                          from webhook_attempts a where a.delivery_id = d.id), '[]') as attempts
         from webhook_deliveries d where ${where} order by ${order} limit ${limit}`,
      values,
    );
    return rows.map((row) => ({
      id: row['id'] as string,
      endpointId: row['endpoint_id'] as string,
      eventId: row['event_id'] as string,
      eventType: row['event_type'] as string,
      status: row['status'] as WebhookDelivery['status'],
      createdAt: iso(row['created_at']) ?? '',
      nextAttemptAt: row['status'] === 'PENDING' ? iso(row['next_attempt_at']) : null,
      deliveredAt: iso(row['delivered_at']),
      attempts: (row['attempts'] as WebhookDelivery['attempts']).map((a) => ({
        ...a,
        at: new Date(a.at).toISOString(),
      })),
    }));
  }
}
