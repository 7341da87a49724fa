import type { OrderStatus } from '@orchard/contracts';

/** Every legal move of an order; anything not listed is refused. */
export const orderTransitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // FAILED: the saga could not complete for a technical reason and undid what it had done.
  PENDING: ['CONFIRMED', 'REJECTED', 'CANCELLED', 'FAILED'],
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  REJECTED: [],
  CANCELLED: [],
  FAILED: [],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`an order cannot move from ${from} to ${to}`);
  }
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return orderTransitions[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/** A customer may cancel until the order ships. */
export function isCancellable(status: OrderStatus): boolean {
  return canTransition(status, 'CANCELLED');
}
