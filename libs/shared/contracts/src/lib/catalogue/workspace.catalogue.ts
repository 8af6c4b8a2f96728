import type { CatalogueSection } from './catalogue.types';

/** Workspace administration: the workspace, its members and settings, teams, groups, permissions, keys, webhooks, broadcasts. */
export const WORKSPACE_CATALOGUE = {
  WorkspaceCreated: { category: 'Workspace', kind: 'write', label: 'Created workspace' },
  WorkspaceRenamed: { category: 'Workspace', kind: 'write', label: 'Renamed workspace' },
  WorkspaceSettingsChanged: { category: 'Settings', kind: 'write', label: 'Changed workspace settings' },
  MemberInvited: { category: 'Workspace', kind: 'write', label: 'Invited member' },
  MemberJoined: { category: 'Workspace', kind: 'write', label: 'Joined workspace' },
  MemberRoleChanged: { category: 'Permissions', kind: 'write', label: 'Changed member role' },
  MemberRemoved: { category: 'Workspace', kind: 'write', label: 'Removed member' },
  TeamCreated: { category: 'Teams', kind: 'write', label: 'Created team' },
  TeamUpdated: { category: 'Teams', kind: 'write', label: 'Updated team' },
  TeamDeleted: { category: 'Teams', kind: 'write', label: 'Deleted team' },
  TeamMemberAdded: { category: 'Teams', kind: 'write', label: 'Added team member' },
  TeamMemberRemoved: { category: 'Teams', kind: 'write', label: 'Removed team member' },
  GroupCreated: { category: 'Teams', kind: 'write', label: 'Created group' },
  GroupUpdated: { category: 'Teams', kind: 'write', label: 'Updated group' },
  GroupDeleted: { category: 'Teams', kind: 'write', label: 'Deleted group' },
  GroupMemberAdded: { category: 'Teams', kind: 'write', label: 'Added group member' },
  GroupMemberRemoved: { category: 'Teams', kind: 'write', label: 'Removed group member' },
  GroupNested: { category: 'Teams', kind: 'write', label: 'Nested group' },
  GroupUnnested: { category: 'Teams', kind: 'write', label: 'Unnested group' },
  PermissionGroupGranted: { category: 'Permissions', kind: 'write', label: 'Granted permission group' },
  PermissionGroupRevoked: { category: 'Permissions', kind: 'write', label: 'Revoked permission group' },
  // Keys grant access to the workspace, so they sit with the other access decisions.
  ApiKeyCreated: { category: 'Permissions', kind: 'write', label: 'Created API key' },
  ApiKeyRevoked: { category: 'Permissions', kind: 'write', label: 'Revoked API key' },
  WebhookCreated: { category: 'Webhooks', kind: 'write', label: 'Created webhook' },
  WebhookFired: { category: 'Webhooks', kind: 'write', label: 'Fired webhook' },
  WebhookTested: { category: 'Webhooks', kind: 'write', label: 'Tested webhook' },
  WebhookDeleted: { category: 'Webhooks', kind: 'write', label: 'Deleted webhook' },
  BroadcastSent: { category: 'Broadcasts', kind: 'write', label: 'Sent broadcast' },
} as const satisfies CatalogueSection;

export type WorkspaceCatalogueEventType = keyof typeof WORKSPACE_CATALOGUE;
