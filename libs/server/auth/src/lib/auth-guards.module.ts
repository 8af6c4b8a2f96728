import { Module } from '@nestjs/common';
import { SessionGuard } from './session.guard';
import { SessionsRepository } from './sessions.repository';
import { WorkspaceAccessGuard } from './workspace-access.guard';

/**
 * Guards for any feature module: `@UseGuards(SessionGuard, WorkspaceAccessGuard)`
 * with `@RequirePermission('members.manage')` on routes under `/api/workspaces/:ws`.
 */
@Module({
  providers: [SessionsRepository, SessionGuard, WorkspaceAccessGuard],
  exports: [SessionsRepository, SessionGuard, WorkspaceAccessGuard],
})
export class AuthGuardsModule {}
