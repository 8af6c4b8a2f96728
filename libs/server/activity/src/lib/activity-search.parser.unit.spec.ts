import { parseActivitySearch, type SearchClause } from './activity-search.parser';

const clauses = (q: string): SearchClause[] => {
  const parsed = parseActivitySearch(q);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.clauses;
};
const failure = (q: string): string => {
  const parsed = parseActivitySearch(q);
  if (parsed.ok) throw new Error(`"${q}" parsed`);
  return parsed.message;
};

describe('parseActivitySearch', () => {
  it('reads the example of the issue: every qualifier, a negation and a time bound', () => {
    expect(clauses('actor:alice action:TicketAssigned ip:10.0.0.1 category:auth -result:success created:>2026-01-01')).toEqual([
      { kind: 'actor', value: 'alice', negated: false },
      { kind: 'action', value: 'TicketAssigned', negated: false },
      { kind: 'ip', value: '10.0.0.1', negated: false },
      { kind: 'category', value: 'Auth', negated: false },
      { kind: 'result', value: 'success', negated: true },
      { kind: 'created', after: { at: '2026-01-02T00:00:00.000Z', inclusive: true }, negated: false },
    ]);
  });

  it('keeps free words and quoted phrases as text, negated with a leading dash', () => {
    expect(clauses('  assigned  "printer on fire" -"signed in" -page ')).toEqual([
      { kind: 'text', value: 'assigned', negated: false },
      { kind: 'text', value: 'printer on fire', negated: false },
      { kind: 'text', value: 'signed in', negated: true },
      { kind: 'text', value: 'page', negated: true },
    ]);
    expect(clauses('')).toEqual([]);
    expect(clauses('- ""')).toEqual([{ kind: 'text', value: '-', negated: false }]);
  });

  it('takes quoted qualifier values, case-insensitive names, and colons inside values', () => {
    expect(clauses('Actor:"Grace Hopper" IP:2001:db8::1 "a:b" 2001:db8::2')).toEqual([
      { kind: 'actor', value: 'Grace Hopper', negated: false },
      { kind: 'ip', value: '2001:db8::1', negated: false },
      { kind: 'text', value: 'a:b', negated: false },
      { kind: 'text', value: '2001:db8::2', negated: false },
    ]);
  });

  it.each([
    ['created:2026-01-01', { after: { at: '2026-01-01T00:00:00.000Z', inclusive: true }, before: { at: '2026-01-02T00:00:00.000Z', inclusive: false } }],
    ['created:=2026-02-28', { after: { at: '2026-02-28T00:00:00.000Z', inclusive: true }, before: { at: '2026-03-01T00:00:00.000Z', inclusive: false } }],
    ['created:>=2026-01-01', { after: { at: '2026-01-01T00:00:00.000Z', inclusive: true } }],
    ['created:<2026-01-01', { before: { at: '2026-01-01T00:00:00.000Z', inclusive: false } }],
    ['created:<=2026-01-01', { before: { at: '2026-01-02T00:00:00.000Z', inclusive: false } }],
    ['created:>2026-01-01T09:30:00Z', { after: { at: '2026-01-01T09:30:00.000Z', inclusive: false } }],
    ['created:<=2026-01-01T11:30:00.250+02:00', { before: { at: '2026-01-01T09:30:00.250Z', inclusive: true } }],
    ['created:=2026-01-01T09:30Z', { after: { at: '2026-01-01T09:30:00.000Z', inclusive: true }, before: { at: '2026-01-01T09:30:00.000Z', inclusive: true } }],
  ])('reads %s as an interval of occurrence time', (q, bounds) => {
    expect(clauses(q)).toEqual([{ kind: 'created', ...bounds, negated: false }]);
  });

  it('matches categories and results whatever their case, and negates any qualifier', () => {
    expect(clauses('-category:PERMISSIONS result:Failure -created:<2026-01-01')).toEqual([
      { kind: 'category', value: 'Permissions', negated: true },
      { kind: 'result', value: 'failure', negated: false },
      { kind: 'created', before: { at: '2026-01-01T00:00:00.000Z', inclusive: false }, negated: true },
    ]);
  });

  it('names an unknown qualifier and lists the known ones', () => {
    expect(failure('actor:alice colour:red')).toBe(
      'Unknown qualifier "colour:" in q; use one of actor:, action:, ip:, category:, result:, created:, or quote the term to search for it as text',
    );
    expect(failure('-foo:bar')).toContain('"foo:"');
  });

  it('refuses empty values, unknown categories and results, bad dates and unclosed quotes', () => {
    expect(failure('actor:')).toBe('The qualifier "actor:" in q needs a value');
    expect(failure('ip:""')).toBe('The qualifier "ip:" in q needs a value');
    expect(failure('category:nope')).toBe(
      '"category:nope" in q: category is one of Auth, Inbox, Notes, Teams, Broadcasts, Webhooks, Workspace, Impersonation, Records, Files, Permissions, Settings, Exports, Browsing, Security, Notifications, Other',
    );
    expect(failure('result:maybe')).toBe('"result:maybe" in q: result is one of success, warning, failure');
    for (const bad of ['created:yesterday', 'created:>2026-02-30', 'created:2026-01-01T10:00', 'created:>>2026-01-01', 'created:>']) {
      expect(failure(bad)).toContain('expected a date (2026-01-01) or a date-time with its offset');
    }
    expect(failure('actor:"Grace')).toBe('q has a quote that is never closed');
  });
});
