import { present } from '../activity/host-values';
import type { FieldChange, JsonValue } from '../activity/host-values';
import type { HostChange, HostEvent, HostExtras, HostTarget, MappingIssue } from './host-event';
import { parseIsoTimestamp } from './iso-timestamp';

type JsonObject = Record<string, JsonValue>;
type TargetPart = keyof HostTarget;

/**
 * Reads an action's own values out of a host event, collecting what is wrong
 * instead of throwing, and remembering what it used: whatever the event's
 * data has no field for is handed back by `extras` and kept in the metadata.
 */
export function hostEventReader(event: HostEvent) {
  const issues: MappingIssue[] = [];
  const details: JsonObject = event.details ?? {};
  const changes = event.changes ?? [];
  const usedDetails = new Set<string>();
  const usedChanges = new Set<number>();

  const problem = (path: string, message: string): undefined => {
    issues.push({ path, message });
    return undefined;
  };
  const required = (path: string) => problem(path, `Required for ${event.action}`);
  /** A detail the host left out or sent as null reads as absent. */
  const detail = (key: string): JsonValue | undefined => {
    usedDetails.add(key);
    return Object.hasOwn(details, key) && details[key] !== null ? details[key] : undefined;
  };

  const reader = {
    issues,
    problem,
    required,
    /** A detail's value without taking it: unless read, it stays in the extras. */
    peek: (key: string): JsonValue | undefined => (Object.hasOwn(details, key) ? details[key] : undefined),
    target: (): HostTarget | undefined => event.target ?? required('target'),
    text(key: string): string | undefined {
      const value = detail(key);
      if (value === undefined) return undefined;
      return isText(value) ? value : problem(`details.${key}`, 'Expected a non-empty string');
    },
    requiredText(key: string): string | undefined {
      return reader.text(key) ?? (detail(key) === undefined ? required(`details.${key}`) : undefined);
    },
    count(key: string): number | undefined {
      const value = detail(key);
      if (value === undefined) return undefined;
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
      return problem(`details.${key}`, 'Expected a whole number, 0 or more');
    },
    object(key: string): JsonObject | undefined {
      const value = detail(key);
      if (value === undefined) return undefined;
      return isJsonObject(value) ? value : problem(`details.${key}`, 'Expected an object');
    },
    requiredTimestamp(key: string): string | undefined {
      const value = detail(key);
      if (value === undefined) return required(`details.${key}`);
      const time = typeof value === 'string' ? parseIsoTimestamp(value) : undefined;
      return time ? time.toISOString() : problem(`details.${key}`, 'Expected an ISO 8601 date and time with a zone, e.g. 2026-01-31T09:30:00Z');
    },
    /** The change of one field, with its path for messages. */
    change(field: string): { change: HostChange; path: string } | undefined {
      const index = changes.findIndex((change) => change.field === field);
      if (index < 0) return problem('changes', `A change of the "${field}" field is required for ${event.action}`);
      usedChanges.add(index);
      return { change: changes[index], path: `changes.${index}` };
    },
    allChanges(): FieldChange[] {
      changes.forEach((_, index) => usedChanges.add(index));
      return changes.map(({ field, from, to }) => ({ field, from: from ?? null, to: to ?? null }));
    },
    allDetails(): JsonObject | undefined {
      Object.keys(details).forEach((key) => usedDetails.add(key));
      return event.details;
    },
    /** What is left for the metadata, given the target parts the event's data carries. */
    extras(carried: TargetPart[]): HostExtras {
      const target = event.target && withoutKeys(event.target, carried);
      const unusedChanges = changes.filter((_, index) => !usedChanges.has(index));
      const unusedDetails = withoutKeys(details, [...usedDetails]) as JsonObject;
      return {
        action: event.action,
        ...present({
          target: target && Object.keys(target).length > 0 ? target : undefined,
          changes: unusedChanges.length > 0 ? unusedChanges : undefined,
          details: Object.keys(unusedDetails).length > 0 ? unusedDetails : undefined,
        }),
      };
    },
  };
  return reader;
}

export type HostEventReader = ReturnType<typeof hostEventReader>;

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isText(value: JsonValue | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function withoutKeys<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key))) as Partial<T>;
}
