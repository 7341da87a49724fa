import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ForbiddenError, NotFoundError } from '@orchard/platform/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../sessions/access.decorators';
import { sessionIdOf } from '../sessions/session-cookie';
import { SessionStore } from '../sessions/session.store';
import { WebBuild } from './web-build';

/**
 * The storefront (`/shop/…`) and the operations console (`/console/…`): single-page apps whose
 * every path answers the app's HTML shell, the app routing in the browser. The console's shell
 * is served to administrators only; its data is refused to anyone else by the API itself.
 */
@ApiExcludeController()
@Public()
@Controller()
export class PagesController {
  constructor(
    private readonly build: WebBuild,
    private readonly sessions: SessionStore,
  ) {}

  @Get()
  home(@Res() reply: FastifyReply): void {
    void reply.redirect('/shop/', 302);
  }

  @Get(['shop', 'shop/*'])
  shop(@Res() reply: FastifyReply): void {
    this.sendShell('shop', reply);
  }

  @Get(['console', 'console/*'])
  async console(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const id = sessionIdOf(request);
    const session = id === undefined ? undefined : await this.sessions.use(id);
    if (!session) {
      void reply.redirect(`/shop/login?next=${encodeURIComponent('/console/')}`, 302);
      return;
    }
    if (session.role !== 'admin')
      throw new ForbiddenError('the operations console is for administrators');
    this.sendShell('console', reply);
  }

  private sendShell(app: 'shop' | 'console', reply: FastifyReply): void {
    const shell = this.build.shell(app);
    if (!shell) throw new NotFoundError('the pages are not built (npm run build -w @orchard/web)');
    // The shell names the current hashed assets: always asked again, never kept stale.
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(shell);
  }
}
