/**
 * Stream names are `<category>-<workspaceId>.<recordId>`: the category comes
 * before the first `-`, as EventStoreDB's category projections expect.
 */
export interface StreamNameParts {
  category: string;
  workspaceId: string;
  recordId: string;
}

const CATEGORY = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export function streamName({ category, workspaceId, recordId }: StreamNameParts): string {
  if (!CATEGORY.test(category)) {
    throw new Error(`Stream category "${category}" must be letters, digits and "_" only`);
  }
  if (workspaceId.includes('.') || workspaceId.length === 0) {
    throw new Error(`Workspace id "${workspaceId}" must be non-empty and contain no "."`);
  }
  if (recordId.length === 0) {
    throw new Error('Record id must be non-empty');
  }
  return `${category}-${workspaceId}.${recordId}`;
}

export function parseStreamName(name: string): StreamNameParts {
  const dash = name.indexOf('-');
  const dot = name.indexOf('.', dash + 1);
  if (dash <= 0 || dot <= dash + 1 || dot === name.length - 1) {
    throw new Error(`"${name}" is not a stream name of the form <category>-<workspaceId>.<recordId>`);
  }
  return {
    category: name.slice(0, dash),
    workspaceId: name.slice(dash + 1, dot),
    recordId: name.slice(dot + 1),
  };
}

export function streamCategory(name: string): string {
  const dash = name.indexOf('-');
  return dash > 0 ? name.slice(0, dash) : name;
}
