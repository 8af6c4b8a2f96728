import type { Command } from '../../decider';

/** One stream per platform admin: an admin impersonates at most one person at a time. */
export type StartImpersonation = Command<
  'StartImpersonation',
  { impersonatorId: string; targetUserId: string; workspaceId: string; reason: string }
>;
export type EndImpersonation = Command<'EndImpersonation', { impersonatorId: string }>;

export type ImpersonationCommand = StartImpersonation | EndImpersonation;
