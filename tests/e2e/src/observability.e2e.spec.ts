import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { apps, appUrl, managementPortOf, statePaths, waitFor } from '@orchard/stack';
import { signUpCustomer } from './sessions';
import { call, customerWith, orderReaching, placeOrder, stockedProduct } from './shop-client';

type LogLine = Record<string, unknown>;

/** The log lines of an app's current run (the stack appends each run after a `---` marker). */
async function currentRunLog(app: string): Promise<{ text: string; lines: LogLine[] }> {
  const whole = await readFile(statePaths.log(app), 'utf8');
  const text = whole.slice(whole.lastIndexOf('\n--- ') + 1);
  const lines = text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
  return { text, lines };
}

async function metricsOf(port: number): Promise<string> {
  const response = await fetch(`${appUrl(managementPortOf(port))}/metrics`);
  assert.equal(response.status, 200);
  return response.text();
}

describe('logs, metrics and health', () => {
  it('writes JSON lines naming service, trace, span and order, and never a secret', async () => {
    const secrets = {
      bearer: `bearer-${randomUUID()}`,
      cookie: `cookie-${randomUUID()}`,
      serviceToken: `service-${randomUUID()}`,
      password: `password-${randomUUID()}`,
      idempotencyKey: `key-${randomUUID()}`,
    };
    const marker = randomUUID();
    const refused = await call(
      'POST',
      `/orders?probe=${marker}`,
      { password: secrets.password, items: [] },
      {
        authorization: `Bearer ${secrets.bearer}`,
        cookie: `orchard_session=${secrets.cookie}`,
        'x-service-token': secrets.serviceToken,
        'idempotency-key': secrets.idempotencyKey,
      },
    );
    assert.equal(refused.status, 401, 'the made-up session is refused');
    // A real login and a sign-up carry passwords, and the login answer a session id.
    const customer = await signUpCustomer();
    const badLogin = await call(
      'POST',
      `/auth/login?probe=${marker}`,
      { email: customer.email, password: secrets.password },
      { cookie: '' },
    );
    assert.equal(badLogin.status, 401);
    const sessionId = customer.cookie.split('=')[1] as string;
    await call('GET', `/auth/me?probe=${marker}`, undefined, { cookie: customer.cookie });

    const tea = await stockedProduct(5, 700);
    const accepted = await placeOrder(await customerWith(5_000), [{ sku: tea.sku, quantity: 1 }]);
    const { orderId } = accepted.body;
    await orderReaching(orderId, ['CONFIRMED', 'SHIPPED', 'DELIVERED']);

    let gatewayLog = await currentRunLog('gateway');
    // The three probe requests: the made-up session, the failed login, the real session.
    const probeLines = () => gatewayLog.lines.filter((l) => JSON.stringify(l).includes(marker));
    await waitFor(
      async () => {
        gatewayLog = await currentRunLog('gateway');
        return probeLines().length >= 3;
      },
      { timeoutMs: 10_000, what: 'the gateway to log the probe requests' },
    );
    for (const secret of [...Object.values(secrets), customer.password, sessionId])
      assert.ok(!gatewayLog.text.includes(secret), 'no secret in the gateway log');
    const [probe] = probeLines();
    assert.equal(probe?.['service'], 'gateway');
    assert.match(String(probe?.['trace_id']), /^[0-9a-f]{32}$/);

    for (const app of apps.filter((a) => a.name !== 'gateway')) {
      const { lines } = await currentRunLog(app.name);
      assert.ok(lines.length > 0, `${app.name} logs JSON`);
      assert.ok(
        lines.every((l) => l['service'] === app.name),
        `every ${app.name} line names its service`,
      );
    }
    // The inventory service logs the order's reservation being committed as its parcel ships.
    let orderLines: LogLine[] = [];
    await waitFor(
      async () => {
        const { lines } = await currentRunLog('inventory-service');
        orderLines = lines.filter((l) => l['orderId'] === orderId);
        return orderLines.length > 0;
      },
      { timeoutMs: 30_000, what: 'inventory-service to log a line naming the order' },
    );
    for (const line of orderLines) {
      assert.equal(line['trace_id'], accepted.headers.get('x-trace-id'));
      assert.match(String(line['span_id']), /^[0-9a-f]{16}$/);
    }
  });

  it('exposes Prometheus metrics: requests, saga outcomes, consumer lag, outbox backlog', async () => {
    const tea = await stockedProduct(5, 700);
    const accepted = await placeOrder(await customerWith(5_000), [{ sku: tea.sku, quantity: 1 }]);
    await orderReaching(accepted.body.orderId, ['CONFIRMED', 'SHIPPED', 'DELIVERED']);

    const byName = new Map(apps.map((a) => [a.name, a.port]));
    const port = (name: string) => byName.get(name) as number;
    const gateway = await metricsOf(port('gateway'));
    assert.match(
      gateway,
      /http_server_request_duration_seconds_count\{service="gateway",method="POST",route="\/orders",status_code="202"\} [1-9]/,
    );
    const order = await metricsOf(port('order-service'));
    assert.match(
      order,
      /orchard_saga_outcomes_total\{status="CONFIRMED",reason="none",service="order-service"\} [1-9]/,
    );
    assert.match(
      order,
      /orchard_consumer_lag_messages\{group="order-service.fulfilment",topic="shipment.events"/,
    );
    for (const owner of ['order', 'payment', 'inventory', 'shipping'])
      assert.match(
        await metricsOf(port(`${owner}-service`)),
        new RegExp(
          `orchard_outbox_backlog_bytes\\{slot="${owner}_outbox",service="${owner}-service"\\} \\d+`,
        ),
      );
    assert.match(
      await metricsOf(port('read-model-service')),
      /orchard_consumer_lag_messages\{group="read-model-service.views",topic="order.events"/,
    );
  });

  it('answers liveness and readiness on every app, checking its own dependencies', async () => {
    for (const app of apps) {
      const live = await fetch(`${appUrl(managementPortOf(app.port))}/health/live`);
      assert.equal(live.status, 200, `${app.name} is live`);
      const ready = await fetch(`${appUrl(managementPortOf(app.port))}/health/ready`);
      const body = (await ready.json()) as { status: string; details: Record<string, unknown> };
      assert.equal(ready.status, 200, `${app.name} is ready`);
      assert.equal(body.status, 'ok');
      assert.ok(Object.keys(body.details).length > 0, `${app.name} checks something`);
    }
  });
});
