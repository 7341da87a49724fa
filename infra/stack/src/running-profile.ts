import { ManagedProcess } from './process/managed-process';
import type { Profile } from './scaled-topology';

/** The profile that is up: HAProxy runs in the scaled one only. */
export const runningProfile = (): Profile | undefined =>
  new ManagedProcess('haproxy').runningPid() !== undefined
    ? 'scaled'
    : new ManagedProcess('gateway').runningPid() !== undefined
      ? 'single'
      : undefined;
