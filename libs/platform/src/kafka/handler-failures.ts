import { isLostConnection } from '../database/connection-failure';

/**
 * SQLSTATE classes of failures that say nothing about the event: the connection (08), a
 * serialization failure or deadlock (40), resources (53), an operator's intervention such as a
 * shutdown (57), the system (58); and two lock waits (55P03, 55006).
 */
const transientSqlStateClasses = new Set(['08', '40', '53', '57', '58']);
const transientSqlStates = new Set(['55P03', '55006']);
/** gRPC codes (Temporal's client) of a server that is away or busy. */
const transientGrpcCodes = new Set([
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  10, // ABORTED
  14, // UNAVAILABLE
]);
const sqlState = /^[0-9A-Z]{5}$/;

function isTransientOne(error: object): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && sqlState.test(code))
    return transientSqlStateClasses.has(code.slice(0, 2)) || transientSqlStates.has(code);
  if (typeof code === 'number') return transientGrpcCodes.has(code);
  // kafkajs marks what it would retry itself, e.g. a broker connection lost.
  if ((error as { retriable?: unknown }).retriable === true) return true;
  return isLostConnection(error); // ECONNREFUSED, EPIPE…, or node-postgres's words for it
}

/**
 * Whether a handler failed because of the infrastructure (a database or server away, a
 * deadlock): retrying is right however long it takes, and dead-lettering would be wrong. Any
 * other failure (a TypeError, a constraint the event breaks, an unknown error) is the event's
 * or the code's: it is retried a few times, then dead-lettered. Looks through `cause` chains.
 */
export function isTransientFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === 'object';) {
    if (seen.has(current)) return false;
    seen.add(current);
    if (isTransientOne(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** How often, and how far apart, a failure that is not transient is tried before it is dead-lettered. */
export interface HandlerRetryPolicy {
  attempts: number;
  firstBackoffMs: number;
}

/** Five attempts over about three seconds (0.2, 0.4, 0.8, 1.6 s apart): enough for a race to pass. */
export const defaultHandlerRetries: HandlerRetryPolicy = { attempts: 5, firstBackoffMs: 200 };

/** The backoff before attempt `attempt + 1`, doubling, with up to a fifth of jitter. */
export function backoffAfter(attempt: number, policy: HandlerRetryPolicy): number {
  const base = policy.firstBackoffMs * 2 ** (attempt - 1);
  return Math.round(base * (1 + Math.random() * 0.2));
}

/** A failure as a dead letter records it: its type and message, and those of its causes. */
export function describeFailure(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(`${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(' <- ').slice(0, 2000);
}
