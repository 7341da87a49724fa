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
