import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { RequestContext } from '@trailmark/command-handling';
import type { Request, Response } from 'express';
import { AccountService } from './account.service';
import { LoginResponseDto, SessionViewDto, ValidationErrorDto } from './auth.dto';
import {
  type LoginBody,
  loginSchema,
  type PasswordResetCompleteBody,
  passwordResetCompleteSchema,
  type PasswordResetRequestBody,
  passwordResetRequestSchema,
  type SwitchWorkspaceBody,
  switchWorkspaceSchema,
} from './auth.schemas';
import { DomainErrorFilter } from './domain-error.filter';
import { respondSignedIn } from './login-response';
import { PasswordResetService } from './password-reset.service';
import type { Principal } from './principal';
import { CurrentPrincipal, CurrentRequestContext } from './request-context.decorator';
import { clearSessionCookie } from './session-cookie';
import { IgnoreImpersonation, SessionGuard } from './session.guard';
import { SESSION_COOKIE } from './session-token';
import { SignInService } from './sign-in.service';
import { apiBodyOf, ZodBodyPipe } from './zod-body.pipe';

@ApiTags('auth')
@ApiBadRequestResponse({ type: ValidationErrorDto, description: 'The body is not valid; `issues` names each field' })
@UseFilters(DomainErrorFilter)
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly account: AccountService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiBody(apiBodyOf(loginSchema))
  @ApiOkResponse({ type: LoginResponseDto, description: `Signed in; the token is also set as the httpOnly cookie ${SESSION_COOKIE}` })
  @ApiUnauthorizedResponse({ description: 'Email or password is wrong (the same answer for an unknown email)' })
  @ApiResponse({ status: HttpStatus.LOCKED, description: 'Account locked until the time given, after too many failed sign-ins' })
  async login(
    @Body(new ZodBodyPipe(loginSchema)) body: LoginBody,
    @CurrentRequestContext() context: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto> {
    return respondSignedIn(request, response, await this.signIn.signIn(body.email, body.password, context));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(SessionGuard)
  @IgnoreImpersonation()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Signed out; the session ends and the cookie is cleared' })
  @ApiUnauthorizedResponse({ description: 'No live session' })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestContext() context: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.account.signOut(principal, context);
    clearSessionCookie(request, response);
  }

  @Get('me')
  @UseGuards(SessionGuard)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiBearerAuth()
  @ApiOkResponse({ type: SessionViewDto })
  @ApiUnauthorizedResponse({ description: 'No live session' })
  me(@CurrentPrincipal() principal: Principal): Promise<SessionViewDto> {
    return this.account.view(principal);
  }

  @Post('switch-workspace')
  @HttpCode(HttpStatus.OK)
  @UseGuards(SessionGuard)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiBearerAuth()
  @ApiBody(apiBodyOf(switchWorkspaceSchema))
  @ApiOkResponse({ type: SessionViewDto, description: 'The session is now in the workspace (nothing is recorded when it already was)' })
  @ApiNotFoundResponse({ description: 'Not a member of that workspace' })
  @ApiConflictResponse({ description: 'The session impersonates someone: it stays in the workspace of the impersonation' })
  switchWorkspace(
    @Body(new ZodBodyPipe(switchWorkspaceSchema)) body: SwitchWorkspaceBody,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<SessionViewDto> {
    return this.account.switchWorkspace(principal, body.workspaceId, context);
  }

  @Post('password-reset/request')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBody(apiBodyOf(passwordResetRequestSchema))
  @ApiAcceptedResponse({ description: 'Always, whether or not the email has an account; the token goes to its owner' })
  async requestPasswordReset(
    @Body(new ZodBodyPipe(passwordResetRequestSchema)) body: PasswordResetRequestBody,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<void> {
    await this.passwordReset.request(body.email, context);
  }

  @Post('password-reset/complete')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBody(apiBodyOf(passwordResetCompleteSchema))
  @ApiNoContentResponse({ description: 'The new password is set and every session of the account has ended' })
  async completePasswordReset(
    @Body(new ZodBodyPipe(passwordResetCompleteSchema)) body: PasswordResetCompleteBody,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<void> {
    await this.passwordReset.complete(body.email, body.token, body.password, context);
  }
}
