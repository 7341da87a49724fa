import type { ServerResponse } from 'node:http';
import type { OrderSummary } from '@orchard/contracts';

/** Comments keep idle proxies (HAProxy's 60 s timeouts) from closing a quiet stream. */
const heartbeatMs = 15_000;

/**
 * One browser's server-sent event stream of an order: the summary as soon as the read model
 * has it, then again after every announced change. Looks are serialised, so summaries leave in
 * the order they were read; an unchanged summary (a repeated announcement) is not sent again.
 */
export class OrderEventStream {
  private lastSent = '';
  private sending: Promise<void> = Promise.resolve();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly read: () => Promise<OrderSummary | undefined>,
  ) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    // Tells EventSource how long to wait before it reconnects after a drop.
    response.write('retry: 2000\n\n');
    this.heartbeat = setInterval(() => response.write(': keep-alive\n\n'), heartbeatMs);
  }

  /** Reads the summary again and sends it if it changed; errors end in the stream's log. */
  sendIfChanged(onError: (error: unknown) => void): void {
    this.sending = this.sending.then(async () => {
      if (this.closed) return;
      try {
        const summary = await this.read();
        const data = summary && JSON.stringify(summary);
        if (!data || data === this.lastSent || this.closed) return;
        this.lastSent = data;
        this.response.write(`event: summary\ndata: ${data}\n\n`);
      } catch (error) {
        onError(error);
      }
    });
  }

  /** Tells the browser why the stream ends (an `ended` event), then ends it. */
  end(reason: string): void {
    if (!this.closed && !this.response.writableEnded)
      this.response.write(`event: ended\ndata: ${JSON.stringify({ reason })}\n\n`);
    this.close();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    if (!this.response.writableEnded) this.response.end();
  }
}
