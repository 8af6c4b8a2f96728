import type { IngestEvent } from '@trailmark/contracts';
import type { Person } from './read-cast';
import type { Random } from './read-random';

export type SeedRecordType = 'ticket' | 'conversation' | 'customer' | 'asset';

export interface SeedRecord {
  type: SeedRecordType;
  id: string;
  name: string;
  status: string;
  assignee: Person | undefined;
  deleted: boolean;
}

/** What a host app reports; each builder returns the event without its id and time. */
type Built = Omit<IngestEvent, 'id' | 'occurredAt'>;

const SUBJECTS = ['Refund not received', 'Cannot sign in', 'Invoice address wrong', 'Laptop screen flickers', 'VPN drops every hour', 'Order arrived damaged', 'Password reset link expired', 'Upgrade to annual plan', 'Printer offline on floor 3', 'Data export is empty', 'Shipping to Norway', 'Duplicate charge', 'Add a seat to our plan', 'API returns 500', 'Delete my account'];
const STATUSES: Record<SeedRecordType, readonly string[]> = {
  ticket: ['open', 'pending', 'on_hold', 'solved', 'closed'],
  conversation: ['open', 'waiting', 'closed'],
  customer: ['lead', 'trial', 'active', 'churned'],
  asset: ['in_stock', 'assigned', 'in_repair', 'retired'],
};
const UPDATABLE: Record<SeedRecordType, ReadonlyArray<[field: string, values: readonly string[]]>> = {
  ticket: [['priority', ['low', 'normal', 'high', 'urgent']], ['group', ['Billing', 'Technical', 'Sales']], ['tags', ['vip', 'bug', 'refund', 'churn-risk']]],
  conversation: [['channel', ['email', 'chat', 'whatsapp']], ['priority', ['normal', 'high']]],
  customer: [['plan', ['free', 'team', 'business', 'enterprise']], ['country', ['FR', 'DE', 'NO', 'US', 'JP']], ['owner', ['sales-east', 'sales-west']]],
  asset: [['location', ['Paris', 'Oslo', 'Austin', 'Remote']], ['model', ['ThinkPad X1', 'MacBook Pro', 'Dell XPS']]],
};
export const ATTACKER_IPS = ['185.220.101.47', '185.220.101.12', '45.155.205.233', '193.32.162.70'];
const ATTACKER_AGENT = 'python-requests/2.31.0';
const PAGES = ['/dashboard', '/reports/sla', '/reports/volume', '/settings/profile', '/search', '/inbox'];

const target = (record: SeedRecord) => ({ type: record.type, id: record.id, name: record.name });
const context = (person: Person) => ({ ip: person.ip, userAgent: person.userAgent });
const actor = (person: Person) => ({ id: person.userId, name: person.name });
const assignee = (person: Person | undefined) => (person ? { id: person.userId, name: person.name } : null);

export function newRecord(random: Random, type: SeedRecordType, number: number): SeedRecord {
  const prefix = { ticket: 'T', conversation: 'C', customer: 'CU', asset: 'A' }[type];
  const name = type === 'customer' ? `Customer ${number}` : type === 'asset' ? `Asset ${number}` : `${random.pick(SUBJECTS)} #${number}`;
  return { type, id: `${prefix}-${number}`, name, status: STATUSES[type][0], assignee: undefined, deleted: false };
}

