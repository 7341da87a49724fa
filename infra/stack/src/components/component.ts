import type { LaunchSpec } from '../process/managed-process';

export interface PortUse {
  port: number;
  purpose: string;
}

/** One piece of infrastructure the stack installs, starts, checks and stops. */
export interface Component {
  readonly name: string;
  readonly ports: readonly PortUse[];
  /** Components that must be healthy before this one starts. */
  readonly after?: readonly string[];
  /** Where a person reaches it, printed by `start` and `status`. */
  readonly endpoint?: string;
  readonly startupTimeoutMs: number;
  /** Starts tried before giving up, for a process that can lose a race at start (default 1). */
  readonly startAttempts?: number;
  /** The signal that shuts the process down cleanly (SIGTERM when unset). */
  readonly stopSignal?: NodeJS.Signals;
  /** Downloads and builds into the versioned cache; a no-op when they are there already. */
  install(): Promise<void>;
  /** One-time initialisation of the component's state folder (initdb, storage format). */
  prepare?(): Promise<void>;
  launch(): Promise<LaunchSpec>;
  isHealthy(): Promise<boolean>;
  /** Work that needs the running component, e.g. creating roles; must be idempotent. */
  afterHealthy?(): Promise<void>;
  /** Work before it is stopped while running, e.g. draining its connections. */
  beforeStop?(): Promise<void>;
}
