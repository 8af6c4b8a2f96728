/** Name and description, shared by teams and groups. */
export interface Details {
  name: string;
  description: string;
}

export type DetailChanges = Partial<Record<keyof Details, { previous: string; current: string }>>;

/** The fields of `update` that differ from `current`; empty when nothing changes. */
export function detailChanges(current: Details, update: Partial<Details>): DetailChanges {
  const changes: DetailChanges = {};
  for (const field of ['name', 'description'] as const) {
    const next = update[field];
    if (next !== undefined && next !== current[field]) changes[field] = { previous: current[field], current: next };
  }
  return changes;
}

export function applyDetailChanges(details: Details, changes: DetailChanges): Details {
  return { name: changes.name?.current ?? details.name, description: changes.description?.current ?? details.description };
}
