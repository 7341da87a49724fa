import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import * as contracts from '../index';
import { limits } from '../limits';
import { eventRegistry } from '../events/registry';
import * as accounts from './accounts';
import * as catalog from './catalog';
import { httpExamples, type HttpSchemaName, type Refusal } from './http-examples';
import * as operations from './operations';
import * as orders from './orders';
import * as paging from './paging';
import * as readModels from './read-models';
import * as salesReports from './sales-reports';
import * as shopMetrics from './shop-metrics';
import { text } from './text';
import * as wallets from './wallets';
import * as webhooks from './webhooks';

const modules = {
  accounts,
  catalog,
  operations,
  orders,
  paging,
  'read-models': readModels,
  'sales-reports': salesReports,
  'shop-metrics': shopMetrics,
  wallets,
  webhooks,
};

/** Every Zod schema the http folder exports, by name (catalog re-exports orders' Sku). */
const schemas = new Map(
  Object.values(modules)
    .flatMap((module) => Object.entries(module))
    .filter((entry): entry is [HttpSchemaName, z.ZodType] => entry[1] instanceof z.ZodType),
);

interface Examples {
  valid: unknown;
  parsed?: unknown;
  alsoValid?: Record<string, unknown>;
  invalid?: Record<string, Refusal>;
}
const examples: Record<string, Examples> = httpExamples;

function schemaNamed(name: HttpSchemaName): z.ZodType {
  const schema = schemas.get(name);
  assert.ok(schema, `no schema ${name}`);
  return schema;
}

function issuesOf(schema: z.ZodType, value: unknown): z.core.$ZodIssue[] {
  const result = schema.safeParse(value);
  assert.equal(result.success, false, `accepted ${JSON.stringify(value)}`);
  return result.error?.issues ?? [];
}

const describeIssues = (issues: z.core.$ZodIssue[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');

function assertRefused(schema: z.ZodType, { value, path, message }: Refusal) {
  const issues = issuesOf(schema, value);
  // Refused at the right field: a variant broken twice over would pass for the wrong reason.
  const at = issues.filter((i) => isDeepStrictEqual(i.path, path));
  assert.ok(at.length > 0, `no issue at ${JSON.stringify(path)}: ${describeIssues(issues)}`);
  if (message !== undefined)
    assert.ok(
      at.some((i) => i.message === message),
      `no issue says "${message}": ${describeIssues(issues)}`,
    );
}

function assertAccepted(schema: z.ZodType, value: unknown, expected: unknown = value) {
  const result = schema.safeParse(value);
  assert.ok(result.success, result.success ? '' : describeIssues(result.error.issues));
  assert.deepEqual(result.data, expected);
}

describe('HTTP contracts', () => {
  it('has a module here for every source file of the folder', () => {
    // Read from the sources: a compiled file left behind by a rename would mislead.
    const sources = readdirSync(join(__dirname, '..', '..', 'src', 'http'))
      .filter((file) => /\.ts$/.test(file) && !/\.spec\.ts$|-examples\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''));
    assert.deepEqual(sources.sort(), [...Object.keys(modules), 'text'].sort());
  });

  it('has an example for every schema and for nothing else', () => {
    assert.deepEqual(Object.keys(httpExamples).sort(), [...schemas.keys()].sort());
  });

  it('exports every schema from the package, as other services import them', () => {
    for (const [name, schema] of schemas)
      assert.equal((contracts as Record<string, unknown>)[name], schema, name);
  });

  for (const [name, schema] of schemas) {
    const { valid, parsed, alsoValid = {}, invalid = {} } = examples[name] ?? { valid: undefined };
    describe(name, () => {
      it('accepts a realistic value and reads it as the contract says', () =>
        assertAccepted(schema, valid, parsed ?? valid));

      for (const [what, value] of Object.entries(alsoValid))
        it(`accepts ${what}`, () => assertAccepted(schema, value));

      for (const [what, refusal] of Object.entries(invalid))
        it(`refuses ${what}`, () => assertRefused(schema, refusal));
    });
  }
});

describe('the names clients rely on', () => {
  it('lists every enum value, under its stable spelling', () => {
    const options = (name: HttpSchemaName) => (schemaNamed(name) as z.ZodEnum).options;
    assert.deepEqual(orders.orderStatuses, [
      'PENDING',
      'CONFIRMED',
      'SHIPPED',
      'DELIVERED',
      'REJECTED',
      'CANCELLED',
      'FAILED',
    ]);
    assert.deepEqual(options('OrderStatus'), orders.orderStatuses);
    assert.deepEqual(options('Role'), ['customer', 'admin']);
    assert.deepEqual(options('PaymentStatus'), [
      'AUTHORIZED',
      'DECLINED',
      'CAPTURED',
      'VOIDED',
      'REFUNDED',
    ]);
    assert.deepEqual(options('ReservationStatus'), ['RESERVED', 'RELEASED', 'COMMITTED']);
    assert.deepEqual(options('ShipmentStatus'), [
      'CREATED',
      'CANCELLED',
      'DISPATCHED',
      'DELIVERED',
    ]);
    assert.deepEqual(options('SalesReportStatus'), ['RUNNING', 'COMPLETED', 'FAILED']);
    assert.deepEqual(options('WebhookEndpointStatus'), ['ACTIVE', 'PAUSED']);
    assert.deepEqual(options('WebhookDeliveryStatus'), ['PENDING', 'DELIVERED', 'DEAD']);
    assert.deepEqual(accounts.AccountNotice.shape.kind.options, ['sign-up-attempted']);
  });

  it('offers partners every published event type, sorted', () => {
    assert.deepEqual(webhooks.webhookEventTypes, [...eventRegistry.keys()].sort());
    assert.ok(webhooks.webhookEventTypes.includes('order.shipped'));
  });

  it('names the channel on which summaries change and the longest report', () => {
    assert.equal(readModels.orderSummaryChangesChannel, 'read-model.order-summary-changed');
    assert.equal(salesReports.salesReportMaxDays, 366);
  });
});

describe('what a schema fills in', () => {
  it('pages by 20 unless asked otherwise, from the first page', () => {
    assert.deepEqual(paging.PageRequest.parse({}), { limit: 20 });
    assert.deepEqual(readModels.OrdersInStatusRequest.parse({ status: 'PENDING' }), {
      status: 'PENDING',
      limit: 20,
    });
  });

  it('reads an address however it was typed as one account', () => {
    const email = ' ADA@Example.com';
    assert.equal(
      accounts.SignUpRequest.parse({ email, password: 'x'.repeat(12) }).email,
      'ada@example.com',
    );
    assert.equal(accounts.LogInRequest.parse({ email, password: 'x' }).email, 'ada@example.com');
  });

  it('trims free text before it counts it', () => {
    assert.equal(text(3).parse('  tea \t'), 'tea');
    assert.equal(text(3).safeParse('teas').success, false);
    assert.equal(text(3).safeParse(' \t ').success, false);
  });
});

const chars = (n: number) => 'x'.repeat(n);
/** `n` characters between spaces: still inside a bound the schema counts after trimming. */
const padded = (n: number) => ` ${chars(n)} `;
const emailOf = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;
const urlOf = (length: number) => {
  const base = 'https://hooks.partner.example/';
  return base + 'a'.repeat(length - base.length);
};
const linesOf = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ sku: `TEA-${String(i).padStart(3, '0')}`, quantity: 1 }));
const dayAfter = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Bound {
  schema: HttpSchemaName;
  /** The field the values go in, in the schema's valid example; none for a schema of a value. */
  field?: string;
  inside: unknown[];
  outside: unknown[];
}

