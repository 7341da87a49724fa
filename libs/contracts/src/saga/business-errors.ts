/**
 * Failures that are answers, not accidents: retrying cannot change them, so activities raise
 * them as non-retryable and the saga compensates. Their names are part of the contract.
 */
export const businessErrors = {
  outOfStock: 'OutOfStock',
  unknownProduct: 'UnknownProduct',
  insufficientFunds: 'InsufficientFunds',
  unknownPaymentAccount: 'UnknownPaymentAccount',
  unshippable: 'Unshippable',
} as const;

export type BusinessErrorType = (typeof businessErrors)[keyof typeof businessErrors];

export const businessErrorTypes: readonly string[] = Object.values(businessErrors);

/**
 * A compensation that can no longer be done because the world moved on: the shipment cannot
 * be cancelled once its parcels left. Non-retryable; the saga then lets the order ship instead
 * of cancelling it. Not a business error of a forward step (it never rejects an order).
 */
export const compensationRefusals = {
  shipmentDispatched: 'ShipmentDispatched',
} as const;
