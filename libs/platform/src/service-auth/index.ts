/** Credentials the gateway signs and the services check. */
export * from './service-credential';
export * from './service-credential.hook';
