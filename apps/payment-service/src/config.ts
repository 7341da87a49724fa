import { loadConfig, serviceEnvironment } from '@orchard/platform/config';

export const paymentEnvironment = serviceEnvironment;
export type PaymentConfig = ReturnType<typeof loadPaymentConfig>;
export const loadPaymentConfig = () => loadConfig(paymentEnvironment);
