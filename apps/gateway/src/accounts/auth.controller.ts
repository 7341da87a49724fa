import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UnauthenticatedError } from '@orchard/platform/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountView } from '@orchard/contracts';
import { AccountViewDto, LogInDto, SignUpDto } from '../dtos';
import { CurrentSession, Public } from '../sessions/access.decorators';
import type { Session } from '../sessions/session';
import { clearSessionCookie, sessionIdOf, setSessionCookie } from '../sessions/session-cookie';
import { SessionStore } from '../sessions/session.store';
import { AccountsService } from './accounts.service';

@ApiTags('accounts')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionStore,
  ) {}

  @Post('signup')
  @Public()
  @ApiCreatedResponse({ type: AccountViewDto, description: 'A customer account; log in next.' })
  @ApiConflictResponse({ description: 'An account with this email exists already.' })
  signUp(@Body() body: SignUpDto): Promise<AccountView> {
    return this.accounts.signUp(body.email, body.password);
  }

  /** A fresh session id at every login: a session id planted before it is worth nothing. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AccountViewDto, description: 'Logged in; the session cookie is set.' })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password.' })
  async logIn(
    @Body() body: LogInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountView> {
    const account = await this.accounts.verify(body.email, body.password);
    if (!account) throw new UnauthenticatedError('wrong email or password');
    const previous = sessionIdOf(request);
    if (previous) await this.sessions.destroy(previous);
    const id = await this.sessions.create({
      accountId: account.id,
      email: account.email,
      role: account.role,
    });
    setSessionCookie(request, reply, id);
    return account;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiNoContentResponse({ description: 'The session is gone, here and on every gateway.' })
  async logOut(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const id = sessionIdOf(request);
    if (id) await this.sessions.destroy(id);
    clearSessionCookie(reply);
  }

  @Get('me')
  @ApiCookieAuth()
  @ApiOkResponse({ type: AccountViewDto })
  me(@CurrentSession() session: Session): AccountView {
    return { id: session.accountId, email: session.email, role: session.role };
  }
}
