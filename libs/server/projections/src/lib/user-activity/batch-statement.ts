import type { PoolClient } from 'pg';

/**
 * One table's share of a batch's statement: a query run as the CTE `name`,
 * over at most one JSON parameter (the rows it looks up or writes; an empty
 * list leaves the part out). A part that `returns` has its rows read back
 * under its name; a later part may select from an earlier one by name.
 */
export interface Part {
  name: string;
  sql(param: string): string;
  param?: unknown;
  returns?: boolean;
}

export type PartRows = Record<string, unknown[]>;

/**
 * Runs the parts as one statement, one round trip however many tables a
 * batch touches. They share one snapshot: a part reading a table sees it as
 * it was before the statement, whatever another part writes to it.
 */
export async function runTogether(client: PoolClient, allParts: Part[]): Promise<PartRows> {
  const parts = allParts.filter(({ param }) => !(Array.isArray(param) && param.length === 0));
  if (parts.length === 0) return {};
  const values: string[] = [];
  const ctes = parts.map((part) => {
    const param = part.param === undefined ? '' : `$${values.push(JSON.stringify(part.param))}::json`;
    return `${part.name} AS (${part.sql(param)})`;
  });
  const returned = parts.filter((part) => part.returns).map(({ name }) => `(SELECT coalesce(json_agg(${name}), '[]') FROM ${name}) AS ${name}`);
  const { rows } = await client.query<PartRows>(`WITH ${ctes.join(',\n')}\nSELECT ${returned.join(', ') || 'NULL'}`, values);
  return rows[0];
}
