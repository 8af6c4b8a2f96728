const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_TEXT = 'Contains a NUL character (\\u0000) or an unpaired surrogate, which cannot be stored';

/** Postgres refuses NUL in text and jsonb, and unpaired surrogates in jsonb: such strings are the client's mistake. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

export interface JsonIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * The first reason `value` cannot be stored as it is, or undefined. Walks no
 * deeper than `maxDepth` (a hostile body cannot exhaust the stack) and refuses
 * what JSON.parse lets through but the store cannot keep: non-finite numbers
 * (`1e999`) and unstorable strings, as values or as keys.
 */
export function jsonValueIssue(value: unknown, maxDepth: number, path: Array<string | number> = []): JsonIssue | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'string') return isStorableText(value) ? undefined : { path, message: UNSTORABLE_TEXT };
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, message: 'Numbers must be finite' };
  if (typeof value !== 'object') return { path, message: 'Expected a JSON value' };
  if (maxDepth <= 0) return { path, message: 'Nested too deeply' };
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof key === 'string' && !isStorableText(key)) return { path: [...path, key], message: `Key: ${UNSTORABLE_TEXT}` };
    const issue = jsonValueIssue(item, maxDepth - 1, [...path, key]);
    if (issue) return issue;
  }
  return undefined;
}
