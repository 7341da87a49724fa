import type {
  AccountView,
  CustomerOrder,
  EventConsumerProgress,
  OperatorOrder,
  OrderAccepted,
  OrderStatus,
  OrderTrace,
  Page,
  PlaceOrderRequest,
  ProductView,
  ShopMetrics,
  SignUpAccepted,
  StockLevel,
  StuckCompensationView,
  WalletView,
} from '@orchard/contracts';
import { api, ProblemError } from './http.ts';

/** Every call the pages make, in one place: the API surface they use. */
export const shop = {
  me: () => api<AccountView>('GET', '/auth/me'),
  signUp: (email: string, password: string) =>
    api<SignUpAccepted>('POST', '/auth/signup', { email, password }),
  logIn: (email: string, password: string) =>
    api<AccountView>('POST', '/auth/login', { email, password }),
  logOut: () => api<void>('POST', '/auth/logout'),

  products: (cursor?: string) =>
    api<Page<ProductView>>('GET', `/products?limit=20${cursor ? `&cursor=${cursor}` : ''}`),

  /** The key makes a repeated click or a retry place one order. */
  placeOrder: (order: PlaceOrderRequest, idempotencyKey: string) =>
    api<OrderAccepted>('POST', '/orders', order, { 'idempotency-key': idempotencyKey }),
  cancelOrder: (orderId: string) =>
    api<OrderAccepted>('POST', `/orders/${orderId}/cancel`, { reason: 'cancelled in the shop' }),
  orders: (customerId: string, cursor?: string) =>
    api<Page<CustomerOrder>>(
      'GET',
      `/customers/${customerId}/orders?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
    ),

  /** No wallet yet is an empty one. */
  wallet: async (customerId: string): Promise<WalletView> => {
    try {
      return await api<WalletView>('GET', `/wallets/${customerId}`);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404)
        return { customerId, balanceCents: 0, heldCents: 0, version: 0 };
      throw error;
    }
  },
  deposit: (customerId: string, amountCents: number, idempotencyKey: string) =>
    api<WalletView>(
      'POST',
      `/wallets/${customerId}/deposits`,
      { amountCents },
      { 'idempotency-key': idempotencyKey },
    ),
};

export const operations = {
  orders: (status: OrderStatus, cursor?: string) =>
    api<Page<OperatorOrder>>(
      'GET',
      `/admin/orders?status=${status}&limit=20${cursor ? `&cursor=${cursor}` : ''}`,
    ),
  stuckCompensations: () => api<StuckCompensationView[]>('GET', '/admin/stuck-compensations'),
  retryCompensation: (orderId: string) =>
    api<void>('POST', `/admin/orders/${orderId}/compensations/retry`),
  consumerGroups: () => api<EventConsumerProgress[]>('GET', '/admin/consumer-groups'),
  stock: () => api<StockLevel[]>('GET', '/admin/stock'),
  shopMetrics: () => api<ShopMetrics>('GET', '/admin/shop-metrics'),
  trace: (orderId: string) => api<OrderTrace>('GET', `/admin/orders/${orderId}/trace`),
};

/** An order's summary as it changes: server-sent events fed by the read model's announcements. */
export const orderEventsUrl = (orderId: string) => `/orders/${orderId}/events`;
