import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { RequestContext } from '@trailmark/command-handling';
import type { Request, Response } from 'express';
import { JoinedWorkspaceDto, LoginResponseDto, ValidationErrorDto } from './auth.dto';
import { type InvitationRegisterBody, invitationRegisterSchema } from './auth.schemas';
import { DomainErrorFilter } from './domain-error.filter';
import { InvitationsService } from './invitations.service';
import { respondSignedIn } from './login-response';
import type { Principal } from './principal';
import { CurrentPrincipal, CurrentRequestContext } from './request-context.decorator';
import { SessionGuard } from './session.guard';
import { SESSION_COOKIE } from './session-token';
import { apiBodyOf, ZodBodyPipe } from './zod-body.pipe';

@ApiTags('invitations')
@ApiNotFoundResponse({ description: 'No such pending invitation (never sent, or already used)' })
@UseFilters(DomainErrorFilter)
@Controller('api/workspaces/:ws/invitations/:invitationId')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('accept')
  @HttpCode(HttpStatus.OK)
  @UseGuards(SessionGuard)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiBearerAuth()
  @ApiOkResponse({ type: JoinedWorkspaceDto, description: 'Joined the workspace with the invited role' })
  @ApiForbiddenResponse({ description: 'The invitation was sent to another email address' })
  @ApiConflictResponse({ description: 'Already a member' })
  async accept(
    @Param('ws') workspaceId: string,
    @Param('invitationId') invitationId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<JoinedWorkspaceDto> {
    return { workspace: await this.invitations.accept(principal, workspaceId, invitationId, context) };
  }

  @Post('register')
  @HttpCode(HttpStatus.OK)
  @ApiBody(apiBodyOf(invitationRegisterSchema))
  @ApiOkResponse({ type: LoginResponseDto, description: 'Account created for the invited email, joined, and signed in' })
  @ApiBadRequestResponse({ type: ValidationErrorDto })
  @ApiConflictResponse({ description: 'An account for the invited email already exists: sign in and accept instead' })
  async register(
    @Param('ws') workspaceId: string,
    @Param('invitationId') invitationId: string,
    @Body(new ZodBodyPipe(invitationRegisterSchema)) body: InvitationRegisterBody,
    @CurrentRequestContext() context: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto> {
    return respondSignedIn(request, response, await this.invitations.register(workspaceId, invitationId, body, context));
  }
}
