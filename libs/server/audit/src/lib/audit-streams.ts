import { parseStreamName, streamName } from '@trailmark/contracts';

/**
 * Where auditors' own actions go: each replay, export or verification in a
 * stream of its own (as data exports are), and a workspace's checkpoints in
 * one stream, whose head no checkpoint can cover.
 */
export const auditStreams = {
  action: (workspaceId: string, actionId: string) => streamName({ category: 'audit', workspaceId, recordId: actionId }),
  checkpoints: (workspaceId: string) => streamName({ category: 'checkpoint', workspaceId, recordId: workspaceId }),
} as const;

/** The workspace a stream name carries, or undefined when it is not a stream name. */
export function workspaceOfStream(name: string): string | undefined {
  try {
    return parseStreamName(name).workspaceId;
  } catch {
    return undefined;
  }
}
