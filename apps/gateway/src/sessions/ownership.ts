import { HttpException } from '@nestjs/common';
import { NotFoundError } from '@orchard/platform/http';
import type { Session } from './session';

const notFound = (what: string) => new NotFoundError(`${what} not found`);

/**
 * A customer sees only what is theirs; an administrator sees everything. Someone else's
 * resource answers exactly as a missing one does (404, same words), so ids cannot be probed.
 */
export function assertOwnedBy(session: Session, ownerId: string | undefined, what: string): void {
  if (!isVisibleTo(session, ownerId)) throw notFound(what);
}

/** Whether the session may see a resource of `ownerId`: its own, or any for an administrator. */
export const isVisibleTo = (session: Session, ownerId: string | undefined): boolean =>
  session.role === 'admin' || ownerId === session.accountId;

/** A service's 404 for an owned resource, in the words assertOwnedBy uses for "not yours". */
export async function orNotFound<T>(what: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof HttpException && error.getStatus() === 404) throw notFound(what);
    throw error;
  }
}
