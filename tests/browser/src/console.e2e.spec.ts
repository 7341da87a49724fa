import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { OrderTrace } from '@orchard/contracts';
import { call, customerWith, orderReaching, placeOrder } from '@orchard/e2e';
import { whileDispatchIsHeld } from '@orchard/e2e/fulfilment';
import { adminAccount, waitFor } from '@orchard/stack';
import { freshContext, launchChromium, screenshot } from './browser';
import { productShownFirst } from './shop-data';

async function logInAsAdmin(page: Page): Promise<void> {
  await page.goto('/console/');
  // Not logged in: the console sends the browser to log in first, and back after.
  await page.waitForURL(/\/shop\/login\?next=/);
  await page.getByLabel('Email').fill(adminAccount().email);
  await page.getByLabel('Password').fill(adminAccount().password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/console\/$/);
}

/** The nesting depth the trace view gives a span's row (1 for a root). */
async function levelOf(row: Locator): Promise<number> {
  return Number(await row.getAttribute('aria-level'));
}

describe('the operations console in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    browser = await launchChromium();
    context = await freshContext(browser);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
  });

  it("lists a running order with its saga's step, the consumers' lag and low stock", async () => {
    const product = await productShownFirst(3, 500, 5);
    const customer = await customerWith(5_000);
    const page = await context.newPage();
    await logInAsAdmin(page);
    await whileDispatchIsHeld(async () => {
      const { body } = await placeOrder(customer, [{ sku: product.sku, quantity: 1 }]);
      await orderReaching(body.orderId, ['CONFIRMED']);
      await page.getByLabel('Status', { exact: true }).selectOption('CONFIRMED');
      const row = page.getByRole('row').filter({ hasText: body.orderId.slice(0, 8) });
      await row.waitFor({ timeout: 30_000 });
      await row.getByText('awaiting shipment').waitFor();
      const temporal = row.getByRole('link', { name: 'Workflow in Temporal' });
      assert.match(
        (await temporal.getAttribute('href')) ?? '',
        new RegExp(`/workflows/order-${body.orderId}$`),
      );
      await screenshot(page, 'console-orders');
    });

    const consumers = page.getByRole('region', { name: 'Event consumers' });
    await consumers.getByRole('button', { name: 'Refresh' }).click();
    await consumers.getByRole('row').filter({ hasText: 'read-model-service.views' }).waitFor();
    const stock = page.getByRole('region', { name: 'Stock' });
    await stock.getByRole('button', { name: 'Refresh' }).click();
    const lowRow = stock.getByRole('row').filter({ hasText: product.sku });
    await lowRow.getByText('Low stock').waitFor();
    await screenshot(page, 'console-consumers-stock');
  });

  it("opens an order's trace: the gateway's request, the workflow, its activities, the consumers", async () => {
    const product = await productShownFirst(5, 700);
    const customer = await customerWith(5_000);
    const { body } = await placeOrder(customer, [{ sku: product.sku, quantity: 1 }]);
    await orderReaching(body.orderId, ['SHIPPED', 'DELIVERED']);
    // Spans reach Jaeger in batches, the consumers' last: the page is opened once all are there.
    await waitFor(
      async () => {
        const trace = await call<OrderTrace>('GET', `/admin/orders/${body.orderId}/trace`);
        return (
          trace.status === 200 &&
          trace.body.spans.some(
            (s) =>
              s.service === 'read-model-service' && /handle order\.confirmed$/.test(s.operation),
          ) &&
          // Every parent exported too (a span leaves when it ends, after its children).
          trace.body.spans.filter((s) => s.parentSpanId === null).length === 1
        );
      },
      { timeoutMs: 60_000, what: "the order's trace with its consumers in Jaeger" },
    );
    const page = await context.newPage();
    await page.goto(`/console/orders/${body.orderId}/trace`);
    const row = (name: RegExp) => page.getByRole('treeitem', { name }).first();
    const consumer = row(/^read-model-service .*handle order\.confirmed/);
    await consumer.waitFor();
    const gateway = row(/^gateway /);
    const workflow = row(/RunWorkflow:placeOrderWorkflow/);
    const activity = row(/RunActivity:confirmOrder/);
    assert.equal(await levelOf(gateway), 1, 'the gateway request is the root');
    assert.ok((await levelOf(workflow)) > (await levelOf(gateway)));
    assert.ok((await levelOf(activity)) > (await levelOf(workflow)));
    assert.ok((await levelOf(consumer)) > (await levelOf(activity)));

    await activity.click();
    await page.getByText(body.orderId).first().waitFor();
    await screenshot(page, 'console-trace');
  });

  it('keeps the console and its data from customers', async () => {
    const customerContext = await freshContext(browser);
    try {
      const page = await customerContext.newPage();
      const { email, password } = {
        email: `c-${Date.now()}@example.test`,
        password: `pw-${Date.now()}-x`,
      };
      await page.goto('/shop/signup');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.waitForURL(/\/shop\/login/);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Operations console' }).count(), 0);

      const consolePage = await page.goto('/console/');
      assert.equal(consolePage?.status(), 403);
      const data = await page.evaluate(
        async () => (await fetch('/admin/orders?status=PENDING')).status,
      );
      assert.equal(data, 403);
    } finally {
      await customerContext.close();
    }
  });
});
