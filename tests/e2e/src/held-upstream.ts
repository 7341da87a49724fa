import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of a service that passes each request on at once but holds the service's
 * answer back until `release()`: the caller (a gateway) is then caught between the command
 * having run and its answer, where a crash hurts most.
 */
export class HeldUpstream {
  /** The service's answers so far, held or released. */
  readonly answers: { status: number; body: string }[] = [];
  private releaseAll: () => void = () => undefined;
  private readonly released = new Promise<void>((resolve) => (this.releaseAll = resolve));

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<HeldUpstream> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const held = new HeldUpstream(server, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      void held.pass(target, request, response).catch(() => response.destroy());
    });
    return held;
  }

  private async pass(target: string, request: IncomingMessage, response: ServerResponse) {
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers: forwardedHeaders(request),
      body: ['GET', 'HEAD'].includes(request.method ?? 'GET') ? undefined : await bodyOf(request),
    });
    const body = await answer.text();
    this.answers.push({ status: answer.status, body });
    await this.released;
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
    response.end(body);
  }

  release(): void {
    this.releaseAll();
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function forwardedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
      headers[name] = value;
  }
  return headers;
}
