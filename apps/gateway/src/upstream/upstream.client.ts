import { HttpException } from '@nestjs/common';
import { Pool } from 'undici';
import { problem, RetryLaterError } from '@orchard/platform/http';
import { serviceCredentialHeader, signServiceCredential } from '@orchard/platform/service-auth';

export type UpstreamName = 'order' | 'payment' | 'inventory' | 'shipping' | 'readModel';

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
  private readonly credentialSecret: string;

  constructor(
    readonly name: UpstreamName,
    baseUrl: string,
    settings: { timeoutMs: number; credentialSecret: string },
  ) {
    this.timeoutMs = settings.timeoutMs;
    this.credentialSecret = settings.credentialSecret;
    this.pool = new Pool(baseUrl, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  /** Calls the service; `deadlineMs` overrides the default wait, e.g. for one part of an aggregate. */
  async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    deadlineMs: number = this.timeoutMs,
  ): Promise<UpstreamResponse<T>> {
    let response;
    try {
      response = await this.pool.request({
        method,
        path,
        headers: {
          // Services answer the gateway only: each call is signed afresh.
          [serviceCredentialHeader]: signServiceCredential(this.credentialSecret),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
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