const reportStart = httpExamples.SalesReportRequest.valid.from;
const bounds: Bound[] = [
  {
    schema: 'SignUpRequest',
    field: 'email',
    inside: [emailOf(254), ` ${emailOf(254)} `],
    outside: [emailOf(255)],
  },
  {
    schema: 'SignUpRequest',
    field: 'password',
    inside: [chars(12), chars(128)],
    outside: [chars(11), chars(129)],
  },
  {
    schema: 'LogInRequest',
    field: 'password',
    inside: [chars(1), chars(128)],
    outside: ['', chars(129)],
  },
  {
    schema: 'ChangePasswordRequest',
    field: 'currentPassword',
    inside: [chars(1), chars(128)],
    outside: ['', chars(129)],
  },
  {
    schema: 'ChangePasswordRequest',
    field: 'newPassword',
    inside: [chars(12), chars(128)],
    outside: [chars(11), chars(129)],
  },
  {
    schema: 'UpsertProductRequest',
    field: 'name',
    inside: [chars(1), padded(200)],
    outside: [' ', chars(201)],
  },
  {
    schema: 'UpsertProductRequest',
    field: 'priceCents',
    inside: [1, limits.maxUnitPriceCents],
    outside: [0, limits.maxUnitPriceCents + 1, 449.5],
  },
  {
    schema: 'UpsertProductRequest',
    field: 'warehouse',
    inside: ['nw', `n${chars(31)}`],
    outside: ['n', `n${chars(32)}`],
  },
  {
    schema: 'UpsertProductRequest',
    field: 'lowStockThreshold',
    inside: [0, 1_000_000],
    outside: [-1, 1_000_001, 2.5],
  },
  {
    schema: 'StockAdjustmentRequest',
    field: 'delta',
    inside: [-limits.maxStockAdjustment, -1, 1, limits.maxStockAdjustment],
    outside: [-limits.maxStockAdjustment - 1, 0, limits.maxStockAdjustment + 1, 1.5],
  },
  {
    schema: 'StockAdjustmentRequest',
    field: 'reason',
    inside: [chars(1), padded(200)],
    outside: ['', chars(201)],
  },
  { schema: 'Sku', inside: ['T1', `T${'E'.repeat(31)}`], outside: ['T', `T${'E'.repeat(32)}`] },
  {
    schema: 'ShippingAddress',
    field: 'name',
    inside: [chars(1), padded(100)],
    outside: ['', chars(101)],
  },
  {
    schema: 'ShippingAddress',
    field: 'line1',
    inside: [chars(1), padded(200)],
    outside: ['', chars(201)],
  },
  {
    schema: 'ShippingAddress',
    field: 'city',
    inside: [chars(1), padded(100)],
    outside: ['', chars(101)],
  },
  {
    schema: 'ShippingAddress',
    field: 'postalCode',
    inside: [chars(1), padded(20)],
    outside: ['', chars(21)],
  },
  { schema: 'ShippingAddress', field: 'country', inside: ['GB'], outside: ['G', 'GBR'] },
  {
    schema: 'OrderLine',
    field: 'quantity',
    inside: [1, limits.maxLineQuantity],
    outside: [0, limits.maxLineQuantity + 1, 1.5],
  },
  {
    schema: 'PlaceOrderRequest',
    field: 'items',
    inside: [linesOf(1), linesOf(limits.maxOrderLines)],
    outside: [[], linesOf(limits.maxOrderLines + 1)],
  },
  {
    schema: 'PlaceOrderCommand',
    field: 'items',
    inside: [linesOf(1), linesOf(limits.maxOrderLines)],
    outside: [[], linesOf(limits.maxOrderLines + 1)],
  },
  {
    schema: 'CancelOrderRequest',
    field: 'reason',
    inside: [chars(1), padded(200)],
    outside: ['', chars(201)],
  },
  { schema: 'PageRequest', field: 'limit', inside: [1, 100, '100'], outside: [0, 101, '101', 2.5] },
  {
    schema: 'PageRequest',
    field: 'cursor',
    inside: [chars(1), chars(512)],
    outside: ['', chars(513)],
  },
  { schema: 'OrdersInStatusRequest', field: 'limit', inside: [1, 100], outside: [0, 101] },
  {
    schema: 'SalesReportRequest',
    field: 'to',
    inside: [reportStart, dayAfter(reportStart, salesReports.salesReportMaxDays - 1)],
    outside: [dayAfter(reportStart, -1), dayAfter(reportStart, salesReports.salesReportMaxDays)],
  },
  {
    schema: 'DepositRequest',
    field: 'amountCents',
    inside: [1, limits.maxDepositCents],
    outside: [0, limits.maxDepositCents + 1, 0.5],
  },
  {
    schema: 'DepositCommand',
    field: 'amountCents',
    inside: [1, limits.maxDepositCents],
    outside: [0, limits.maxDepositCents + 1],
  },
  {
    schema: 'WebhookEndpointRequest',
    field: 'url',
    inside: [urlOf(2_000)],
    outside: [urlOf(2_001)],
  },
  {
    schema: 'WebhookEndpointRequest',
    field: 'eventTypes',
    inside: [['order.placed'], webhooks.webhookEventTypes],
    outside: [[], [...webhooks.webhookEventTypes, 'order.placed']],
  },
  {
    schema: 'WebhookEndpointRequest',
    field: 'description',
    inside: [chars(1), padded(200)],
    outside: ['', chars(201)],
  },
];

const show = (value: unknown): string =>
  typeof value === 'string'
    ? value.length > 12
      ? `${value.length} characters`
      : JSON.stringify(value)
    : Array.isArray(value)
      ? `${value.length} items`
      : String(value);

describe('bounds', () => {
  for (const { schema: name, field, inside, outside } of bounds) {
    const schema = schemaNamed(name);
    const put = (value: unknown) =>
      field === undefined ? value : { ...(examples[name]?.valid as object), [field]: value };
    it(`${field === undefined ? name : `${name}.${field}`} accepts ${inside.map(show).join(', ')} and refuses ${outside.map(show).join(', ')}`, () => {
      for (const value of inside) {
        const result = schema.safeParse(put(value));
        assert.ok(
          result.success,
          `${show(value)}: ${result.success ? '' : describeIssues(result.error.issues)}`,
        );
      }
      for (const value of outside) {
        const issues = issuesOf(schema, put(value));
        if (field !== undefined)
          assert.ok(
            issues.some((i) => i.path[0] === field),
            `${show(value)} refused elsewhere: ${describeIssues(issues)}`,
          );
      }
    });
  }
});
