import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@orchard/contracts';
import { ForbiddenError, isProbeRoute, UnauthenticatedError } from '@orchard/platform/http';
import type { FastifyRequest } from 'fastify';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './access.decorators';
import { sessionIdOf } from './session-cookie';
import { SessionStore } from './session.store';

/**
 * Every route needs a session unless marked @Public(); routes marked @RequiresRole(role) need
 * a session of that role. No session answers 401; the wrong role, 403.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (isProbeRoute(request)) return true;
    const id = sessionIdOf(request);
    const session = id === undefined ? undefined : await this.sessions.use(id);
    if (!session) throw new UnauthenticatedError();
    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    if (role && session.role !== role) throw new ForbiddenError(`this needs the ${role} role`);
    request.session = session;
    return true;
  }
}
