import type { Pool } from 'pg';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { rowSet } from './row-set';

let postgres: TestPostgres;
let pool: Pool;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 2);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
});

interface Row {
  id: number;
  name: string | null;
  active: boolean;
  at: string | null;
  details?: unknown;
}

const rows = rowSet<Row>('id integer, name text, active boolean, at timestamptz, details jsonb');

/** The rows as Postgres reads them back, with SQL NULL told apart from JSON null; parameters before `first` are other text. */
async function readBack(batch: Row[], first = 1) {
  const leading = Array.from({ length: first - 1 }, (_, i) => `$${i + 1}::text = 'other'`);
  const { rows: read } = await pool.query(
    `SELECT ${rows.names}, details IS NULL AS details_missing FROM ${rows.from('r', first)} WHERE ${['true', ...leading].join(' AND ')} ORDER BY id`,
    [...leading.map(() => 'other'), ...rows.values(batch)],
  );
  return read;
}

describe('row set', () => {
  it('names its columns in the order they were defined', () => {
    expect(rows.names).toBe('id, name, active, at, details');
    expect(rows.from('k', 3)).toBe('unnest($3::integer[], $4::text[], $5::boolean[], $6::timestamptz[], $7::jsonb[]) AS k(id, name, active, at, details)');
  });

  it.each([
    ['only quotes and backslashes to escape', ['say "hi"', 'back\\slash', '{braces}', 'a,b', 'NULL', 'null', '', ' padded ', 'Zoë 🚀', '\\"', '\\\\n']],
    ['control characters too', ['line\nbreak', 'tab\there', 'bell\u0007', 'say "hi"', 'back\\slash', '\\n']],
  ])('reads back text that an array literal would otherwise split, unquote or take for NULL: %s', async (_, names) => {
    const batch = names.map((name, id): Row => ({ id, name, active: id % 2 === 0, at: null }));
    expect((await readBack(batch)).map(({ id, name, active }) => ({ id, name, active }))).toEqual(batch.map(({ id, name, active }) => ({ id, name, active })));
  });

  it('sends null and undefined as NULL, and JSON values as JSON, a JSON null included', async () => {
    const batch: Row[] = [
      { id: 1, name: null, active: true, at: '2026-03-01T10:00:00+01:00', details: { quote: 'a "b" \\ c\nd', list: [1, null, { deep: true }] } },
      { id: 2, name: 'n', active: false, at: null, details: null },
      { id: 3, name: 'u', active: false, at: null },
      { id: 4, name: 'string', active: true, at: null, details: 'open' },
      { id: 5, name: 'list', active: true, at: null, details: [] },
    ];
    expect(await readBack(batch)).toEqual([
      { id: 1, name: null, active: true, at: new Date('2026-03-01T09:00:00Z'), details: { quote: 'a "b" \\ c\nd', list: [1, null, { deep: true }] }, details_missing: false },
      { id: 2, name: 'n', active: false, at: null, details: null, details_missing: true },
      { id: 3, name: 'u', active: false, at: null, details: null, details_missing: true },
      { id: 4, name: 'string', active: true, at: null, details: 'open', details_missing: false },
      { id: 5, name: 'list', active: true, at: null, details: [], details_missing: false },
    ]);
  });

  it('numbers its parameters from where it is told, and reads no rows from an empty batch', async () => {
    expect(await readBack([{ id: 7, name: 'x', active: true, at: null }], 3)).toEqual([
      { id: 7, name: 'x', active: true, at: null, details: null, details_missing: true },
    ]);
    expect(await readBack([])).toEqual([]);
  });
});
