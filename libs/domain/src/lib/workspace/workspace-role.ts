export const WORKSPACE_ROLES = ['owner', 'admin', 'auditor', 'agent', 'viewer'] as const;

/** Auditors read and verify the log but administer nothing. */
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
