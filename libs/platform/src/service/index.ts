/** What every service process is made of, and how it starts. */
export * from './service-infrastructure';
export * from './periodic-task';
export * from './start-service-app';
