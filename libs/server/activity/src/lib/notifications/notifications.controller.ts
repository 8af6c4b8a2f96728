import { Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentRequestContext, type Principal, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { notificationInboxDecider } from '@trailmark/domain';
import { NOTIFICATIONS_PROJECTION, notificationStream } from '@trailmark/projections';
import { ApiZodQuery, WorkspaceReadApi } from '../activity-api.decorators';
import { ZodQueryPipe } from '../zod-query.pipe';
import { NotificationCommands } from './notification-commands';
import { type NotificationsQuery, notificationsQuerySchema } from './notifications-query.schema';
import { type NotificationsPage, NotificationsReader } from './notifications.reader';

/**
 * The signed-in member's own in-app notifications in this workspace; nobody
 * reads another's. Marking read is recorded (NotificationsRead), so the read
 * model can be rebuilt from the log with what was read and when.
 */
@WorkspaceReadApi('notifications')
@RequirePermission('alerts.personal')
@Controller('api/workspaces/:ws/notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsReader,
    private readonly commands: NotificationCommands,
  ) {}

  @Get()
  @ApiZodQuery(notificationsQuerySchema)
  @ApiOkResponse({ description: '{ items, nextCursor, unread }: newest first; unread counts all your unread notifications' })
  @ApiBadRequestResponse({ description: 'A query parameter is not valid; issues names each one' })
  list(@Param('ws') ws: string, @Query(new ZodQueryPipe(notificationsQuerySchema)) query: NotificationsQuery, @CurrentPrincipal() principal: Principal): Promise<NotificationsPage> {
    return this.notifications.page(ws, principal.userId, query);
  }

  @Get('unread-count')
  @ApiOkResponse({ description: '{ unread }' })
  async unreadCount(@Param('ws') ws: string, @CurrentPrincipal() principal: Principal): Promise<{ unread: number }> {
    return { unread: await this.notifications.unreadCount(ws, principal.userId) };
  }

  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '{ read, unread }: how many were marked read, and how many are unread now' })
  async readAll(@Param('ws') ws: string, @CurrentPrincipal() principal: Principal, @CurrentRequestContext() context: RequestContext) {
    return this.markRead(ws, principal.userId, (await this.notifications.unreadOf(ws, principal.userId)) ?? [], context);
  }

  @Post(':notificationId/read')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'notificationId', description: 'id of a notification of yours' })
  @ApiOkResponse({ description: '{ read, unread }: 1 when it was unread, 0 when it already was read' })
  async readOne(@Param('ws') ws: string, @Param('notificationId') id: string, @CurrentPrincipal() principal: Principal, @CurrentRequestContext() context: RequestContext) {
    const unread = await this.notifications.unreadOf(ws, principal.userId, [id]);
    if (!unread) throw new NotFoundException(`Notification ${id} was not found among yours in this workspace`);
    return this.markRead(ws, principal.userId, unread, context);
  }

  private async markRead(ws: string, recipientId: string, notificationIds: string[], context: RequestContext) {
    const command = { type: 'MarkNotificationsRead' as const, data: { recipientId, notificationIds } };
    const { events } = await this.commands.handle(notificationStream(ws, recipientId), notificationInboxDecider, command, context, NOTIFICATIONS_PROJECTION);
    return { read: events[0]?.data.notificationIds.length ?? 0, unread: await this.notifications.unreadCount(ws, recipientId) };
  }
}
