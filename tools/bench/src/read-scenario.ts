import type { IngestEvent } from '@trailmark/contracts';
import { type Cast, type Person, type SeedWorkspace, workspaceIndex } from './read-cast';
import { activityClock } from './read-clock';
import { hostEvents, newRecord, type SeedRecord, type SeedRecordType } from './read-host-events';
import type { Random } from './read-random';

export interface ScenarioOptions {
  /** Host events to generate. */
  events: number;
  /** Records created among them. */
  records: number;
  since: Date;
  until: Date;
}

export interface ScenarioEvent {
  workspace: number;
  event: IngestEvent;
}

/** What the queries later look for: the busiest record and actor of the largest workspace. */
export interface ScenarioHighlights {
  busiestRecord: { type: string; id: string; events: number };
  busiestActor: { id: string; name: string; events: number };
}

/** Realistic help-desk activity, in time order, one host event per call; records exist before anything happens to them. */
export function createActivityScenario(random: Random, cast: Cast, options: ScenarioOptions) {
  const clock = activityClock(options.since, options.until, options.events);
  const records = cast.workspaces.map(() => [] as SeedRecord[]);
  const members = cast.workspaces.map(({ people }) => people.slice(1));
  const writers = members.map((people, index) => people.filter((person) => person.roles.get(index) !== 'viewer'));
  const recordHits = new Map<string, number>();
  const actorHits = new Map<Person, number>();
  let created = 0;
  let files = 0;
  let generated = 0;

  const personIn = (workspace: SeedWorkspace, index: number, write: boolean): Person => {
    if (random.chance(0.02)) return workspace.people[0];
    const pool = write ? writers[index] : members[index];
    // Earlier members are the busier ones, as a few agents do most of the work.
    return pool.length > 0 ? pool[Math.floor(pool.length * random.next() ** 1.6)] : workspace.people[0];
  };
  const recordIn = (index: number): SeedRecord | undefined => {
    const list = records[index];
    if (list.length === 0) return undefined;
    const recent = Math.min(list.length, 300);
    const record = random.chance(0.7) ? list[list.length - 1 - random.int(recent)] : random.pick(list);
    return record.deleted ? undefined : record;
  };

  function build(index: number, at: Date): Omit<IngestEvent, 'id' | 'occurredAt'> {
    const workspace = cast.workspaces[index];
    const dueCreates = Math.floor(((generated + 1) * options.records) / options.events);
    if (created < dueCreates) {
      created += 1;
      const type = random.weighted<SeedRecordType>({ ticket: 50, conversation: 25, customer: 15, asset: 10 });
      const record = newRecord(random, type, records[index].length + 1);
      records[index].push(record);
      return hostEvents.created(random, personIn(workspace, index, true), record);
    }
    const kind = random.weighted({ page: 24, comment: 15, update: 10, status: 8, assign: 6, conversation: 7, signIn: 7, signOut: 4, failed: 2, file: 5, export: 0.5, delete: 0.5, generic: 2 });
    const record = recordIn(index);
    const by = personIn(workspace, index, !['page', 'signIn', 'signOut', 'failed', 'export'].includes(kind));
    if (index === 0) actorHits.set(by, (actorHits.get(by) ?? 0) + 1);
    if (record) {
      if (index === 0) recordHits.set(`${record.type}:${record.id}`, (recordHits.get(`${record.type}:${record.id}`) ?? 0) + 1);
      switch (kind) {
        case 'comment':
          return hostEvents.annotated(random, by, record);
        case 'update':
          return hostEvents.updated(random, by, record);
        case 'status':
          return hostEvents.statusChanged(random, by, record);
        case 'assign':
          return hostEvents.assigned(by, record, personIn(workspace, index, true));
        case 'conversation':
          return record.type === 'ticket' || record.type === 'conversation' ? hostEvents.conversation(random, by, record, at) : hostEvents.updated(random, by, record);
        case 'file':
          return hostEvents.file(random, by, record, `F-${(files += 1)}`);
        case 'delete':
          return hostEvents.deleted(by, record);
        case 'generic':
          return hostEvents.generic(random, by, record);
        default:
          break;
      }
    }
    switch (kind) {
      case 'signIn':
        return hostEvents.signedIn(by);
      case 'signOut':
        return hostEvents.signedOut(by);
      case 'failed':
        return hostEvents.signInFailed(random, by);
      case 'export':
        return hostEvents.exported(random, by);
      default:
        return hostEvents.pageViewed(random, by, record);
    }
  }

  return {
    next(): ScenarioEvent {
      const at = clock(generated);
      const workspace = workspaceIndex(random);
      const event: IngestEvent = { id: `read-bench-${generated}`, occurredAt: at.toISOString(), ...build(workspace, at) };
      generated += 1;
      return { workspace, event };
    },
    highlights(): ScenarioHighlights {
      const [recordKey, recordEvents] = [...recordHits].reduce((best, entry) => (entry[1] > best[1] ? entry : best), ['ticket:T-1', 0]);
      const [type, id] = recordKey.split(':');
      const [actor, actorEvents] = [...actorHits].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [cast.owner, 0] as [Person, number]);
      return { busiestRecord: { type, id, events: recordEvents }, busiestActor: { id: actor.userId, name: actor.name, events: actorEvents } };
    },
  };
}
