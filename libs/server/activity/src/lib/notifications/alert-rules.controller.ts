import { Body, Controller, Delete, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Put, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { apiBodyOf, CurrentMembership, CurrentPrincipal, CurrentRequestContext, type Membership, type Principal, RequirePermission, ZodBodyPipe } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { type AlertRuleCommand, alertRuleDecider, type AlertRuleDefinition, type AlertScope, can, type RuleEditor } from '@trailmark/domain';
import { ALERT_RULES_REACTOR, alertRuleStream } from '@trailmark/projections';
import { randomUUID } from 'node:crypto';
import { WorkspaceReadApi } from '../activity-api.decorators';
import { AlertRuleErrorFilter } from './alert-rule-error.filter';
import { type AlertRuleBody, alertRuleBodySchema } from './alert-rule.schema';
import { type AlertRuleView, AlertRulesReader } from './alert-rules.reader';
import { NotificationCommands } from './notification-commands';

const BAD_RULE = 'The rule is malformed; issues name each field (path) and what is wrong';

/**
 * Alert rules: workspace rules (owners and admins, `alerts.manage`) alert
 * chosen members or roles; personal rules (any member) alert their owner
 * only, and nobody else sees them. Another member's personal rule is a 404.
 */
@WorkspaceReadApi('alert-rules')
@UseFilters(AlertRuleErrorFilter)
@RequirePermission('alerts.personal')
@Controller('api/workspaces/:ws/alert-rules')
export class AlertRulesController {
  constructor(
    private readonly commands: NotificationCommands,
    private readonly rules: AlertRulesReader,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Workspace rules (for those who manage them) and your personal rules, oldest first' })
  list(@Param('ws') ws: string, @CurrentPrincipal() principal: Principal, @CurrentMembership() membership: Membership): Promise<AlertRuleView[]> {
    return this.rules.list(ws, principal.userId, manages(membership));
  }

  @Post()
  @ApiCreatedResponse({ description: 'The new rule, enabled; recorded as AlertRuleCreated' })
  @ApiBody(apiBodyOf(alertRuleBodySchema))
  @ApiBadRequestResponse({ description: BAD_RULE })
  async create(
    @Param('ws') ws: string,
    @Body(new ZodBodyPipe(alertRuleBodySchema)) body: AlertRuleBody,
    @CurrentPrincipal() principal: Principal,
    @CurrentMembership() membership: Membership,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<AlertRuleView> {
    const ruleId = randomUUID();
    const by = editor(principal, membership);
    await this.decide(ws, { type: 'CreateAlertRule', data: { ruleId, workspaceId: ws, scope: scopeOf(body, principal), by, ...definitionOf(body) } }, context);
    return this.read(ws, ruleId, principal, membership);
  }

  @Put(':ruleId')
  @ApiParam({ name: 'ruleId' })
  @ApiOkResponse({ description: 'The rule with its definition replaced; recorded as AlertRuleUpdated' })
  @ApiBody(apiBodyOf(alertRuleBodySchema))
  @ApiBadRequestResponse({ description: BAD_RULE })
  async update(
    @Param('ws') ws: string,
    @Param('ruleId') ruleId: string,
    @Body(new ZodBodyPipe(alertRuleBodySchema)) body: AlertRuleBody,
    @CurrentPrincipal() principal: Principal,
    @CurrentMembership() membership: Membership,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<AlertRuleView> {
    const by = editor(principal, membership);
    await this.decide(ws, { type: 'UpdateAlertRule', data: { ruleId, scope: scopeOf(body, principal), by, ...definitionOf(body) } }, context);
    return this.read(ws, ruleId, principal, membership);
  }

  @Post(':ruleId/enable')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'ruleId' })
  @ApiOkResponse({ description: 'The rule, enabled; recorded as AlertRuleEnabled unless it already was' })
  async enable(@Param('ws') ws: string, @Param('ruleId') ruleId: string, @CurrentPrincipal() principal: Principal, @CurrentMembership() membership: Membership, @CurrentRequestContext() context: RequestContext) {
    await this.decide(ws, { type: 'EnableAlertRule', data: { ruleId, by: editor(principal, membership) } }, context);
    return this.read(ws, ruleId, principal, membership);
  }

  @Post(':ruleId/disable')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'ruleId' })
  @ApiOkResponse({ description: 'The rule, disabled; recorded as AlertRuleDisabled unless it already was' })
  async disable(@Param('ws') ws: string, @Param('ruleId') ruleId: string, @CurrentPrincipal() principal: Principal, @CurrentMembership() membership: Membership, @CurrentRequestContext() context: RequestContext) {
    await this.decide(ws, { type: 'DisableAlertRule', data: { ruleId, by: editor(principal, membership) } }, context);
    return this.read(ws, ruleId, principal, membership);
  }

  @Delete(':ruleId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'ruleId' })
  @ApiNoContentResponse({ description: 'Deleted; recorded as AlertRuleDeleted' })
  async delete(@Param('ws') ws: string, @Param('ruleId') ruleId: string, @CurrentPrincipal() principal: Principal, @CurrentMembership() membership: Membership, @CurrentRequestContext() context: RequestContext): Promise<void> {
    await this.decide(ws, { type: 'DeleteAlertRule', data: { ruleId, by: editor(principal, membership) } }, context);
  }

  private async decide(ws: string, command: AlertRuleCommand, context: RequestContext): Promise<void> {
    await this.commands.handle(alertRuleStream(ws, command.data.ruleId), alertRuleDecider, command, context, ALERT_RULES_REACTOR);
  }

  private async read(ws: string, ruleId: string, principal: Principal, membership: Membership): Promise<AlertRuleView> {
    const rule = await this.rules.one(ws, ruleId, principal.userId, manages(membership));
    if (!rule) throw new NotFoundException(`Alert rule ${ruleId} does not exist`);
    return rule;
  }
}

const manages = (membership: Membership) => can(membership.role, 'alerts.manage');

const editor = (principal: Principal, membership: Membership): RuleEditor => ({ userId: principal.userId, managesWorkspaceRules: manages(membership) });

function scopeOf(body: AlertRuleBody, principal: Principal): AlertScope {
  return body.scope === 'personal'
    ? { kind: 'personal', ownerId: principal.userId }
    : { kind: 'workspace', userIds: body.recipients?.userIds ?? [], roles: body.recipients?.roles ?? [] };
}

function definitionOf({ name, match, channels }: AlertRuleBody): AlertRuleDefinition {
  const { result, actorId } = match;
  return { name, channels, match: { eventTypes: match.eventTypes, categories: match.categories, ...(result ? { result } : {}), ...(actorId ? { actorId } : {}) } };
}
