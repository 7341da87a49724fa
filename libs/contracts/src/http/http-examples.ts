import type { z } from 'zod';
import type * as accounts from './accounts';
import type * as catalog from './catalog';
import type * as operations from './operations';
import type * as orders from './orders';
import type * as paging from './paging';
import type * as readModels from './read-models';
import type * as salesReports from './sales-reports';
import type * as shopMetrics from './shop-metrics';
import type * as wallets from './wallets';
import type * as webhooks from './webhooks';
import { webhookEventTypes } from './webhooks';

/**
 * A realistic example of every HTTP schema, as clients send them and services answer them, and
 * the values each must refuse. Specs check every exported schema against these, so a new schema
 * without an example fails its spec.
 */
type HttpModules = typeof accounts &
  typeof catalog &
  typeof operations &
  typeof orders &
  typeof paging &
  typeof readModels &
  typeof salesReports &
  typeof shopMetrics &
  typeof wallets &
  typeof webhooks;

/** The name of every Zod schema the http folder exports. */
export type HttpSchemaName = {
  [K in keyof HttpModules]: HttpModules[K] extends z.ZodType ? K : never;
}[keyof HttpModules];

/** A value a schema must refuse, and where (and, when callers rely on it, how) it says so. */
export interface Refusal {
  value: unknown;
  path: PropertyKey[];
  message?: string;
}

export interface SchemaExamples<S extends z.ZodType> {
  /** A realistic value, every nullable field filled and every list non-empty. */
  valid: z.input<S>;
  /** What `valid` reads as, where the schema trims, lower-cases, coerces or fills a default. */
  parsed?: z.output<S>;
  /** More values it accepts, each under what it shows; each reads as itself. */
  alsoValid?: Record<string, z.input<S>>;
  /** Values it refuses, each under what makes it invalid. */
  invalid?: Record<string, Refusal>;
}

const orderId = '0b9f8a52-0c3e-4b8e-9f0a-6f2d7e1c5a10';
const customerId = '5b0c4a0e-6f6e-4c2b-9a51-8d6f2f9a1c01';
const shipmentId = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const parcelId = '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const secondParcelId = '1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a0b';
const endpointId = 'c0ffee00-1234-4abc-8def-0123456789ab';
const eventId = '9c1d6a0e-2f3b-4c5d-8e7f-1a2b3c4d5e6f';
const deliveryId = 'd5e6f7a8-b9c0-4d1e-a2f3-b4c5d6e7f8a9';
const reportId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const alertId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const cursor = 'eyJpZCI6IjQyIn0';
const password = 'correct horse battery';

const address = {
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};
const items = [
  { sku: 'TEA-001', quantity: 2 },
  { sku: 'POT-7', quantity: 1 },
];
const product = {
  sku: 'TEA-001',
  name: 'Sencha',
  priceCents: 450,
  warehouse: 'north',
  available: 120,
};
const placed = '2026-05-04T10:15:02.120Z';
const confirmed = '2026-05-04T10:15:03.480Z';
const shipped = '2026-05-05T07:42:10.000Z';
const customerOrder = {
  orderId,
  status: 'DELIVERED',
  totalCents: 1_350,
  placedAt: placed,
  updatedAt: shipped,
} as const;
const failedOrder = {
  orderId,
  customerId,
  status: 'FAILED',
  reason: 'authorizing payment: connect ECONNREFUSED 10.0.3.7:5432',
  totalCents: null,
  placedAt: placed,
  updatedAt: confirmed,
} as const;
const pendingOrder = {
  ...failedOrder,
  status: 'PENDING',
  reason: null,
  updatedAt: placed,
  sagaStep: 'authorizing payment',
  temporalUrl: `http://localhost:8233/namespaces/default/workflows/order-${orderId}`,
} as const;
const span = {
  spanId: '00f067aa0ba902b7',
  parentSpanId: '53995c3f42cd8ad8',
  service: 'payment-service',
  operation: 'authorizePayment',
  startMicros: 12_480,
  durationMicros: 3_215,
  error: false,
  attributes: { 'order.id': orderId, 'payment.amount_cents': 1_350, 'temporal.replay': false },
};
const fiveMinutes = {
  windowStart: '2026-05-04T10:00:00.000Z',
  windowEnd: '2026-05-04T10:05:00.000Z',
};
const alert = {
  ...fiveMinutes,
  id: alertId,
  kind: 'rejection-rate',
  rate: 0.6,
  threshold: 0.5,
  decisions: 20,
  rejections: 12,
  clearedAt: '2026-05-04T10:09:00.000Z',
} as const;
const endpoint = {
  id: endpointId,
  url: 'https://hooks.partner.example/orchard',
  eventTypes: ['order.confirmed', 'order.shipped'],
  description: 'Order updates for the ERP',
  status: 'ACTIVE' as const,
  // Instants carry an offset here and there: the contracts accept any, not only Z.
  createdAt: '2026-05-04T12:00:00.000+02:00',
};
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const failedAttempt = {
  attempt: 1,
  at: '2026-05-04T12:15:03.512+02:00',
  statusCode: 503,
  latencyMs: 212,
  error: 'Service Unavailable',
};
const webhookRequest = { url: endpoint.url, eventTypes: ['order.placed'] };

