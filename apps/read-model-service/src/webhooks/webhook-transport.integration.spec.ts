import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RefusedTargetError } from './domain/target-addresses';
import { WebhookTransport } from './webhook-transport';

describe('the webhook transport against a real server on loopback', () => {
  let server: Server;
  let port: number;
  let requests = 0;

  before(async () => {
    server = createServer((_request, response) => {
      requests++;
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses loopback by address and by a name resolving to it, sending nothing (SSRF)', async () => {
    const guarded = new WebhookTransport({ allowPrivateTargets: false, timeoutMs: 2_000 });
    try {
      for (const url of [
        `http://127.0.0.1:${port}/hooks`,
        `http://localhost:${port}/hooks`,
        `http://[::ffff:127.0.0.1]:${port}/hooks`,
      ])
        await assert.rejects(guarded.post(url, {}, '{}'), RefusedTargetError, url);
      assert.equal(requests, 0);
    } finally {
      await guarded.close();
    }
  });

  it('reaches it when private targets are allowed, for local development', async () => {
    const open = new WebhookTransport({ allowPrivateTargets: true, timeoutMs: 2_000 });
    try {
      const outcome = await open.post(`http://localhost:${port}/hooks`, {}, '{}');
      assert.equal(outcome.statusCode, 204);
      assert.equal(requests, 1);
    } finally {
      await open.close();
    }
  });
});
