/** The process's pino logger and the order in hand. */
export * from './logging.module';
export * from './root-logger';
export * from './log-context';
