import { ingestEventIssues } from './event-shape';

const valid = { action: 'ticket.created', actor: { id: 'u-1', name: 'Ada' } };

describe('ingestEventIssues', () => {
  it('accepts a minimal event and a full one', () => {
    expect(ingestEventIssues(valid)).toEqual([]);
    expect(
      ingestEventIssues({
        ...valid,
        id: 'e-1',
        occurredAt: '2025-01-01T10:00:00.000Z',
        target: { type: 'ticket', id: 't-1', name: 'T', url: 'https://app.example.com/t/1' },
        changes: [{ field: 'status', from: 'open', to: 'pending' }],
        context: { ip: '10.0.0.1', userAgent: 'x' },
        result: 'success',
        details: { any: 'thing' },
      }),
    ).toEqual([]);
  });

  it.each([
    [null, 'event'],
    [{ ...valid, action: ' ' }, 'action'],
    [{ ...valid, actor: { id: 'u-1' } }, 'actor.name'],
    [{ action: 'x', actor: { name: 'Ada' } }, 'actor.id'],
    [{ ...valid, id: '' }, 'id'],
    [{ ...valid, occurredAt: 'yesterday' }, 'occurredAt'],
    [{ ...valid, target: { type: 'ticket' } }, 'target.id'],
    [{ ...valid, changes: [{ from: 1 }] }, 'changes'],
    [{ ...valid, details: [] }, 'details'],
    [{ ...valid, result: 'ok' }, 'result'],
  ])('names the bad field of %j', (event, path) => {
    expect(ingestEventIssues(event)).toEqual([expect.stringMatching(new RegExp(`^${path.replace('.', '\\.')}: `))]);
  });
});
