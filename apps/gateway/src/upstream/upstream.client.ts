import { HttpException } from '@nestjs/common';
import { Pool } from 'undici';
import { problem, RetryLaterError } from '@orchard/platform/http';
import {
  bodyDigest,
  serviceTokenHeader,
  type ServiceTokenIssuer,
} from '@orchard/platform/service-auth';

export type UpstreamName = 'order' | 'payment' | 'inventory' | 'shipping' | 'readModel';

/** The service behind each upstream: the audience of the tokens the gateway signs for it. */
const serviceNames: Record<UpstreamName, string> = {
  order: 'order-service',
  payment: 'payment-service',
  inventory: 'inventory-service',
  shipping: 'shipping-service',
  readModel: 'read-model-service',
};

const publicNames: Record<UpstreamName, string> = {
  order: 'ordering',
  payment: 'payments',
  inventory: 'catalog',
  shipping: 'shipping',
  readModel: 'order and catalog views',
};

const invalidJson = Symbol('invalid JSON');

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return invalidJson;
  }
}

export interface UpstreamResponse<T> {
  status: number;
  body: T;
}

/**
 * A keep-alive connection pool to one service. A service's client error (4xx, problem+json)
 * is passed on as it is; its failure or silence becomes a 502 or 503 that names the part of
 * the shop that is unavailable, never an internal host or a stack trace.
 */
export class UpstreamClient {
  private readonly pool: Pool;

  private readonly timeoutMs: number;
  private readonly tokens: ServiceTokenIssuer;

  constructor(
    readonly name: UpstreamName,
    baseUrl: string,
    settings: { timeoutMs: number; tokens: ServiceTokenIssuer },
  ) {
    this.timeoutMs = settings.timeoutMs;
    this.tokens = settings.tokens;
    this.pool = new Pool(baseUrl, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  /** Calls the service; `deadlineMs` overrides the default wait, e.g. for one part of an aggregate. */
  async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    deadlineMs: number = this.timeoutMs,
  ): Promise<UpstreamResponse<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    // Each call carries a token for this service and this very request, used once.
    const token = await this.tokens.issue(serviceNames[this.name], {
      method,
      path,
      bodyDigest: bodyDigest(payload),
    });
    let response;
    try {
      response = await this.pool.request({
        method,
        path,
        headers: {
          [serviceTokenHeader]: token,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: payload,
        signal: AbortSignal.timeout(deadlineMs),
        headersTimeout: deadlineMs,
        bodyTimeout: deadlineMs,
      });
    } catch {
      throw new RetryLaterError(
        503,
        'service-unavailable',
        `The ${publicNames[this.name]} service is unavailable.`,
        2,
      );
    }
    const parsed = parseJson(await response.body.text());
    if (response.statusCode >= 500 || parsed === invalidJson) {
      throw new HttpException(
        problem(502, 'bad-gateway', `The ${publicNames[this.name]} service failed.`),
        502,
      );
    }
    if (response.statusCode >= 400) throw new HttpException(parsed as object, response.statusCode);
    return { status: response.statusCode, body: parsed as T };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
