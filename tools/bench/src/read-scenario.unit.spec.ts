import { parseRecordEventType, resolveIngestAction } from '@trailmark/contracts';
import { parseIngestRequest, planIngest } from '@trailmark/ingestion';
import { createCast } from './read-cast';
import { seededRandom } from './read-random';
import { createActivityScenario, type ScenarioEvent } from './read-scenario';

const now = new Date('2026-03-01T12:00:00Z');
const since = new Date('2025-11-01T12:00:00Z');

function generate(seed: number, events = 2_000, records = 100): ScenarioEvent[] {
  const random = seededRandom(seed);
  const scenario = createActivityScenario(random, createCast(random, 40), { events, records, since, until: now });
  return Array.from({ length: events }, () => scenario.next());
}

describe('the read benchmark scenario', () => {
  it('gives the same events for the same seed and others for another', () => {
    expect(generate(7)).toEqual(generate(7));
    expect(generate(8).map((item) => item.event.action)).not.toEqual(generate(7).map((item) => item.event.action));
  });

  it('creates exactly the records asked for, each before anything else happens to it in its workspace', () => {
    const created = new Set<string>();
    let creates = 0;
    for (const { workspace, event } of generate(7)) {
      const record = parseRecordEventType(resolveIngestAction(event.action).eventType);
      const key = `${workspace}:${event.target?.type}:${event.target?.id}`;
      if (record?.action === 'Created') {
        expect(created.has(key)).toBe(false);
        created.add(key);
        creates += 1;
      } else if (record || event.action === 'comment.added' || event.action === 'note.added') {
        expect(created.has(key)).toBe(true);
      }
    }
    expect(creates).toBe(100);
  });

  it('spreads the events over the period in time order', () => {
    const times = generate(7).map((item) => Date.parse(item.event.occurredAt ?? ''));
    expect(times.every((time, i) => i === 0 || time >= times[i - 1])).toBe(true);
    expect(times[0]).toBeGreaterThanOrEqual(since.getTime());
    expect(times[0]).toBeLessThan(since.getTime() + 3 * 86_400_000);
    expect(times.at(-1)).toBeLessThanOrEqual(now.getTime());
    expect(times.at(-1)).toBeGreaterThan(now.getTime() - 3 * 86_400_000);
  });

  it('is accepted and mapped by the ingestion path as it stands, without a single issue', () => {
    const events = generate(9, 1_000).map((item) => item.event);
    const parsed = parseIngestRequest({ events });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
    const plan = planIngest(parsed.events, { workspaceId: 'ws', apiKeyId: 'k', correlationId: 'c', receivedAt: now, newId: () => 'id', device: () => undefined });
    expect(plan.ok && plan.events.length).toBe(1_000);
    const types = new Set(plan.ok ? plan.events.map((planned) => planned.toAppend.type) : []);
    expect([...types].filter((type) => ['PageViewed', 'CommentAdded', 'SignedIn', 'SignInFailed', 'TicketCreated', 'TicketAssigned', 'FileUploaded', 'ActivityRecorded'].includes(type)).sort()).toEqual(
      ['ActivityRecorded', 'CommentAdded', 'FileUploaded', 'PageViewed', 'SignInFailed', 'SignedIn', 'TicketAssigned', 'TicketCreated'],
    );
  });
});
