import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@orchard/contracts';
import type { FastifyRequest } from 'fastify';
import type { Session } from './session';

export const PUBLIC_ROUTE = 'orchard:public-route';
export const REQUIRED_ROLE = 'orchard:required-role';

/** Open to anyone: no session needed (the catalog, signing up, logging in). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only sessions of this role (admin routes). */
export const RequiresRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** The session of the request; the SessionGuard has made sure there is one. */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Session => {
    const session = context.switchToHttp().getRequest<FastifyRequest>().session;
    if (!session) throw new Error('CurrentSession used on a public route');
    return session;
  },
);
