import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  composeProjectOfEnvironment,
  composeProjectVariable,
  hostAddressForContainers,
} from '@orchard/stack';

/** One request a test receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: string; type: string; occurredAt: string; data: Record<string, unknown> };
  receivedAt: number;
}

/** How a receiver answers the nth request (1-based) carrying one webhook-id. */
export type Behaviour = (attempt: number) => { status: number; delayMs?: number };

/**
 * Where a receiver listens, and the host the shop sends to: loopback beside the native stack;
 * beside the compose stack, this machine's address on the Docker bridge, which the read
 * model's container knows as `host.docker.internal`.
 */
async function receiverAddress(): Promise<{ listenOn: string; urlHost: string }> {
  if (!process.env[composeProjectVariable]) return { listenOn: '127.0.0.1', urlHost: '127.0.0.1' };
  const listenOn = await hostAddressForContainers(composeProjectOfEnvironment());
  return { listenOn, urlHost: 'host.docker.internal' };
}

/**
 * A partner's endpoint on this machine, as a test plays it: records what it is sent and answers as
 * its behaviour says (which a test may change while it runs).
 */
export class TestReceiver {
  readonly received: Received[] = [];
  private readonly attempts = new Map<string, number>();
  private server?: Server;
  behaviour: Behaviour;

  constructor(behaviour: Behaviour = () => ({ status: 204 })) {
    this.behaviour = behaviour;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const id = String(request.headers['webhook-id']);
        const attempt = (this.attempts.get(id) ?? 0) + 1;
        this.attempts.set(id, attempt);
        const { status, delayMs = 0 } = this.behaviour(attempt);
        const answer = () => {
          if (status >= 200 && status < 300)
            this.received.push({
              headers: request.headers,
              body,
              event: JSON.parse(body) as Received['event'],
              receivedAt: Date.now(),
            });
          response.writeHead(status).end();
        };
        if (delayMs > 0) setTimeout(answer, delayMs).unref();
        else answer();
      });
    });
    const { listenOn, urlHost } = await receiverAddress();
    await new Promise<void>((resolve) => this.server?.listen(0, listenOn, resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://${urlHost}:${port}/hooks`;
  }

  /** What it accepted about one order. */
  about(orderId: string): Received[] {
    return this.received.filter((r) => r.event.data['orderId'] === orderId);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
