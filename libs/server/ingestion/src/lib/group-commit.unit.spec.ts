import type { AppendResult, StreamAppend } from '@trailmark/event-store';
import { groupCommit } from './group-commit';

/** A store stand-in that records each call and treats ids it has seen as duplicates. */
function recordingStore() {
  const calls: StreamAppend[][] = [];
  const seen = new Set<string>();
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  const append = async (appends: StreamAppend[]): Promise<AppendResult[]> => {
    calls.push(appends);
    await gate;
    return appends.map((a) => {
      const appended = a.events.map((e) => e.id).filter((id) => !seen.has(id) && seen.add(id));
      return { nextExpectedRevision: 0, position: '' as never, appended, duplicates: a.events.map((e) => e.id).filter((id) => !appended.includes(id)) };
    });
  };
  return { calls, append, hold: () => (gate = new Promise<void>((r) => (release = r))), release: () => release() };
}

const req = (...pairs: Array<[string, string]>): StreamAppend[] =>
  [...new Set(pairs.map(([s]) => s))].map((streamName) => ({ streamName, events: pairs.filter(([s]) => s === streamName).map(([, id]) => ({ id, type: 'T', data: {} })) }));

describe('groupCommit', () => {
  it('merges requests that arrive during a write into the next write, keeping arrival order per stream', async () => {
    const store = recordingStore();
    const append = groupCommit(store.append);
    store.hold();
    const first = append(req(['a', '1']));
    const second = append(req(['a', '2'], ['b', '3']));
    const third = append(req(['a', '4']));
    store.release();
    await Promise.all([first, second, third]);
    expect(store.calls.map((call) => call.map((a) => [a.streamName, a.events.map((e) => e.id)]))).toEqual([
      [['a', ['1']]],
      [
        ['a', ['2', '4']],
        ['b', ['3']],
      ],
    ]);
    expect((await second).map((r) => r.appended)).toEqual([['2'], ['3']]);
  });

  it('appends an id for the first merged request and reports it as a duplicate for the second', async () => {
    const store = recordingStore();
    const append = groupCommit(store.append);
    store.hold();
    const blocker = append(req(['x', '0']));
    const one = append(req(['a', 'same']));
    const two = append(req(['a', 'same']));
    store.release();
    await blocker;
    expect((await one)[0]).toMatchObject({ appended: ['same'], duplicates: [] });
    expect((await two)[0]).toMatchObject({ appended: [], duplicates: ['same'] });
  });

  it('fails every request of a failed write and keeps serving later ones', async () => {
    let fail = true;
    const append = groupCommit(async (appends) => {
      if (fail) throw new Error('store down');
      return appends.map((a) => ({ nextExpectedRevision: 0, position: '' as never, appended: a.events.map((e) => e.id), duplicates: [] }));
    });
    await expect(append(req(['a', '1']))).rejects.toThrow('store down');
    fail = false;
    expect((await append(req(['a', '1'])))[0].appended).toEqual(['1']);
  });
});
