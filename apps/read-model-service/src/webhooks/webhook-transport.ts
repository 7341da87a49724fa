import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, request } from 'undici';
import { isAllowedTarget, RefusedTargetError } from './domain/target-addresses';

/** What one attempt got: the endpoint's status code and how long it took to answer. */
export interface AttemptOutcome {
  statusCode: number;
  latencyMs: number;
}

/**
 * POSTs deliveries, connecting only to addresses deliveries may reach. The check runs on the
 * addresses the connection itself resolves (no second lookup an attacker's DNS could answer
 * differently), and on literal addresses, which connect without a lookup.
 */
export class WebhookTransport {
  private readonly agent: Agent;

  constructor(private readonly options: { allowPrivateTargets: boolean; timeoutMs: number }) {
    this.agent = new Agent({
      connections: 4,
      keepAliveTimeout: 10_000,
      connect: { lookup: this.guardedLookup.bind(this) },
    });
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host) && !isAllowedTarget(host, this.options.allowPrivateTargets))
      throw new RefusedTargetError(host);
    const started = performance.now();
    const response = await request(url, {
      method: 'POST',
      dispatcher: this.agent,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Orchard-Webhooks/1',
        ...headers,
      },
      body,
      headersTimeout: this.options.timeoutMs,
      bodyTimeout: this.options.timeoutMs,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    // The answer's body is not needed, but must be read for the connection to be reused.
    await response.body.dump();
    return { statusCode: response.statusCode, latencyMs: Math.round(performance.now() - started) };
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private guardedLookup(
    hostname: string,
    options: LookupOptions,
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (addresses.some((a) => !isAllowedTarget(a.address, this.options.allowPrivateTargets)))
        return callback(new RefusedTargetError(hostname), []);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(new RefusedTargetError(hostname), []);
      callback(null, first.address, first.family);
    });
  }
}
