import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UnauthenticatedError } from '@orchard/platform/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountNotice, AccountView, SignUpAccepted } from '@orchard/contracts';
import {
  AccountNoticeDto,
  AccountViewDto,
  ChangePasswordDto,
  LogInDto,
  SignUpAcceptedDto,
  SignUpDto,
} from '../dtos';
import { CurrentSession, Public } from '../sessions/access.decorators';
import type { Session } from '../sessions/session';
import { clearSessionCookie, sessionIdOf, setSessionCookie } from '../sessions/session-cookie';
import { SessionStore } from '../sessions/session.store';
import { AccountsService } from './accounts.service';
import { AuthThrottles } from './auth-throttles';

const signUpAccepted: SignUpAccepted = {
  status: 'accepted',
  detail: 'If this address can be used, its account is ready: log in with your password.',
};

@ApiTags('accounts')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionStore,
    private readonly throttles: AuthThrottles,
  ) {}

  /**
   * The same answer whether the address was free or not: sign-up never tells whose address has
   * an account. The owner of a taken address finds a notice at GET /auth/notices.
   */
  @Post('signup')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SignUpAcceptedDto, description: 'Log in next.' })
  @ApiTooManyRequestsResponse({
    description: 'Too many sign-ups from this address or for this email.',
  })
  async signUp(@Body() body: SignUpDto, @Req() request: FastifyRequest): Promise<SignUpAccepted> {
    await this.throttles.signUps.check(body.email, request.ip);
    await this.throttles.signUps.count(body.email, request.ip);
    await this.accounts.signUp(body.email, body.password);
    return signUpAccepted;
  }

  /** A fresh session id at every login: a session id planted before it is worth nothing. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AccountViewDto, description: 'Logged in; the session cookie is set.' })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password.' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins: wait Retry-After seconds.' })
  async logIn(
    @Body() body: LogInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountView> {
    await this.throttles.failedLogins.check(body.email, request.ip);
    const account = await this.accounts.verify(body.email, body.password);
    if (!account) {
      await this.throttles.failedLogins.count(body.email, request.ip);
      throw new UnauthenticatedError('wrong email or password');
    }
    await this.throttles.failedLogins.forgetAccount(body.email, request.ip);
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
    clearSessionCookie(request, reply);
  }

  @Post('logout-everywhere')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiNoContentResponse({
    description: "Every one of the account's sessions is gone, this one too.",
  })
  async logOutEverywhere(
    @CurrentSession() session: Session,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.destroyAll(session.accountId);
    clearSessionCookie(request, reply);
  }

  /** A new password ends every other session of the account: whoever else was in is out. */
  @Post('password')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiNoContentResponse({ description: 'Changed; every other session has ended.' })
  @ApiUnauthorizedResponse({ description: 'The current password is wrong.' })
  @ApiTooManyRequestsResponse({
    description: 'Too many wrong current passwords: wait Retry-After seconds.',
  })
  async changePassword(
    @CurrentSession() session: Session,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.throttles.failedPasswordChanges.check(session.email, request.ip);
    try {
      await this.accounts.changePassword(session.accountId, body.currentPassword, body.newPassword);
    } catch (error) {
      if (error instanceof UnauthenticatedError)
        await this.throttles.failedPasswordChanges.count(session.email, request.ip);
      throw error;
    }
    await this.sessions.destroyAll(session.accountId, sessionIdOf(request));
  }

  @Get('me')
  @ApiCookieAuth()
  @ApiOkResponse({ type: AccountViewDto })
  me(@CurrentSession() session: Session): AccountView {
    return { id: session.accountId, email: session.email, role: session.role };
  }

  @Get('notices')
  @ApiCookieAuth()
  @ApiOkResponse({ type: [AccountNoticeDto], description: 'Newest first, at most 20.' })
  notices(@CurrentSession() session: Session): Promise<AccountNotice[]> {
    return this.accounts.notices(session.accountId);
  }
}
