import { escapeIdentifier as ident, type PoolClient } from 'pg';

/** The schema a projection is rebuilt in: `rebuild_activity_feed` for `activity-feed`. */
export function shadowSchemaName(projection: string): string {
  return `rebuild_${projection.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}

interface TableShape {
  oid: number;
  partitionKey: string | null;
}

/**
 * A fresh, empty schema holding a copy of each table: columns, defaults,
 * checks, keys and indexes under their own names (names are per schema, so
 * they survive the swap into `public`), and for a partitioned table the same
 * partition key and partitions. Whatever an earlier, interrupted rebuild left
 * there is dropped first.
 *
 * The copies are filled much faster than the live tables: a copy that is not
 * partitioned is UNLOGGED (no WAL for each row, which an upserted counter
 * writes many times over), and only keys and unique constraints, which
 * upserts need, are there from the start. Returns the statements that make
 * the copies whole (logged, with their other indexes), for
 * `finishShadowTables` once they are filled: one pass over a full table costs
 * a fraction of keeping it up to date row by row.
 */
export async function createShadowTables(client: PoolClient, schema: string, tables: readonly string[]): Promise<string[]> {
  await client.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
  await client.query(`CREATE SCHEMA ${ident(schema)}`);
  const logged: string[] = [];
  const indexes: string[] = [];
  for (const table of tables) {
    const copy = await copyTable(client, schema, table);
    if (copy.unlogged) logged.push(`ALTER TABLE ${ident(schema)}.${ident(table)} SET LOGGED`);
    indexes.push(...copy.indexes);
  }
  // Logged first: SET LOGGED rewrites the table, and any index it has with it.
  return [...logged, ...indexes];
}

/** Runs the statements `createShadowTables` returned, with the memory a bulk index build needs. */
export async function finishShadowTables(client: PoolClient, statements: readonly string[]): Promise<void> {
  if (statements.length === 0) return;
  await client.query("SET maintenance_work_mem = '256MB'");
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.query('RESET maintenance_work_mem');
  }
}

/**
 * Copies the table and its partitions; returns its secondary indexes,
 * retargeted at the copy, and whether the copy is unlogged (a partitioned
 * table cannot be: its partitions are created by the projection as it goes).
 */
async function copyTable(client: PoolClient, schema: string, table: string): Promise<{ indexes: string[]; unlogged: boolean }> {
  const shape = await tableShape(client, table);
  const target = `${ident(schema)}.${ident(table)}`;
  const partitioning = shape.partitionKey ? ` PARTITION BY ${shape.partitionKey}` : '';
  await client.query(`CREATE ${partitioning ? '' : 'UNLOGGED '}TABLE ${target} (LIKE public.${ident(table)} INCLUDING ALL EXCLUDING INDEXES)${partitioning}`);
  const constraints = await client.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = $1 AND contype IN ('p', 'u', 'x') ORDER BY conname`,
    [shape.oid],
  );
  for (const { name, definition } of constraints.rows) await client.query(`ALTER TABLE ${target} ADD CONSTRAINT ${ident(name)} ${definition}`);
  const indexes = await client.query<{ definition: string; on: string }>(
    `SELECT pg_get_indexdef(i.indexrelid) AS definition, 'public.' || quote_ident($2) AS on FROM pg_index i
     WHERE i.indrelid = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)`,
    [shape.oid, table],
  );
  const partitions = await client.query<{ name: string; bound: string; kind: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound, c.relkind AS kind
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1 ORDER BY c.relname`,
    [shape.oid],
  );
  for (const { name, bound, kind } of partitions.rows) {
    if (kind !== 'r') throw new Error(`Cannot rebuild ${table}: its partition ${name} is partitioned itself`);
    await client.query(`CREATE TABLE ${ident(schema)}.${ident(name)} PARTITION OF ${target} ${bound}`);
  }
  return { indexes: indexes.rows.map(({ definition, on }) => retarget(definition, on, target)), unlogged: !partitioning };
}

async function tableShape(client: PoolClient, table: string): Promise<TableShape> {
  const { rows } = await client.query<TableShape>(
    `SELECT c.oid::int AS oid, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS "partitionKey"
     FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname = $1 AND c.relkind IN ('r', 'p')`,
    [table],
  );
  if (!rows[0]) throw new Error(`Cannot rebuild: there is no table public.${table}`);
  return rows[0];
}

/** `CREATE INDEX n ON [ONLY] public.t USING ...` as the same index on the copy. */
function retarget(definition: string, on: string, target: string): string {
  const original = new RegExp(` ON (ONLY )?${on.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} USING `);
  if (!original.test(definition)) throw new Error(`Cannot copy index: unexpected definition ${definition}`);
  return definition.replace(original, ` ON ${target} USING `);
}

/**
 * Replaces the tables in `public` by their copies, inside the caller's
 * transaction: drops the old ones (their partitions go with them) and moves
 * every table of the shadow schema, then drops the emptied schema.
 */
export async function swapShadowTables(client: PoolClient, schema: string, tables: readonly string[]): Promise<void> {
  for (const table of tables) await client.query(`DROP TABLE IF EXISTS public.${ident(table)}`);
  const { rows } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind IN ('r', 'p') ORDER BY relname`,
    [ident(schema)],
  );
  for (const { name } of rows) await client.query(`ALTER TABLE ${ident(schema)}.${ident(name)} SET SCHEMA public`);
  await client.query(`DROP SCHEMA ${ident(schema)}`);
}
