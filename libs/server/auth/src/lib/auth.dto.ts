import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WORKSPACE_ROLES, type WorkspaceRole } from '@trailmark/domain';
import type { DirectoryUser, WorkspaceSummary } from './directory.repository';

export class UserDto implements DirectoryUser {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  displayName!: string;
}

export class WorkspaceSummaryDto implements WorkspaceSummary {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'My workspace' })
  name!: string;

  @ApiProperty({ enum: WORKSPACE_ROLES })
  role!: WorkspaceRole;
}

export class SessionViewDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ type: [WorkspaceSummaryDto], description: 'Oldest membership first' })
  workspaces!: WorkspaceSummaryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'The workspace the session is in' })
  currentWorkspaceId!: string | null;

  @ApiPropertyOptional({ description: 'Only while a platform admin impersonates the user (who is then the only workspace shown): the admin' })
  impersonatorId?: string;
}

export class LoginResponseDto extends SessionViewDto {
  @ApiProperty({ description: 'Also set as the httpOnly cookie trailmark_session; send it as "Authorization: Bearer <token>" from scripts' })
  token!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt!: string;
}

export class JoinedWorkspaceDto {
  @ApiProperty({ type: WorkspaceSummaryDto })
  workspace!: WorkspaceSummaryDto;
}

export class ValidationIssueDto {
  @ApiProperty({ example: 'password' })
  path!: string;

  @ApiProperty({ example: 'must be at least 10 characters' })
  message!: string;
}

export class ValidationErrorDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ type: [ValidationIssueDto] })
  issues!: ValidationIssueDto[];
}
