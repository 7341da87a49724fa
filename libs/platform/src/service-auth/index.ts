/** Service-to-service authentication: tokens a caller signs per request, checked by each service. */
export * from './caller-policy';
export * from './request-binding';
export * from './require-service-token';
export * from './service-keys';
export * from './service-token';
