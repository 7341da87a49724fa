/** Configuration read and validated once, at start. */
export * from './load-config';
