import type { EventResult } from '@trailmark/contracts';

const RESULTS: readonly EventResult[] = ['success', 'warning', 'failure'];

/**
 * What the API would refuse in one event, as `path: problem` lines (empty when
 * it is well formed). The API refuses a whole batch for one bad event, so the
 * client checks each event before it joins a batch.
 */
export function ingestEventIssues(event: unknown): string[] {
  if (!isObject(event)) return ['event: must be an object'];
  const issues: string[] = [];
  const check = (ok: boolean, path: string, problem: string) => ok || issues.push(`${path}: ${problem}`);
  check(isText(event['action']), 'action', 'must be a non-empty string');
  check(event['id'] === undefined || isText(event['id']), 'id', 'must be a non-empty string');
  check(event['occurredAt'] === undefined || isTimestamp(event['occurredAt']), 'occurredAt', 'must be an ISO 8601 timestamp');
  const actor = event['actor'];
  check(isObject(actor) && isText(actor['id']), 'actor.id', 'must be a non-empty string');
  check(isObject(actor) && isText(actor['name']), 'actor.name', 'must be a non-empty string');
  const target = event['target'];
  if (target !== undefined) {
    check(isObject(target) && isText(target['type']), 'target.type', 'must be a non-empty string');
    check(isObject(target) && isText(target['id']), 'target.id', 'must be a non-empty string');
  }
  const changes = event['changes'];
  check(changes === undefined || (Array.isArray(changes) && changes.every((change) => isObject(change) && isText(change['field']))), 'changes', 'must be a list of { field, from?, to? }');
  check(event['context'] === undefined || isObject(event['context']), 'context', 'must be an object');
  check(event['details'] === undefined || isObject(event['details']), 'details', 'must be an object');
  check(event['result'] === undefined || RESULTS.includes(event['result'] as EventResult), 'result', `must be one of ${RESULTS.join(', ')}`);
  return issues;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}
