import { NotFoundError } from '@orchard/platform/http';
import type { Session } from './session';

/**
 * A customer sees only what is theirs; an administrator sees everything. Someone else's
 * resource answers exactly as a missing one does (404), so ids cannot be probed.
 */
export function assertOwnedBy(session: Session, ownerId: string | undefined, what: string): void {
  if (session.role === 'admin' || ownerId === session.accountId) return;
  throw new NotFoundError(`${what} not found`);
}
