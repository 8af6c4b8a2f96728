import { foldFailureBursts } from './failure-bursts';

const at = (time: string) => `2026-03-01T${time}:00.000Z`;
const failure = (n: number, time: string, userId = 'u1') => ({ position: `p${String(n).padStart(2, '0')}`, userId, at: at(time) });

describe('failure bursts', () => {
  it('opens a burst on the fifth failure within ten minutes, counting failures from before the batch, and stretches it with later ones', () => {
    const past = [failure(1, '14:00'), failure(2, '14:01')];
    const batch = [failure(3, '14:02'), failure(4, '14:03'), failure(5, '14:09'), failure(6, '14:18'), failure(7, '14:40')];
    expect(foldFailureBursts(past, [], batch, 1)).toEqual({
      opened: [{ firstPosition: 'p05', lastPosition: 'p06', startedAt: at('14:00'), lastAt: at('14:18'), failures: 6, accounts: 1 }],
      joined: [],
    });
  });

  it('stretches a burst from before the batch, back in time too, and recounts it over its whole span', () => {
    const open = [{ firstPosition: 'p05', lastPosition: 'p05', startedAt: at('14:00'), lastAt: at('14:04') }];
    const past = ['14:00', '14:01', '14:02', '14:03', '14:04'].map((time, i) => failure(i + 1, time));
    const batch = [failure(6, '14:12', 'u2'), failure(7, '13:51', 'u3')];
    expect(foldFailureBursts(past, open, batch, 2)).toEqual({
      opened: [],
      joined: [{ firstPosition: 'p05', lastPosition: 'p07', startedAt: at('13:51'), lastAt: at('14:12'), failures: 7, accounts: 3 }],
    });
  });

  it('opens nothing when the window holds too few accounts, or when the failures are further apart than the window', () => {
    const oneAccount = ['14:00', '14:01', '14:02', '14:03', '14:04'].map((time, i) => failure(i + 1, time));
    expect(foldFailureBursts([], [], oneAccount, 2)).toEqual({ opened: [], joined: [] });
    const spread = ['14:00', '14:03', '14:06', '14:09', '14:12'].map((time, i) => failure(i + 1, time));
    expect(foldFailureBursts([], [], spread, 1)).toEqual({ opened: [], joined: [] });
  });

  it('counts a failure reported late with an earlier time only in windows it falls in', () => {
    const batch = [failure(1, '14:00'), failure(2, '14:01'), failure(3, '14:02'), failure(4, '14:20'), failure(5, '14:03')];
    expect(foldFailureBursts([], [], batch, 1).opened).toEqual([]);
    const sixth = [...batch, failure(6, '14:04')];
    expect(foldFailureBursts([], [], sixth, 1).opened).toEqual([
      { firstPosition: 'p06', lastPosition: 'p06', startedAt: at('14:00'), lastAt: at('14:04'), failures: 5, accounts: 1 },
    ]);
  });

  it('compares times to the microsecond', () => {
    const open = [{ firstPosition: 'p05', lastPosition: 'p05', startedAt: '2026-03-01T14:00:00.000001Z', lastAt: '2026-03-01T14:04:00Z' }];
    const justOutside = [{ position: 'p06', userId: 'u1', at: '2026-03-01T14:14:00.000001Z' }];
    expect(foldFailureBursts([], open, justOutside, 1).joined).toEqual([]);
    const justInside = [{ position: 'p06', userId: 'u1', at: '2026-03-01T13:50:00.000001+00:00' }];
    expect(foldFailureBursts([], open, justInside, 1).joined).toEqual([
      { firstPosition: 'p05', lastPosition: 'p06', startedAt: '2026-03-01T13:50:00.000001+00:00', lastAt: '2026-03-01T14:04:00Z', failures: 1, accounts: 1 },
    ]);
  });
});
