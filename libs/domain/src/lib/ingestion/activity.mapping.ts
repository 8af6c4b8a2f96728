import { streams } from '@trailmark/contracts';
import { present } from '../activity/host-values';
import type { HostEventInput, MappedHostEvent } from './host-event';
import type { HostEventReader } from './host-event-reader';

/**
 * Any action Trailmark has no event for, kept as the host reported it, in the
 * stream of its target, or of its actor when it has none.
 */
export function mapActivity({ workspaceId, event }: HostEventInput, read: HostEventReader): MappedHostEvent {
  const { target } = event;
  const changes = event.changes && read.allChanges();
  const data = {
    action: event.action,
    ...present({
      target: target && { recordType: target.type, recordId: target.id, ...present({ name: target.name }) },
      changes,
      details: read.allDetails(),
    }),
  };
  return {
    streamName: streams.activity(workspaceId, target ? `${target.type}_${target.id}` : hostUserSubject(event.actor.id)),
    event: { type: 'ActivityRecorded', data },
    extras: read.extras(['type', 'id', 'name']),
  };
}

/** A host user's own stream: host users are not Trailmark members and never share their `user-` streams. */
export function hostUserSubject(actorId: string): string {
  return `user_${actorId}`;
}
