/** HTTP: the Fastify app, problem details, domain errors, health. */
export * from './domain-errors';
export * from './problem-details';
export * from './problem-details.filter';
export * from './retry-later';
export * from './start-http-app';
export * from './health.module';
export * from './probe-paths';
export * from './json-body-text';
