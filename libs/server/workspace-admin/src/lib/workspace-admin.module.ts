import { Module } from '@nestjs/common';
import { AuthGuardsModule } from '@trailmark/auth';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { BroadcastsController } from './broadcasts/broadcasts.controller';
import { AdminCommands } from './common/admin-commands';
import { AdminDirectory } from './common/admin-directory';
import { References } from './common/references';
import { GroupsController } from './groups/groups.controller';
import { ImpersonationController } from './impersonation/impersonation.controller';
import { PlatformAdminGuard } from './impersonation/platform-admin.guard';
import { MembersController } from './members/members.controller';
import { PermissionGroupsController } from './permission-groups/permission-groups.controller';
import { TeamsController } from './teams/teams.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksReader } from './webhooks/webhooks.reader';
import { WorkspaceController } from './workspace/workspace.controller';

/**
 * Workspace administration under `/api/workspaces/:ws/...` and platform
 * impersonation under `/api/platform/impersonation`. Needs `PG_POOL` and
 * `EVENT_STORE` from a global module, and the directory projection running
 * somewhere (routes that change members or API keys wait for it).
 */
@Module({
  imports: [AuthGuardsModule],
  controllers: [
    WorkspaceController,
    MembersController,
    TeamsController,
    GroupsController,
    PermissionGroupsController,
    ApiKeysController,
    WebhooksController,
    BroadcastsController,
    ImpersonationController,
  ],
  providers: [AdminCommands, AdminDirectory, References, WebhooksReader, PlatformAdminGuard],
})
export class WorkspaceAdminModule {}
