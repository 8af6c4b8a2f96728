import { DomainError } from '../decider';

/** A value as a host app reports it: anything JSON can carry. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One field's change: `from` is null when Trailmark never learned the earlier value. */
export interface FieldChange {
  field: string;
  from: JsonValue;
  to: JsonValue;
}

/** A change as a host reports it; `from` may be left out for Trailmark to fill in. */
export interface FieldChangeClaim {
  field: string;
  from?: JsonValue;
  to: JsonValue;
}

/** Deep equality of JSON values, ignoring key order. */
export function sameValue(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const objectA = a as { readonly [key: string]: JsonValue };
  const objectB = b as { readonly [key: string]: JsonValue };
  const keys = Object.keys(objectA);
  return keys.length === Object.keys(objectB).length && keys.every((key) => Object.hasOwn(objectB, key) && sameValue(objectA[key], objectB[key]));
}

/** Refuses a malformed command: `value` must be a non-blank string. */
export function requireText(value: string | undefined, code: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new DomainError(code, `${what} is required`);
  return value;
}

/** A host's record reference is both a type and an id, or neither. */
export function optionalRecordRef(
  recordType: string | undefined,
  recordId: string | undefined,
): { recordType: string; recordId: string } | undefined {
  if (recordType === undefined && recordId === undefined) return undefined;
  return {
    recordType: requireText(recordType, 'record_reference_incomplete', 'A record type with the record id'),
    recordId: requireText(recordId, 'record_reference_incomplete', 'A record id with the record type'),
  };
}

/** Optional values go into event data only when given, so stored events carry no undefined keys. */
export function present<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Flags go into event data only when there are some. */
export function flagged<F extends string>(flags: F[]): { flags?: F[] } {
  return flags.length > 0 ? { flags } : {};
}
