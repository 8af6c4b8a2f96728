import { parseDevice } from '@trailmark/command-handling';
import { type Device, describeEvent, MAX_EVENTS_PER_REQUEST } from '@trailmark/contracts';
import type { EventStore, StreamAppend } from '@trailmark/event-store';
import { groupByStream, parseIngestRequest, planIngest } from '@trailmark/ingestion';
import { createCast, READ_BENCH_OWNER } from './read-cast';
import { directoryAppends } from './read-directory';
import { seededRandom } from './read-random';
import { createActivityScenario, type ScenarioEvent, type ScenarioHighlights } from './read-scenario';
import { progressBar, result, type Throughput } from './measure';

export interface SeedOptions {
  /** Every event in the store afterwards, directory events included. */
  events: number;
  records: number;
  users: number;
  seed: number;
  /** The end of the seeded history; activity spans the 120 days before it. */
  now: Date;
}

export interface SeedSummary {
  owner: { userId: string; email: string; password: string };
  workspaces: Array<{ workspaceId: string; name: string; members: number }>;
  directoryEvents: number;
  categories: Record<string, number>;
  highlights: ScenarioHighlights;
  write: Throughput;
}

const DAY = 86_400_000;
const HISTORY_DAYS = 120;
/** Host events planned and appended per `appendToStreams` call. */
const CHUNK = 5_000;

/**
 * Writes the read benchmark's data straight into the store: the directory as
 * the API writes it, then host activity mapped exactly as `POST /v1/events`
 * maps it, appended in large batches, one batch in flight while the next is planned.
 */
export async function seedReadData(store: EventStore, options: SeedOptions): Promise<SeedSummary> {
  const random = seededRandom(options.seed);
  const cast = createCast(random, options.users);
  const since = new Date(options.now.getTime() - HISTORY_DAYS * DAY);
  const directory = directoryAppends(cast, random, new Date(since.getTime() - DAY));
  const directoryEvents = directory.reduce((sum, append) => sum + append.events.length, 0);
  const activity = options.events - directoryEvents;
  if (activity < CHUNK) throw new Error(`--events must leave room for activity beyond the ${directoryEvents} directory events`);

  const scenario = createActivityScenario(random, cast, { events: activity, records: Math.min(options.records, activity), since, until: new Date(options.now.getTime() - 60_000) });
  const categories = new Map<string, number>();
  const devices = new Map<string | undefined, Device | undefined>();
  const device = (userAgent: string | undefined) => {
    if (!devices.has(userAgent)) devices.set(userAgent, parseDevice(userAgent));
    return devices.get(userAgent);
  };
  const plan = (chunk: ScenarioEvent[]): StreamAppend[] => {
    const planned = cast.workspaces.flatMap(({ workspaceId }, index) => {
      const events = chunk.filter((item) => item.workspace === index).map((item) => item.event);
      return Array.from({ length: Math.ceil(events.length / MAX_EVENTS_PER_REQUEST) }, (_, piece) => {
        const parsed = parseIngestRequest({ events: events.slice(piece * MAX_EVENTS_PER_REQUEST, (piece + 1) * MAX_EVENTS_PER_REQUEST) });
        if (!parsed.ok) throw new Error(`Seed events did not validate: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
        const context = { workspaceId, apiKeyId: 'read-bench', correlationId: random.uuid(), receivedAt: options.now, newId: random.uuid, device };
        const mapped = planIngest(parsed.events, context);
        if (!mapped.ok) throw new Error(`Seed events did not map: ${JSON.stringify(mapped.issues.slice(0, 3))}`);
        return mapped.events;
      }).flat();
    });
    for (const { toAppend } of planned) {
      const { category } = describeEvent(toAppend.type);
      categories.set(category, (categories.get(category) ?? 0) + 1);
    }
    return groupByStream(planned);
  };

  const bar = progressBar('Seeding the store', options.events);
  const started = process.hrtime.bigint();
  await store.appendToStreams(directory);
  bar.increment(directoryEvents);
  let inFlight: Promise<unknown> = Promise.resolve();
  for (let done = 0; done < activity; ) {
    const size = Math.min(CHUNK, activity - done);
    const appends = plan(Array.from({ length: size }, () => scenario.next()));
    await inFlight;
    inFlight = store.appendToStreams(appends).then(() => bar.increment(size));
    done += size;
  }
  await inFlight;
  bar.stop();

  return {
    owner: { userId: cast.owner.userId, email: READ_BENCH_OWNER.email, password: READ_BENCH_OWNER.password },
    workspaces: cast.workspaces.map(({ workspaceId, name, people }) => ({ workspaceId, name, members: people.length })),
    directoryEvents,
    categories: Object.fromEntries([...categories].sort((a, b) => b[1] - a[1])),
    highlights: scenario.highlights(),
    write: result('seed appendToStreams', options.events, started),
  };
}
