export * from './topology';
export { waitFor, eventually, TimeoutError } from './wait';
export { closedPort } from './closed-port';
export { sessionCookieFrom, sessionCookieName } from './session-cookie';
export { Stack } from './stack';
export { system, infrastructure } from './components';
export { ManagedProcess } from './process/managed-process';
export { temporalBinary } from './components/temporal';
export { repoRoot, statePaths } from './paths';
export { registerConnectors, connectorFiles, connectorsDir } from './connect/connectors';
export { ensureSchemathesis, schemathesisVersion } from './components/schemathesis';
export { ensureChromium, chromiumFlags } from './components/chromium';
export { scratchDatabase, type ScratchDatabase } from './testing/scratch-database';
export { cpuMsOfTree, residentBytesOfTrees } from './bench/process-tree';
export { kafkaControllerLeader } from './components/kafka-quorum';
export { serverStatus } from './components/haproxy-runtime';
export * from './scaled-topology';
export { ProfileSession } from './profile-session';
export {
  generateSecrets,
  redisAclRules,
  redisUsers,
  resolveSecrets,
  stackSecrets,
  trustedKeys,
} from './secrets';
export {
  compose,
  composeProjectOfEnvironment,
  composeProjectVariable,
  containerState,
  crashContainer,
  hostAddressForContainers,
  type ComposeProject,
} from './docker/compose-project';
