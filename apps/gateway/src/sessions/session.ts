import type { Role } from '@orchard/contracts';

/** Who a session belongs to: all a request needs to know to authorize itself. */
export interface Session {
  accountId: string;
  email: string;
  role: Role;
  /** When it began (epoch ms): it ends at its absolute lifetime, however busy. */
  startedAt: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the SessionGuard on every route that needs a session. */
    session?: Session;
  }
}
