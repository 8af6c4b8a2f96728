import { streamName } from '@trailmark/contracts';

const CATEGORY = 'streamdest';

/** The stream of one streaming destination: `streamdest-<workspaceId>.<destinationId>`. */
export function destinationStream(workspaceId: string, destinationId: string): string {
  return streamName({ category: CATEGORY, workspaceId, recordId: destinationId });
}

/** Prefix of every destination stream, of every workspace or of one. */
export function destinationStreamPrefix(workspaceId?: string): string {
  return workspaceId === undefined ? `${CATEGORY}-` : `${CATEGORY}-${workspaceId}.`;
}
