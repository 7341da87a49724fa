import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CustomerOrder, Page as ApiPage } from '@orchard/contracts';
import { call } from '@orchard/e2e';
import { whileDispatchIsHeld } from '@orchard/e2e/fulfilment';
import { freshContext, launchChromium, screenshot, viewports } from './browser';
import { measureLoad, report, type PageLoad } from './page-metrics';
import { newShopper, productShownFirst, type ShownProduct } from './shop-data';

/** Everything Chromium reports as refused by the content security policy. */
function policyViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function signUpAndLogIn(page: Page, shopper: { email: string; password: string }) {
  await page.goto('/shop/signup');
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(/\/shop\/login/);
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function deposit(page: Page, euros: string) {
  await page.goto('/shop/wallet');
  await page.getByLabel('Amount (EUR)').fill(euros);
  await page.getByRole('button', { name: 'Deposit' }).click();
}

async function addToCart(page: Page, product: ShownProduct, quantity = 1) {
  await page.goto('/shop/');
  const add = page.getByRole('button', { name: `Add ${product.name} to cart` });
  if (quantity !== 1) await page.getByLabel(`Quantity of ${product.name}`).fill(String(quantity));
  await add.click();
}

async function fillAddress(page: Page) {
  await page.getByRole('textbox', { name: 'Full name' }).fill('Ada Lovelace');
  await page.getByRole('textbox', { name: 'Address', exact: true }).fill('12 Garden Row');
  await page.getByRole('textbox', { name: 'City' }).fill('Berlin');
  await page.getByRole('textbox', { name: 'Postal code' }).fill('10115');
}

/** The order page's live status: the heading the event stream updates. */
const statusHeading = (page: Page, status: string) =>
  page.getByRole('heading', { name: status, exact: true });

/** The id in the order page's address, once checkout has gone there. */
async function orderIdAfterCheckout(page: Page): Promise<string> {
  await page.waitForURL(/\/shop\/orders\/[0-9a-f-]{36}$/);
  return page.url().split('/').at(-1) as string;
}

async function ordersOf(customerId: string): Promise<CustomerOrder[]> {
  const answer = await call<ApiPage<CustomerOrder>>(
    'GET',
    `/customers/${customerId}/orders?limit=100`,
  );
  return answer.body.items;
}

const accountIdOf = async (page: Page) =>
  (await page.evaluate(async () => (await (await fetch('/auth/me')).json()) as { id: string })).id;

describe('the storefront in Chromium', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const loads: PageLoad[] = [];
  const context = async (viewport?: { width: number; height: number }) => {
    const created = await freshContext(browser, viewport);
    contexts.push(created);
    return created;
  };

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    report(loads);
    for (const created of contexts) await created.close();
    await browser?.close();
  });

  it('loads the catalog under a strict policy, light and quickly interactive', async () => {
    const product = await productShownFirst(10, 1250);
    for (const [name, viewport] of Object.entries(viewports)) {
      const page = await (await context(viewport)).newPage();
      const violations = policyViolations(page);
      const answer = page.waitForResponse((r) => r.url().endsWith('/shop/'));
      const load = await measureLoad(page, '/shop/', /^Add .* to cart$/);
      loads.push({ ...load, page: `/shop/ (${name}, cold cache)` });
      const policy = (await (await answer).allHeaders())['content-security-policy'] ?? '';
      assert.match(policy, /script-src 'self'(;|$)/);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
      await page.getByRole('button', { name: `Add ${product.name} to cart` }).waitFor();
      await screenshot(page, `catalog-${name}`);
      assert.deepEqual(violations, [], 'nothing on the page is refused by its policy');
      // A phone-sized screen scrolls down, never sideways.
      if (name === 'phone')
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          'no horizontal scrolling on a phone',
        );
    }
  });

  it('signs up, checks out once on a double click, and follows the order live to DELIVERED', async () => {
    const product = await productShownFirst(10, 1250);
    const page = await (await context()).newPage();
    const violations = policyViolations(page);
    await signUpAndLogIn(page, newShopper());
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'orchard_session');
    assert.equal(session?.httpOnly, true, 'the session cookie is HttpOnly');
    assert.equal(session?.sameSite, 'Lax');
    assert.doesNotMatch(await page.evaluate(() => document.cookie), /orchard_session/);

    await deposit(page, '50');
    await page.getByText('€50.00').first().waitFor();
    await addToCart(page, product, 2);
    await page.getByRole('link', { name: /Cart/ }).click();
    await fillAddress(page);
    await screenshot(page, 'checkout');

    const eventStreams: string[] = [];
    const summaryReads: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (/\/orders\/[^/]+\/events$/.test(path)) eventStreams.push(path);
      if (/^\/orders\/[^/]+$/.test(path) && request.method() === 'GET') summaryReads.push(path);
    });
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    const orderId = await orderIdAfterCheckout(page);

    // Live: the page was never reloaded, and what moved it was one event stream, not polling.
    await statusHeading(page, 'Delivered').waitFor({ timeout: 90_000 });
    await screenshot(page, 'order-delivered');
    assert.deepEqual(eventStreams, [`/orders/${orderId}/events`]);
    assert.ok(summaryReads.length <= 1, `no polling of the summary: ${summaryReads.join(', ')}`);
    for (const status of ['Pending', 'Confirmed', 'Shipped', 'Delivered'])
      await page.getByRole('listitem').filter({ hasText: status }).locator('time').waitFor();

    // One order for the double click.
    const customerId = await accountIdOf(page);
    assert.deepEqual(
      (await ordersOf(customerId)).map((o) => [o.orderId, o.status]),
      [[orderId, 'DELIVERED']],
    );
    await page.goto('/shop/orders');
    await page.getByRole('link', { name: new RegExp(orderId.slice(0, 8)) }).waitFor();
    await screenshot(page, 'order-history');
    assert.deepEqual(violations, []);
  });

  it('cancels an order while it is allowed, and explains a rejection in words', async () => {
    const product = await productShownFirst(10, 2000);
    const page = await (await context(viewports.phone)).newPage();
    await signUpAndLogIn(page, newShopper());
    await deposit(page, '30');
    await page.getByText('€30.00').first().waitFor();

    // Held before dispatch, the order stays cancellable while the shopper cancels it.
    await whileDispatchIsHeld(async () => {
      await addToCart(page, product);
      await page.goto('/shop/cart');
      await fillAddress(page);
      await page.getByRole('button', { name: 'Place order' }).click();
      await orderIdAfterCheckout(page);
      await statusHeading(page, 'Confirmed').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Cancel order' }).click();
      await statusHeading(page, 'Cancelled').waitFor({ timeout: 60_000 });
    });
    await screenshot(page, 'order-cancelled-phone');

    // Two of them cost €40, more than the €30 the wallet has again after the refund.
    await addToCart(page, product, 2);
    await page.goto('/shop/cart');
    await fillAddress(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await orderIdAfterCheckout(page);
    await page
      .getByText(/enough (money|funds)/i)
      .first()
      .waitFor({ timeout: 60_000 });
    await screenshot(page, 'order-rejected-phone');
  });

  it('checks out with the keyboard alone', async () => {
    const product = await productShownFirst(10, 900);
    const page = await (await context()).newPage();
    await signUpAndLogIn(page, newShopper());
    await deposit(page, '20');
    await page.getByText('€20.00').first().waitFor();
    await page.goto('/shop/');
    await page.getByRole('button', { name: `Add ${product.name} to cart` }).waitFor();

    /** Tabs forward until the focused element is the one named, then presses Enter. */
    const tabTo = async (name: RegExp, press = 'Enter') => {
      for (let tabs = 0; tabs < 200; tabs += 1) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          const label = element?.id
            ? document.querySelector(`label[for="${element.id}"]`)?.textContent
            : undefined;
          return element?.getAttribute('aria-label') ?? label ?? element?.textContent ?? '';
        });
        if (name.test(focused.trim())) {
          if (press) await page.keyboard.press(press);
          return;
        }
      }
      throw new Error(`could not reach ${name} with Tab`);
    };
    await tabTo(new RegExp(`^Add ${product.name} to cart$`));
    await tabTo(/^Cart/);
    await page.waitForURL(/\/shop\/cart$/);
    for (const [label, text] of [
      [/^Full name/, 'Grace Hopper'],
      [/^Address/, '1 Harbour Way'],
      [/^City/, 'Hamburg'],
      [/^Postal code/, '20095'],
    ] as const) {
      await tabTo(label, '');
      await page.keyboard.type(text);
    }
    await tabTo(/^Place order$/);
    const orderId = await orderIdAfterCheckout(page);
    await page
      .getByRole('heading', { name: /^(Confirmed|Shipped|Delivered)$/ })
      .waitFor({ timeout: 60_000 });
    assert.match(orderId, /^[0-9a-f-]{36}$/);
  });
});