export const hostEvents = {
  created: (random: Random, by: Person, record: SeedRecord): Built => ({
    action: `${record.type}.created`,
    actor: actor(by),
    target: target(record),
    context: context(by),
    details: { fields: { name: record.name, status: record.status, priority: random.pick(['low', 'normal', 'high']) } },
  }),
  updated: (random: Random, by: Person, record: SeedRecord): Built => {
    const fields = UPDATABLE[record.type];
    const changes = fields.filter((_, i) => i === 0 || random.chance(0.3)).map(([field, values]) => ({ field, from: random.pick(values), to: random.pick(values) }));
    return { action: `${record.type}.updated`, actor: actor(by), target: target(record), context: context(by), changes };
  },
  statusChanged: (random: Random, by: Person, record: SeedRecord): Built => {
    const from = record.status;
    record.status = random.pick(STATUSES[record.type].filter((status) => status !== from));
    return { action: `${record.type}.status_changed`, actor: actor(by), target: target(record), context: context(by), changes: [{ field: 'status', from, to: record.status }] };
  },
  assigned: (by: Person, record: SeedRecord, to: Person): Built => {
    const from = assignee(record.assignee);
    record.assignee = to;
    return { action: `${record.type}.assigned`, actor: actor(by), target: target(record), context: context(by), changes: [{ field: 'assignee', from, to: assignee(to) }] };
  },
  conversation: (random: Random, by: Person, record: SeedRecord, occurredAt: Date): Built => {
    const action = random.weighted({ replied: 6, resolved: 2, reopened: 1, snoozed: 1 });
    const details = action === 'replied' ? { body: 'Thanks, we are looking into it.' } : action === 'snoozed' ? { until: new Date(occurredAt.getTime() + 86_400_000).toISOString() } : undefined;
    return { action: `${record.type}.${action}`, actor: actor(by), target: target(record), context: context(by), ...(details && { details }) };
  },
  deleted: (by: Person, record: SeedRecord): Built => {
    record.deleted = true;
    return { action: `${record.type}.deleted`, actor: actor(by), target: target(record), context: context(by) };
  },
  annotated: (random: Random, by: Person, record: SeedRecord): Built => ({
    action: random.chance(0.78) ? 'comment.added' : 'note.added',
    actor: actor(by),
    target: target(record),
    context: context(by),
    details: { body: random.pick(['Customer confirmed the fix.', 'Escalating to tier 2.', 'Waiting on the vendor.', 'Called, left a voicemail.']) },
  }),
  pageViewed: (random: Random, by: Person, record: SeedRecord | undefined): Built => {
    if (!record || random.chance(0.3)) {
      const page = random.pick(PAGES);
      return { action: 'page.viewed', actor: actor(by), context: context(by), target: { type: 'page', id: page, url: `https://app.example.com${page}` } };
    }
    const path = `/${record.type}s/${record.id}`;
    return {
      action: 'page.viewed',
      actor: actor(by),
      context: context(by),
      target: { type: 'page', id: path, url: `https://app.example.com${path}`, name: record.name },
      details: { recordType: record.type, recordId: record.id },
    };
  },
  file: (random: Random, by: Person, record: SeedRecord, fileId: string): Built => {
    const file = { type: 'file', id: fileId, name: `${random.pick(['screenshot', 'invoice', 'contract', 'log'])}-${fileId}.${random.pick(['png', 'pdf', 'txt'])}` };
    const action = random.weighted({ uploaded: 2, attached: 2, downloaded: 1 });
    const details =
      action === 'uploaded' ? { contentType: 'application/octet-stream', sizeBytes: 1000 + random.int(5_000_000) } : action === 'attached' ? { recordType: record.type, recordId: record.id } : undefined;
    return { action: `file.${action}`, actor: actor(by), target: file, context: context(by), ...(details && { details }) };
  },
  exported: (random: Random, by: Person): Built => ({
    action: 'data.exported',
    actor: actor(by),
    context: context(by),
    target: { type: 'dataset', id: random.pick(['tickets', 'customers', 'assets']) },
    details: { format: random.pick(['csv', 'xlsx']), rowCount: 100 + random.int(20_000) },
  }),
  signedIn: (by: Person): Built => ({ action: 'user.signed_in', actor: actor(by), context: context(by) }),
  signedOut: (by: Person): Built => ({ action: 'user.signed_out', actor: actor(by), context: context(by) }),
  signInFailed: (random: Random, by: Person): Built => {
    const attack = random.chance(0.25);
    return {
      action: 'user.sign_in_failed',
      actor: actor(by),
      context: attack ? { ip: random.pick(ATTACKER_IPS), userAgent: ATTACKER_AGENT } : context(by),
      details: { email: by.email, reason: 'wrong_password' },
    };
  },
  generic: (random: Random, by: Person, record: SeedRecord | undefined): Built => {
    const kind = random.weighted({ 'macro.applied': 5, 'sla.breached': 3, 'webhook.delivery_failed': 1, 'invoice.paid': 2 });
    const result = kind === 'sla.breached' ? 'warning' : kind === 'webhook.delivery_failed' ? 'failure' : 'success';
    return { action: kind, actor: actor(by), context: context(by), result, ...(record && { target: target(record) }) };
  },
};
