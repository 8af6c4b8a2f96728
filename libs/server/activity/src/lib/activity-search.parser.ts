import { CATEGORIES, type Category, type EventResult } from '@trailmark/contracts';
import { isDateOnly, parseInstant } from './iso-instant';

export const SEARCH_QUALIFIERS = ['actor', 'action', 'ip', 'category', 'result', 'created'] as const;
export type SearchQualifier = (typeof SEARCH_QUALIFIERS)[number];

const RESULTS: readonly EventResult[] = ['success', 'warning', 'failure'];

/** One end of a time interval; `inclusive` says whether `at` itself is inside. */
export interface TimeBound {
  at: string;
  inclusive: boolean;
}

/** One term of `q`; every clause must hold (AND), a negated one must not. */
export type SearchClause = { negated: boolean } & (
  | { kind: 'text' | 'actor' | 'action' | 'ip'; value: string }
  | { kind: 'category'; value: Category }
  | { kind: 'result'; value: EventResult }
  | { kind: 'created'; after?: TimeBound; before?: TimeBound }
);

export type SearchParse = { ok: true; clauses: SearchClause[] } | { ok: false; message: string };

interface Token {
  negated: boolean;
  qualifier?: string;
  value: string;
}

class SearchSyntaxError extends Error {}

/**
 * Parses the search box: free words and "quoted phrases", plus qualifiers
 * such as `actor:alice`, `category:auth`, `-result:success` or
 * `created:>=2026-01-01`. Pure: the SQL is built elsewhere.
 */
export function parseActivitySearch(input: string): SearchParse {
  try {
    return { ok: true, clauses: tokenize(input).flatMap(toClause) };
  } catch (error) {
    if (error instanceof SearchSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i])) {
      i += 1;
      continue;
    }
    const negated = input[i] === '-' && i + 1 < input.length && !/\s/.test(input[i + 1]);
    const token: Token = { negated, value: '' };
    let quoted = false;
    for (i += negated ? 1 : 0; i < input.length && !/\s/.test(input[i]); ) {
      if (input[i] === '"') {
        const end = input.indexOf('"', i + 1);
        if (end < 0) throw new SearchSyntaxError('q has a quote that is never closed');
        token.value += input.slice(i + 1, end);
        quoted = true;
        i = end + 1;
      } else if (input[i] === ':' && token.qualifier === undefined && !quoted && /^[A-Za-z][A-Za-z_]*$/.test(token.value)) {
        token.qualifier = token.value.toLowerCase();
        token.value = '';
        i += 1;
      } else {
        token.value += input[i];
        i += 1;
      }
    }
    tokens.push(token);
  }
  return tokens;
}

function toClause({ negated, qualifier, value }: Token): SearchClause[] {
  if (qualifier === undefined) return value === '' ? [] : [{ kind: 'text', value, negated }];
  if (!isQualifier(qualifier)) {
    throw new SearchSyntaxError(
      `Unknown qualifier "${qualifier}:" in q; use one of ${SEARCH_QUALIFIERS.map((known) => `${known}:`).join(', ')}, or quote the term to search for it as text`,
    );
  }
  const trimmed = value.trim();
  if (trimmed === '') throw new SearchSyntaxError(`The qualifier "${qualifier}:" in q needs a value`);
  switch (qualifier) {
    case 'category':
      return [{ kind: 'category', value: oneOf(CATEGORIES, trimmed, qualifier), negated }];
    case 'result':
      return [{ kind: 'result', value: oneOf(RESULTS, trimmed, qualifier), negated }];
    case 'created':
      return [{ kind: 'created', ...createdBounds(trimmed), negated }];
    case 'actor':
    case 'action':
    case 'ip':
      return [{ kind: qualifier, value: trimmed, negated }];
    default: {
      const unknown: never = qualifier;
      return unknown;
    }
  }
}

function isQualifier(name: string): name is SearchQualifier {
  return (SEARCH_QUALIFIERS as readonly string[]).includes(name);
}

function oneOf<T extends string>(allowed: readonly T[], value: string, qualifier: SearchQualifier): T {
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (match === undefined) throw new SearchSyntaxError(`"${qualifier}:${value}" in q: ${qualifier} is one of ${allowed.join(', ')}`);
  return match;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A date stands for its whole UTC day, so `>2026-01-01` starts on the 2nd and
 * `<=2026-01-01` takes all of the 1st; a date-time is exact.
 */
function createdBounds(value: string): { after?: TimeBound; before?: TimeBound } {
  const [, operator = '=', moment] = /^(>=|<=|>|<|=)?(.*)$/.exec(value) ?? [];
  const start = parseInstant(moment);
  if (!start) {
    throw new SearchSyntaxError(
      `"created:${value}" in q: expected a date (2026-01-01) or a date-time with its offset (2026-01-01T09:30:00Z), after one of >, >=, <, <=, =`,
    );
  }
  const day = isDateOnly(moment);
  const at = start.toISOString();
  const end = day ? new Date(start.getTime() + DAY_MS).toISOString() : at;
  switch (operator) {
    case '>':
      return { after: day ? { at: end, inclusive: true } : { at, inclusive: false } };
    case '>=':
      return { after: { at, inclusive: true } };
    case '<':
      return { before: { at, inclusive: false } };
    case '<=':
      return { before: day ? { at: end, inclusive: false } : { at, inclusive: true } };
    default:
      return { after: { at, inclusive: true }, before: day ? { at: end, inclusive: false } : { at, inclusive: true } };
  }
}
