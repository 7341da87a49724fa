/** Prometheus metrics: the module and the project's own. */
export * from './metrics.module';
export * from './saga-metrics';
