export * from './topology';
export { waitFor, eventually, TimeoutError } from './wait';
export { closedPort } from './closed-port';
export { Stack } from './stack';
export { system, infrastructure } from './components';
export { ManagedProcess } from './process/managed-process';
export { temporalBinary } from './components/temporal';
export { repoRoot, statePaths } from './paths';
export { registerConnectors, connectorFiles, connectorsDir } from './connect/connectors';