export const httpExamples: {
  [K in HttpSchemaName]: SchemaExamples<Extract<HttpModules[K], z.ZodType>>;
} = {
  // accounts
  Role: {
    valid: 'admin',
    invalid: {
      'a capitalised role': { value: 'Admin', path: [] },
      'a role the shop does not have': { value: 'operator', path: [] },
    },
  },
  SignUpRequest: {
    valid: { email: '  Ada.Lovelace@Example.COM ', password },
    parsed: { email: 'ada.lovelace@example.com', password },
    invalid: {
      'a password shorter than 12 characters': {
        value: { email: 'ada@example.com', password: 'tea-for-two' },
        path: ['password'],
        message: 'at least 12 characters',
      },
      'something that is not an email address': {
        value: { email: 'ada at example.com', password },
        path: ['email'],
      },
      'a role asked for (every account signs up as a customer)': {
        value: { email: 'ada@example.com', password, role: 'admin' },
        path: [],
      },
    },
  },
  LogInRequest: {
    valid: { email: 'ADA.LOVELACE@example.com', password },
    parsed: { email: 'ada.lovelace@example.com', password },
    alsoValid: {
      'a password too short to be set today (logging in does not judge it)': {
        email: 'ada@example.com',
        password: 'tea',
      },
    },
    invalid: {
      'an empty password': {
        value: { email: 'ada@example.com', password: '' },
        path: ['password'],
      },
      'a field the API does not have': {
        value: { email: 'ada@example.com', password, rememberMe: true },
        path: [],
      },
    },
  },
  AccountView: {
    valid: { id: customerId, email: 'ada@example.com', role: 'customer' },
    invalid: {
      'an id that is not a UUID': {
        value: { id: 'customer-1', email: 'ada@example.com', role: 'customer' },
        path: ['id'],
      },
      'a role the shop does not have': {
        value: { id: customerId, email: 'ada@example.com', role: 'operator' },
        path: ['role'],
      },
    },
  },
  SignUpAccepted: {
    valid: {
      status: 'accepted',
      detail: 'If the address can be used, a confirmation is on its way.',
    },
    invalid: {
      'an answer that tells the address was new': {
        value: { status: 'created', detail: 'Welcome!' },
        path: ['status'],
      },
    },
  },
  ChangePasswordRequest: {
    valid: { currentPassword: password, newPassword: 'staple battery horse' },
    invalid: {
      'a new password shorter than 12 characters': {
        value: { currentPassword: password, newPassword: 'tea-for-two' },
        path: ['newPassword'],
        message: 'at least 12 characters',
      },
      'no current password': {
        value: { currentPassword: '', newPassword: 'staple battery horse' },
        path: ['currentPassword'],
      },
    },
  },
  AccountNotice: {
    valid: { kind: 'sign-up-attempted', at: '2026-05-04T12:15:00.000+02:00' },
    invalid: {
      'a kind of notice the shop does not send': {
        value: { kind: 'password-changed', at: '2026-05-04T10:15:00.000Z' },
        path: ['kind'],
      },
      'an instant without its offset': {
        value: { kind: 'sign-up-attempted', at: '2026-05-04T10:15:00' },
        path: ['at'],
      },
    },
  },

  // catalog
  ProductView: {
    valid: product,
    invalid: {
      'a price in fractions of a cent': {
        value: { ...product, priceCents: 4.5 },
        path: ['priceCents'],
      },
      'stock as text': { value: { ...product, available: '120' }, path: ['available'] },
    },
  },
  ProductPage: {
    valid: { items: [product], nextCursor: cursor },
    alsoValid: { 'the last page, empty': { items: [], nextCursor: null } },
    invalid: {
      'a last page without its null cursor': { value: { items: [] }, path: ['nextCursor'] },
    },
  },
  StockLevel: {
    valid: {
      sku: 'TEA-001',
      name: 'Sencha',
      warehouse: 'north',
      available: 3,
      lowStockThreshold: 5,
      low: true,
    },
    invalid: {
      'a level without its alert level': {
        value: { sku: 'TEA-001', name: 'Sencha', warehouse: 'north', available: 3, low: true },
        path: ['lowStockThreshold'],
      },
    },
  },
  UpsertProductRequest: {
    valid: { name: ' Sencha Asahi ', priceCents: 1_250, warehouse: 'north' },
    parsed: { name: 'Sencha Asahi', priceCents: 1_250, warehouse: 'north', lowStockThreshold: 5 },
    alsoValid: {
      'a product never to alert on, in a warehouse with digits and hyphens': {
        name: 'Gift card',
        priceCents: 2_500,
        warehouse: 'eu-west-2',
        lowStockThreshold: 0,
      },
    },
    invalid: {
      'a free product': {
        value: { name: 'Sencha', priceCents: 0, warehouse: 'north' },
        path: ['priceCents'],
      },
      'a capitalised warehouse': {
        value: { name: 'Sencha', priceCents: 450, warehouse: 'North' },
        path: ['warehouse'],
      },
      'a warehouse with an underscore': {
        value: { name: 'Sencha', priceCents: 450, warehouse: 'north_2' },
        path: ['warehouse'],
      },
      'a warehouse starting with a digit': {
        value: { name: 'Sencha', priceCents: 450, warehouse: '2north' },
        path: ['warehouse'],
      },
      'a name of spaces only': {
        value: { name: '   ', priceCents: 450, warehouse: 'north' },
        path: ['name'],
      },
      'a SKU in the body (the path names the product)': {
        value: { sku: 'TEA-001', name: 'Sencha', priceCents: 450, warehouse: 'north' },
        path: [],
      },
    },
  },
  StockAdjustmentRequest: {
    valid: { delta: -2, reason: 'two tins dented in transit' },
    alsoValid: { 'a delivery received': { delta: 240, reason: 'delivery from the supplier' } },
    invalid: {
      'no change': {
        value: { delta: 0, reason: 'stocktake' },
        path: ['delta'],
        message: 'a non-zero change',
      },
      'no reason': { value: { delta: -2 }, path: ['reason'] },
    },
  },
  Sku: {
    valid: 'TEA-001',
    alsoValid: { 'one starting with a digit': '7UP-330' },
    invalid: {
      'a lower-case SKU': {
        value: 'tea-001',
        path: [],
        message: 'an upper-case SKU such as TEA-001',
      },
      'one starting with a hyphen': {
        value: '-TEA-001',
        path: [],
        message: 'an upper-case SKU such as TEA-001',
      },
      'one with a lower-case tail': { value: 'TEA-001b', path: [] },
      'one with a space': { value: 'TEA 001', path: [] },
    },
  },

  // operations
  OperatorOrder: {
    valid: pendingOrder,
    alsoValid: {
      'a finished order while Temporal is away': {
        ...failedOrder,
        sagaStep: null,
        temporalUrl: null,
      },
    },
    invalid: {
      'an order without its saga step (null says there is none)': {
        value: { ...failedOrder, temporalUrl: null },
        path: ['sagaStep'],
      },
    },
  },
  OperatorOrderPage: {
    valid: { items: [pendingOrder], nextCursor: cursor },
    invalid: {
      'a row without its customer': {
        value: { items: [{ ...pendingOrder, customerId: undefined }], nextCursor: null },
        path: ['items', 0, 'customerId'],
      },
    },
  },
  TraceSpanView: {
    valid: span,
    alsoValid: {
      'the root span, without attributes': { ...span, parentSpanId: null, attributes: {} },
    },
    invalid: {
      'an attribute holding an object': {
        value: { ...span, attributes: { 'http.request': { method: 'POST' } } },
        path: ['attributes', 'http.request'],
      },
      'a duration in fractions of a microsecond': {
        value: { ...span, durationMicros: 3_215.5 },
        path: ['durationMicros'],
      },
    },
  },
  OrderTrace: {
    valid: {
      orderId,
      traceId,
      jaegerUrl: `http://localhost:16686/trace/${traceId}`,
      spans: [span],
    },
    alsoValid: {
      'a trace where Jaeger has no UI': { orderId, traceId, jaegerUrl: null, spans: [] },
    },
    invalid: {
      'an order id that is not a UUID': {
        value: { orderId: 'order-1', traceId, jaegerUrl: null, spans: [] },
        path: ['orderId'],
      },
    },
  },

  // orders
  OrderStatus: {
    valid: 'CONFIRMED',
    invalid: { 'a lower-case status': { value: 'confirmed', path: [] } },
  },
  ShippingAddress: {
    valid: { ...address, name: ' Ada Lovelace ', line1: '12 St James’s Square  ' },
    parsed: address,
    alsoValid: {
      'a name with an emoji (a whole surrogate pair)': { ...address, name: 'Ada 🍵 Lovelace' },
    },
    invalid: {
      'an alpha-3 country code': {
        value: { ...address, country: 'GBR' },
        path: ['country'],
        message: 'an ISO 3166-1 alpha-2 country code',
      },
      'a lower-case country code': {
        value: { ...address, country: 'gb' },
        path: ['country'],
        message: 'an ISO 3166-1 alpha-2 country code',
      },
      'a NUL inside a line (PostgreSQL cannot store it)': {
        value: { ...address, line1: '12 St James’s\u0000Square' },
        path: ['line1'],
        message: 'no control characters',
      },
      'a line break inside a name': {
        value: { ...address, name: 'Ada\nLovelace' },
        path: ['name'],
        message: 'no control characters',
      },
      'a unit separator inside a city': {
        value: { ...address, city: 'Lon\u001fdon' },
        path: ['city'],
        message: 'no control characters',
      },
      'a DEL inside a postal code': {
        value: { ...address, postalCode: 'SW1Y\u007f4JH' },
        path: ['postalCode'],
        message: 'no control characters',
      },
      'a lone high surrogate inside a name': {
        value: { ...address, name: 'Ada \uD83C Lovelace' },
        path: ['name'],
        message: 'no unpaired surrogates',
      },
      'a lone low surrogate inside a name': {
        value: { ...address, name: 'Ada \uDF75 Lovelace' },
        path: ['name'],
        message: 'no unpaired surrogates',
      },
      'a surrogate pair the wrong way round': {
        value: { ...address, name: 'Ada \uDF75\uD83C Lovelace' },
        path: ['name'],
        message: 'no unpaired surrogates',
      },
      'a city of spaces only': { value: { ...address, city: '   ' }, path: ['city'] },
      'no postal code': {
        value: { name: address.name, line1: address.line1, city: address.city, country: 'GB' },
        path: ['postalCode'],
      },
      'a phone number (the address has no such field)': {
        value: { ...address, phone: '+44 20 7946 0958' },
        path: [],
      },
    },
  },
  OrderLine: {
    valid: { sku: 'TEA-001', quantity: 2 },
    invalid: {
      'a lower-case SKU': {
        value: { sku: 'tea-001', quantity: 2 },
        path: ['sku'],
        message: 'an upper-case SKU such as TEA-001',
      },
      'a price (prices never come from the client)': {
        value: { sku: 'TEA-001', quantity: 2, unitPriceCents: 1 },
        path: [],
      },
    },
  },
  PlaceOrderRequest: {
    valid: { items, shippingAddress: address },
    invalid: {
      'a customer id in the body (who orders comes from the session)': {
        value: { customerId, items, shippingAddress: address },
        path: [],
      },
      'the same SKU on two lines': {
        value: { items: [...items, { sku: 'TEA-001', quantity: 1 }], shippingAddress: address },
        path: ['items'],
        message: 'each SKU appears once',
      },
      'a line with a lower-case SKU': {
        value: { items: [{ sku: 'tea-001', quantity: 1 }], shippingAddress: address },
        path: ['items', 0, 'sku'],
        message: 'an upper-case SKU such as TEA-001',
      },
      'an address without a country': {
        value: { items, shippingAddress: { ...address, country: undefined } },
        path: ['shippingAddress', 'country'],
      },
    },
  },
  PlaceOrderCommand: {
    valid: { orderId, customerId, items, shippingAddress: address },
    alsoValid: {
      'no order id (the order service makes one)': { customerId, items, shippingAddress: address },
    },
    invalid: {
      'an order id that is not a UUID': {
        value: { orderId: 'order-1', customerId, items, shippingAddress: address },
        path: ['orderId'],
      },
      'no customer': { value: { orderId, items, shippingAddress: address }, path: ['customerId'] },
      'the same SKU on two lines': {
        value: { customerId, items: [...items, items[0]], shippingAddress: address },
        path: ['items'],
        message: 'each SKU appears once',
      },
    },
  },
  CancelOrderRequest: {
    valid: { reason: ' Ordered the wrong tea ' },
    parsed: { reason: 'Ordered the wrong tea' },
    alsoValid: { 'no reason at all': {} },
    invalid: {
      'a reason of spaces only': { value: { reason: '  ' }, path: ['reason'] },
      'a refund asked for (the saga decides)': {
        value: { reason: 'changed my mind', refund: true },
        path: [],
      },
    },
  },
  OrderView: {
    valid: {
      id: orderId,
      customerId,
      status: 'CONFIRMED',
      reason: null,
      totalCents: 1_350,
      items: [
        { sku: 'TEA-001', quantity: 2, unitPriceCents: 450 },
        { sku: 'POT-7', quantity: 1, unitPriceCents: 450 },
      ],
      shippingAddress: address,
      history: [
        { status: 'PENDING', reason: null, at: placed },
        { status: 'CONFIRMED', reason: null, at: confirmed },
      ],
      createdAt: placed,
      updatedAt: confirmed,
      traceId,
    },
    alsoValid: {
      'a rejected order, never priced, placed with tracing off': {
        id: orderId,
        customerId,
        status: 'REJECTED',
        reason: 'TEA-001: 3 requested, 1 available',
        totalCents: null,
        items: [{ sku: 'TEA-001', quantity: 3, unitPriceCents: null }],
        shippingAddress: address,
        history: [
          { status: 'PENDING', reason: null, at: placed },
          { status: 'REJECTED', reason: 'TEA-001: 3 requested, 1 available', at: confirmed },
        ],
        createdAt: placed,
        updatedAt: confirmed,
        traceId: null,
      },
    },
    invalid: {
      'an order without its reason (null says there is none)': {
        value: {
          id: orderId,
          customerId,
          status: 'PENDING',
          totalCents: null,
          items: [],
          shippingAddress: address,
          history: [],
          createdAt: placed,
          updatedAt: placed,
          traceId: null,
        },
        path: ['reason'],
      },
      'a history entry in a status orders do not have': {
        value: {
          id: orderId,
          customerId,
          status: 'PENDING',
          reason: null,
          totalCents: null,
          items: [],
          shippingAddress: address,
          history: [{ status: 'PAID', reason: null, at: placed }],
          createdAt: placed,
          updatedAt: placed,
          traceId: null,
        },
        path: ['history', 0, 'status'],
      },
    },
  },
  OrderAccepted: {
    valid: { orderId, status: 'PENDING' },
    invalid: {
      'an order id that is not a UUID': {
        value: { orderId: 42, status: 'PENDING' },
        path: ['orderId'],
      },
    },
  },
  StuckCompensationView: {
    valid: {
      orderId,
      compensation: 'release stock',
      error: 'connect ECONNREFUSED 10.0.3.7:5432',
      stuckSince: '2026-05-04T10:20:00.000Z',
      reports: 3,
    },
    invalid: {
      'a count of reports that is not whole': {
        value: {
          orderId,
          compensation: 'release stock',
          error: 'timeout',
          stuckSince: '2026-05-04T10:20:00.000Z',
          reports: 1.5,
        },
        path: ['reports'],
      },
    },
  },
  SagaProgress: {
    valid: {
      orderId,
      workflowId: `order-${orderId}`,
      status: 'RUNNING',
      step: 'authorizing payment',
    },
    alsoValid: {
      'a saga that never started': {
        orderId,
        workflowId: `order-${orderId}`,
        status: 'MISSING',
        step: null,
      },
    },
  },

  // paging
  PageRequest: {
    valid: { limit: '50', cursor },
    parsed: { limit: 50, cursor },
    alsoValid: { 'a size given as a number': { limit: 10, cursor } },
    invalid: {
      'a cursor in standard base64': {
        value: { cursor: 'eyJpZCI6+IjQyIn0' },
        path: ['cursor'],
        message: 'the nextCursor of a previous page',
      },
      'a page size that is not a number': { value: { limit: 'all' }, path: ['limit'] },
      'a parameter lists do not take': { value: { limit: 10, sort: 'price' }, path: [] },
    },
  },

  // read models
  PaymentStatus: {
    valid: 'CAPTURED',
    invalid: { 'a status payments do not have': { value: 'PAID', path: [] } },
  },
  ReservationStatus: {
    valid: 'COMMITTED',
    invalid: { 'a status reservations do not have': { value: 'HELD', path: [] } },
  },
  ShipmentStatus: {
    valid: 'DISPATCHED',
    invalid: { "an order's status": { value: 'SHIPPED', path: [] } },
  },
  OrderSummary: {
    valid: {
      id: orderId,
      customerId,
      status: 'SHIPPED',
      reason: null,
      totalCents: 1_350,
      items: [
        { sku: 'TEA-001', quantity: 2, unitPriceCents: 450 },
        { sku: 'POT-7', quantity: 1, unitPriceCents: 450 },
      ],
      payment: { status: 'CAPTURED', amountCents: 1_350 },
      reservation: { status: 'COMMITTED' },
      shipment: {
        shipmentId,
        status: 'DISPATCHED',
        parcels: [
          {
            parcelId,
            warehouse: 'north',
            items: [{ sku: 'TEA-001', quantity: 2 }],
            status: 'DISPATCHED',
          },
          {
            parcelId: secondParcelId,
            warehouse: 'south',
            items: [{ sku: 'POT-7', quantity: 1 }],
            status: 'CREATED',
          },
        ],
      },
      history: [
        { status: 'PENDING', reason: null, at: placed },
        { status: 'CONFIRMED', reason: null, at: confirmed },
        { status: 'SHIPPED', reason: null, at: shipped },
      ],
      createdAt: placed,
      updatedAt: shipped,
    },
    alsoValid: {
      'a just-placed order, of which nothing is known yet but what was asked': {
        id: orderId,
        customerId,
        status: 'PENDING',
        reason: null,
        totalCents: null,
        items: [{ sku: 'TEA-001', quantity: 2, unitPriceCents: null }],
        payment: null,
        reservation: null,
        shipment: null,
        history: [{ status: 'PENDING', reason: null, at: placed }],
        createdAt: placed,
        updatedAt: placed,
      },
    },
    invalid: {
      'a payment in a status payments do not have': {
        value: {
          id: orderId,
          customerId,
          status: 'CONFIRMED',
          reason: null,
          totalCents: 1_350,
          items: [],
          payment: { status: 'PAID', amountCents: 1_350 },
          reservation: null,
          shipment: null,
          history: [],
          createdAt: placed,
          updatedAt: confirmed,
        },
        path: ['payment', 'status'],
      },
    },
  },
  CustomerOrder: {
    valid: customerOrder,
    alsoValid: {
      'an order not priced yet': { ...customerOrder, status: 'PENDING', totalCents: null },
    },
    invalid: {
      'an order without the time it was placed': {
        value: { ...customerOrder, placedAt: undefined },
        path: ['placedAt'],
      },
    },
  },
  CustomerOrderPage: {
    valid: { items: [customerOrder], nextCursor: cursor },
    alsoValid: { 'a last page': { items: [customerOrder], nextCursor: null } },
  },
  OrdersInStatusRequest: {
    valid: { status: 'FAILED', limit: '25', cursor },
    parsed: { status: 'FAILED', limit: 25, cursor },
    invalid: {
      'no status': { value: { limit: '25' }, path: ['status'] },
      'a lower-case status': { value: { status: 'failed' }, path: ['status'] },
      'a filter lists do not take': { value: { status: 'FAILED', customerId }, path: [] },
    },
  },
  OrderInStatus: {
    valid: failedOrder,
    invalid: {
      'an order without its customer': {
        value: { ...failedOrder, customerId: 'ada' },
        path: ['customerId'],
      },
    },
  },
  EventConsumerProgress: {
    valid: {
      group: 'read-model-service',
      lag: 12,
      topics: [
        { topic: 'order.events', lag: 9 },
        { topic: 'payment.events', lag: 3 },
      ],
      deadLetters: 1,
    },
    invalid: {
      'a topic without its lag': {
        value: {
          group: 'read-model-service',
          lag: 0,
          topics: [{ topic: 'order.events' }],
          deadLetters: 0,
        },
        path: ['topics', 0, 'lag'],
      },
    },
  },

  // sales reports
  SalesReportRequest: {
    valid: { from: '2026-04-01', to: '2026-04-30' },
    alsoValid: {
      'a single day': { from: '2026-04-30', to: '2026-04-30' },
      "a leap year's 366 days": { from: '2024-01-01', to: '2024-12-31' },
      'the first month the shop reports on': { from: '2000-01-01', to: '2000-01-31' },
      'the last month the shop reports on': { from: '2999-12-01', to: '2999-12-31' },
    },
    invalid: {
      'a span that ends before it starts': {
        value: { from: '2026-04-30', to: '2026-04-01' },
        path: ['to'],
        message: 'from must not be after to',
      },
      '367 days': {
        value: { from: '2024-01-01', to: '2025-01-01' },
        path: ['to'],
        message: 'a report covers at most 366 days',
      },
      'a day before 2000': {
        value: { from: '1999-12-31', to: '2000-01-01' },
        path: ['from'],
        message: 'a day from 2000-01-01 to 2999-12-31',
      },
      'a day after 2999': {
        value: { from: '2999-12-31', to: '3000-01-01' },
        path: ['to'],
        message: 'a day from 2000-01-01 to 2999-12-31',
      },
      'a day the calendar does not have': {
        value: { from: '2026-02-29', to: '2026-03-01' },
        path: ['from'],
      },
      'an instant instead of a day': {
        value: { from: '2026-04-01T00:00:00Z', to: '2026-04-30' },
        path: ['from'],
      },
      'a field the request does not have': {
        value: { from: '2026-04-01', to: '2026-04-30', warehouse: 'north' },
        path: [],
      },
    },
  },
  SalesReportStatus: {
    valid: 'COMPLETED',
    invalid: { 'a status reports do not have': { value: 'DONE', path: [] } },
  },
  SalesReport: {
    valid: {
      id: reportId,
      from: '2026-04-01',
      to: '2026-04-30',
      status: 'COMPLETED',
      reason: null,
      orders: 1_204,
      requestedAt: '2026-05-01T08:00:00.000+02:00',
      completedAt: '2026-05-01T08:00:41.512+02:00',
      products: [
        { day: '2026-04-01', sku: 'POT-7', units: 3, revenueCents: 1_350 },
        { day: '2026-04-01', sku: 'TEA-001', units: 38, revenueCents: 17_100 },
      ],
      warehouses: [
        { day: '2026-04-01', warehouse: 'north', units: 38, revenueCents: 17_100 },
        { day: '2026-04-01', warehouse: 'south', units: 3, revenueCents: 1_350 },
      ],
    },
    alsoValid: {
      'a report still running': {
        id: reportId,
        from: '2026-04-01',
        to: '2026-04-30',
        status: 'RUNNING',
        reason: null,
        orders: null,
        requestedAt: '2026-05-01T06:00:00.000Z',
        completedAt: null,
        products: [],
        warehouses: [],
      },
      'a report that failed': {
        id: reportId,
        from: '2026-04-01',
        to: '2026-04-30',
        status: 'FAILED',
        reason: 'map partition 3: connection terminated unexpectedly',
        orders: null,
        requestedAt: '2026-05-01T06:00:00.000Z',
        completedAt: '2026-05-01T06:02:00.000Z',
        products: [],
        warehouses: [],
      },
    },
    invalid: {
      'figures for a day the calendar does not have': {
        value: {
          id: reportId,
          from: '2026-04-01',
          to: '2026-04-30',
          status: 'COMPLETED',
          reason: null,
          orders: 1,
          requestedAt: '2026-05-01T06:00:00.000Z',
          completedAt: '2026-05-01T06:02:00.000Z',
          products: [{ day: '2026-04-31', sku: 'TEA-001', units: 1, revenueCents: 450 }],
          warehouses: [],
        },
        path: ['products', 0, 'day'],
      },
      'a request time without its offset': {
        value: {
          id: reportId,
          from: '2026-04-01',
          to: '2026-04-30',
          status: 'RUNNING',
          reason: null,
          orders: null,
          requestedAt: '2026-05-01T08:00:00',
          completedAt: null,
          products: [],
          warehouses: [],
        },
        path: ['requestedAt'],
      },
    },
  },

  // shop metrics
  ShopMetricsRequest: {
    valid: { at: '2026-05-04T10:15:00.000Z' },
    alsoValid: {
      'no instant, for now': {},
      'the first instant of 2000': { at: '2000-01-01T00:00:00.000Z' },
      'the last instant of 2999': { at: '2999-12-31T23:59:59.999Z' },
    },
    invalid: {
      'an instant before 2000': {
        value: { at: '1999-12-31T23:59:59.999Z' },
        path: ['at'],
        message: 'an instant from the year 2000 to 2999',
      },
      'an instant in 3000': {
        value: { at: '3000-01-01T00:00:00.000Z' },
        path: ['at'],
        message: 'an instant from the year 2000 to 2999',
      },
      'a day instead of an instant': { value: { at: '2026-05-04' }, path: ['at'] },
      'a window length (the windows are fixed)': {
        value: { at: '2026-05-04T10:15:00.000Z', minutes: 60 },
        path: [],
      },
    },
  },
  ShopAlert: {
    valid: alert,
    alsoValid: { 'an alert still open': { ...alert, clearedAt: null } },
    invalid: {
      'a kind of alert the shop does not raise': {
        value: { ...alert, kind: 'latency' },
        path: ['kind'],
      },
      'a window without its end': {
        value: { ...alert, windowEnd: undefined },
        path: ['windowEnd'],
      },
    },
  },
  ShopMetrics: {
    valid: {
      at: '2026-05-04T12:05:00.000+02:00',
      latenessBoundSeconds: 30,
      lateEvents: 2,
      perMinute: [
        {
          minute: '2026-05-04T10:04:00.000Z',
          ordersPlaced: 14,
          ordersConfirmed: 11,
          ordersRejected: 2,
          revenueCents: 15_750,
        },
      ],
      rejections: {
        ...fiveMinutes,
        decisions: 40,
        rejections: 6,
        rate: 0.15,
        threshold: 0.5,
        causes: [
          { cause: 'OutOfStock', rejections: 4 },
          { cause: 'InsufficientFunds', rejections: 2 },
        ],
      },
      topProducts: {
        ...fiveMinutes,
        products: [{ sku: 'TEA-001', units: 31, revenueCents: 13_950 }],
      },
      alerts: [alert],
    },
    invalid: {
      'a minute without its revenue': {
        value: {
          at: '2026-05-04T10:05:00.000Z',
          latenessBoundSeconds: 30,
          lateEvents: 0,
          perMinute: [
            {
              minute: '2026-05-04T10:04:00.000Z',
              ordersPlaced: 1,
              ordersConfirmed: 1,
              ordersRejected: 0,
            },
          ],
          rejections: {
            ...fiveMinutes,
            decisions: 0,
            rejections: 0,
            rate: 0,
            threshold: 0.5,
            causes: [],
          },
          topProducts: { ...fiveMinutes, products: [] },
          alerts: [],
        },
        path: ['perMinute', 0, 'revenueCents'],
      },
    },
  },

  // wallets
  DepositRequest: {
    valid: { amountCents: 5_000 },
    invalid: {
      'an amount as text': { value: { amountCents: '50.00' }, path: ['amountCents'] },
      'a wallet named in the body (it is the session’s)': {
        value: { amountCents: 5_000, customerId },
        path: [],
      },
    },
  },
  DepositCommand: {
    valid: { depositId: '2c9e4b1a-7d3f-4e8a-b6c5-0f1e2d3c4b5a', amountCents: 5_000 },
    alsoValid: { 'no deposit id (no idempotency asked for)': { amountCents: 5_000 } },
    invalid: {
      'a deposit id that is not a UUID': {
        value: { depositId: 'deposit-1', amountCents: 5_000 },
        path: ['depositId'],
      },
    },
  },
  WalletView: {
    valid: { customerId, balanceCents: 12_500, heldCents: 1_350, version: 7 },
    invalid: {
      'a balance in fractions of a cent': {
        value: { customerId, balanceCents: 125.5, heldCents: 0, version: 1 },
        path: ['balanceCents'],
      },
    },
  },

  // webhooks
  WebhookEndpointRequest: {
    valid: {
      url: 'https://hooks.partner.example/orchard',
      eventTypes: ['order.confirmed', 'order.shipped'],
      description: '  Order updates for the ERP ',
    },
    parsed: {
      url: 'https://hooks.partner.example/orchard',
      eventTypes: ['order.confirmed', 'order.shipped'],
      description: 'Order updates for the ERP',
    },
    alsoValid: {
      'plain http, without a description': {
        ...webhookRequest,
        url: 'http://hooks.partner.example/orchard',
      },
      'an @ in the query, which is no credential': {
        ...webhookRequest,
        url: 'https://hooks.partner.example/orchard?notify=https://ops@partner.example',
      },
      'every event type the shop publishes': {
        ...webhookRequest,
        eventTypes: [...webhookEventTypes],
      },
    },
    invalid: {
      'a NUL in the URL, which PostgreSQL cannot store': {
        value: { ...webhookRequest, url: 'https://hooks.partner.example/or\u0000chard' },
        path: ['url'],
        message: 'no control characters',
      },
      'a control character in the description': {
        value: { ...webhookRequest, description: 'Order updates\u0000' },
        path: ['description'],
        message: 'no control characters',
      },
      'credentials in the URL': {
        value: { ...webhookRequest, url: 'https://orchard:s3cret@hooks.partner.example/orchard' },
        path: ['url'],
        message: 'a URL without credentials',
      },
      'credentials in a URL whose scheme is in capitals': {
        value: { ...webhookRequest, url: 'HTTPS://orchard:s3cret@hooks.partner.example/orchard' },
        path: ['url'],
        message: 'a URL without credentials',
      },
      'an FTP URL': {
        value: { ...webhookRequest, url: 'ftp://files.partner.example/orchard' },
        path: ['url'],
      },
      'a scheme that only ends in https': {
        value: { ...webhookRequest, url: 'xhttps://hooks.partner.example/orchard' },
        path: ['url'],
      },
      'a scheme that only starts with https': {
        value: { ...webhookRequest, url: 'https+unix://hooks.partner.example/orchard' },
        path: ['url'],
      },
      'a host that is no DNS name': {
        value: { ...webhookRequest, url: 'https://hooks_partner.example/orchard' },
        path: ['url'],
      },
      'an event type the shop does not publish': {
        value: { ...webhookRequest, eventTypes: ['order.placed', 'order.exploded'] },
        path: ['eventTypes', 1],
        message: 'an event type the shop publishes',
      },
      'no event types': { value: { ...webhookRequest, eventTypes: [] }, path: ['eventTypes'] },
      'a status (every endpoint starts active)': {
        value: { ...webhookRequest, status: 'PAUSED' },
        path: [],
      },
    },
  },
  WebhookEndpointStatus: {
    valid: 'PAUSED',
    invalid: { 'a status endpoints do not have': { value: 'DISABLED', path: [] } },
  },
  WebhookEndpoint: {
    valid: endpoint,
    alsoValid: { 'an endpoint without a description': { ...endpoint, description: null } },
    invalid: {
      'a creation time without its offset': {
        value: { ...endpoint, createdAt: '2026-05-04T10:00:00' },
        path: ['createdAt'],
      },
    },
  },
  WebhookSecret: {
    valid: { endpointId, secret },
    invalid: {
      'an endpoint id that is not a UUID': {
        value: { endpointId: 'ep-1', secret },
        path: ['endpointId'],
      },
    },
  },
  WebhookEndpointCreated: {
    valid: { ...endpoint, secret },
    invalid: {
      'an endpoint made without its secret (it is shown only then)': {
        value: endpoint,
        path: ['secret'],
      },
    },
  },
  WebhookDeliveryStatus: {
    valid: 'DEAD',
    invalid: { 'a status deliveries do not have': { value: 'FAILED', path: [] } },
  },
  WebhookAttempt: {
    valid: failedAttempt,
    alsoValid: {
      'an endpoint that never answered': {
        ...failedAttempt,
        statusCode: null,
        error: 'connect ETIMEDOUT 203.0.113.9:443',
      },
      'a delivered attempt, without error': {
        ...failedAttempt,
        attempt: 2,
        statusCode: 204,
        error: null,
      },
    },
    invalid: {
      'a latency in fractions of a millisecond': {
        value: { ...failedAttempt, latencyMs: 211.7 },
        path: ['latencyMs'],
      },
    },
  },
  WebhookDelivery: {
    valid: {
      id: deliveryId,
      endpointId,
      eventId,
      eventType: 'order.shipped',
      status: 'DELIVERED',
      createdAt: '2026-05-04T12:15:03.300+02:00',
      nextAttemptAt: null,
      deliveredAt: '2026-05-04T12:15:05.101+02:00',
      attempts: [failedAttempt, { ...failedAttempt, attempt: 2, statusCode: 204, error: null }],
    },
    alsoValid: {
      'a delivery waiting to be tried again': {
        id: deliveryId,
        endpointId,
        eventId,
        eventType: 'order.shipped',
        status: 'PENDING',
        createdAt: '2026-05-04T10:15:03.300Z',
        nextAttemptAt: '2026-05-04T12:15:08.512+02:00',
        deliveredAt: null,
        attempts: [failedAttempt],
      },
    },
    invalid: {
      'a delivery in a status deliveries do not have': {
        value: {
          id: deliveryId,
          endpointId,
          eventId,
          eventType: 'order.shipped',
          status: 'FAILED',
          createdAt: '2026-05-04T10:15:03.300Z',
          nextAttemptAt: null,
          deliveredAt: null,
          attempts: [],
        },
        path: ['status'],
      },
    },
  },
  WebhookDeliveriesRequest: {
    valid: { eventId },
    alsoValid: { 'the newest 50, of any event': {} },
    invalid: {
      'an event type instead of an event id': {
        value: { eventId: 'order.shipped' },
        path: ['eventId'],
      },
      'a page size (the list is not paged)': { value: { limit: 10 }, path: [] },
    },
  },
};
