import { createPinia, setActivePinia } from 'pinia';
import { recordSteps, streamEvents, verifyIntegrity } from '../api/audit.api';
import type { IntegrityReport, RecordStepsPage, ReplayedEvent } from '../api/audit-types';
import { ApiError } from '../api/http-client';
import { integrityBadge, replayTargetOf, useReplayStore } from './replay.store';

jest.mock('../api/audit.api');
const steps = jest.mocked(recordSteps);
const events = jest.mocked(streamEvents);
const verify = jest.mocked(verifyIntegrity);

const STREAM = 'ticket-ws-1.T-1';
const event = (revision: number, streamName = STREAM): ReplayedEvent => ({
  position: `p${revision}`,
  streamName,
  revision,
  id: `e${revision}`,
  type: revision === 0 ? 'TicketCreated' : 'TicketUpdated',
  category: 'Records',
  kind: 'write',
  label: revision === 0 ? 'Created ticket' : 'Updated ticket',
  recordedAt: `2026-11-01T10:0${revision}:00.000Z`,
  data: {},
  metadata: { hash: `h${revision}` },
});
const snapshot = (status: string) => ({ lifecycle: 'active' as const, label: 'Ticket 1', fields: { status }, commentIds: [], noteIds: [] });
const noChange = { lifecycle: null, fields: [], comments: { added: [], removed: [] }, notes: { added: [], removed: [] } };
const page = (from: number, to: number, nextRevision: number | null): RecordStepsPage => ({
  streamName: STREAM,
  steps: Array.from({ length: to - from + 1 }, (_, i) => ({
    event: event(from + i),
    state: snapshot(`s${from + i}`),
    changes: { ...noChange, fields: [{ field: 'status', from: `s${from + i - 1}`, to: `s${from + i}` }] },
  })),
  nextRevision,
});
const report = (ok: boolean, findings: IntegrityReport['findings'] = []): IntegrityReport => ({
  verificationId: 'v-1', scope: 'stream', target: STREAM, ok, streams: 1, events: 3, findings, startedAt: '2026-11-01T11:00:00.000Z', durationMs: 4, eventsPerSecond: 750,
});

beforeEach(() => {
  setActivePinia(createPinia());
  steps.mockReset();
  events.mockReset();
  verify.mockReset();
});

describe('the replay target', () => {
  it('is a record for type and id, and for the stream of a record; any other stream as a stream', () => {
    expect(replayTargetOf({ type: 'Ticket', id: 'T-1' })).toEqual({ kind: 'record', recordType: 'ticket', recordId: 'T-1' });
    expect(replayTargetOf({ stream: 'asset-ws-1.A-9' })).toEqual({ kind: 'record', recordType: 'asset', recordId: 'A-9' });
    expect(replayTargetOf({ stream: 'member-ws-1.u-1' })).toEqual({ kind: 'stream', streamName: 'member-ws-1.u-1' });
    expect(replayTargetOf({ stream: 'odd' })).toEqual({ kind: 'stream', streamName: 'odd' });
    expect(replayTargetOf({ type: 'ticket' })).toBeNull();
  });
});

describe('the integrity badge', () => {
  it('says the chain was verified, or names the first broken revision and why', () => {
    expect(integrityBadge(null)).toEqual({ tone: 'unknown', text: 'Not verified yet' });
    expect(integrityBadge(report(true))).toEqual({ tone: 'verified', text: 'Chain verified: 3 events' });
    const broken = report(false, [
      { streamName: STREAM, problem: 'truncated', revision: 3, message: 'tail removed' },
      { streamName: STREAM, problem: 'changed', revision: 1, eventId: 'e1', message: 'Event e1 was altered' },
    ]);
    expect(integrityBadge(broken)).toEqual({ tone: 'broken', text: 'Broken at revision 1: changed', detail: 'Event e1 was altered' });
  });
});

describe('the replay store', () => {
  it('loads every page of a record, starts at revision 0, steps and scrubs within bounds, then verifies the stream', async () => {
    steps.mockResolvedValueOnce(page(0, 1, 2)).mockResolvedValueOnce(page(2, 2, null));
    verify.mockResolvedValueOnce(report(true));
    const store = useReplayStore();
    await store.open('ws-1', { kind: 'record', recordType: 'ticket', recordId: 'T-1' });
    expect(steps.mock.calls).toEqual([
      ['ws-1', 'ticket', 'T-1', 0, 500],
      ['ws-1', 'ticket', 'T-1', 2, 500],
    ]);
    expect(verify).toHaveBeenCalledWith('ws-1', { recordType: 'ticket', recordId: 'T-1' });
    expect([store.streamName, store.steps.length, store.index, store.current?.state?.fields]).toEqual([STREAM, 3, 0, { status: 's0' }]);
    store.step(1);
    expect(store.current?.changes?.fields).toEqual([{ field: 'status', from: 's0', to: 's1' }]);
    store.select(9);
    expect(store.index).toBe(2);
    store.step(-5);
    expect(store.index).toBe(0);
    expect(store.badge).toEqual({ tone: 'verified', text: 'Chain verified: 3 events' });
  });

  it('replays any other stream as its events, and verifies it by name', async () => {
    events.mockResolvedValueOnce({ streamName: 'member-ws-1.u-1', events: [event(0, 'member-ws-1.u-1')], nextRevision: null });
    verify.mockResolvedValueOnce(report(true));
    const store = useReplayStore();
    await store.open('ws-1', { kind: 'stream', streamName: 'member-ws-1.u-1' });
    expect(events).toHaveBeenCalledWith('ws-1', 'member-ws-1.u-1', 0, 1000);
    expect(verify).toHaveBeenCalledWith('ws-1', { stream: 'member-ws-1.u-1' });
    expect(store.steps.map((step) => [step.event.id, step.state])).toEqual([['e0', undefined]]);
  });

  it('says why a record could not be replayed, and does not verify it', async () => {
    steps.mockRejectedValueOnce(new ApiError(404, 'This workspace has no ticket "T-404"'));
    const store = useReplayStore();
    await store.open('ws-1', { kind: 'record', recordType: 'ticket', recordId: 'T-404' });
    expect([store.error, store.loading, store.steps, store.streamName]).toEqual(['This workspace has no ticket "T-404"', false, [], null]);
    expect(verify).not.toHaveBeenCalled();
  });

  it('verifies again on demand, and verifies the whole workspace with an empty body', async () => {
    steps.mockResolvedValueOnce(page(0, 0, null));
    const broken = report(false, [{ streamName: STREAM, problem: 'changed', revision: 0, eventId: 'e0', message: 'Event e0 was altered' }]);
    verify.mockResolvedValueOnce(report(true)).mockResolvedValueOnce(broken).mockResolvedValueOnce({ ...report(true), scope: 'workspace', target: 'ws-1', streams: 12, events: 40 });
    const store = useReplayStore();
    await store.open('ws-1', { kind: 'record', recordType: 'ticket', recordId: 'T-1' });
    await store.verify();
    expect(store.badge.text).toBe('Broken at revision 0: changed');
    await store.verifyWorkspace('ws-1');
    expect(verify).toHaveBeenLastCalledWith('ws-1', {});
    expect([store.workspaceReport?.streams, store.workspaceReport?.ok, store.workspaceVerifying]).toEqual([12, true, false]);
  });
});
