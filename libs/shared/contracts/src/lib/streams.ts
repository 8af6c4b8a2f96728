import { streamName } from './stream-name';

/** Workspace id used for platform-level streams (user accounts, impersonation). */
export const PLATFORM = 'platform';

/** The stream of each aggregate, built in one place. */
export const streams = {
  user: (userId: string) => streamName({ category: 'user', workspaceId: PLATFORM, recordId: userId }),
  impersonation: (adminId: string) => streamName({ category: 'impersonation', workspaceId: PLATFORM, recordId: adminId }),
  workspace: (workspaceId: string) => streamName({ category: 'workspace', workspaceId, recordId: workspaceId }),
  groups: (workspaceId: string) => streamName({ category: 'groups', workspaceId, recordId: workspaceId }),
  team: (workspaceId: string, teamId: string) => streamName({ category: 'team', workspaceId, recordId: teamId }),
  permissionGroup: (workspaceId: string, id: string) => streamName({ category: 'permissiongroup', workspaceId, recordId: id }),
  apiKey: (workspaceId: string, apiKeyId: string) => streamName({ category: 'apikey', workspaceId, recordId: apiKeyId }),
  webhook: (workspaceId: string, webhookId: string) => streamName({ category: 'webhook', workspaceId, recordId: webhookId }),
  broadcast: (workspaceId: string, broadcastId: string) => streamName({ category: 'broadcast', workspaceId, recordId: broadcastId }),
  record: (workspaceId: string, recordType: string, recordId: string) => streamName({ category: recordType, workspaceId, recordId }),
  file: (workspaceId: string, fileId: string) => streamName({ category: 'file', workspaceId, recordId: fileId }),
  browsing: (workspaceId: string, actorId: string) => streamName({ category: 'browsing', workspaceId, recordId: actorId }),
  dataExport: (workspaceId: string, exportId: string) => streamName({ category: 'export', workspaceId, recordId: exportId }),
  activity: (workspaceId: string, subjectId: string) => streamName({ category: 'activity', workspaceId, recordId: subjectId }),
} as const;
