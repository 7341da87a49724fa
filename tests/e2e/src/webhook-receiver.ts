import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
 * A partner's endpoint on loopback, as a test plays it: records what it is sent and answers as
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
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hooks`;
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
