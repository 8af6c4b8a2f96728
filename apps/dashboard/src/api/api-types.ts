import type { ActivityItem, Category } from '@trailmark/contracts';

/** Answers of the query API (libs/server/activity), as the dashboard reads them. */

export type Role = 'owner' | 'admin' | 'auditor' | 'agent' | 'viewer';

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: Role;
}

export interface SessionView {
  user: { id: string; email: string; displayName: string };
  workspaces: WorkspaceSummary[];
  currentWorkspaceId: string | null;
  impersonatorId?: string;
}

export interface ActivityPage {
  items: ActivityItem[];
  nextCursor: string | null;
  total: number;
}

export interface ActivityFacets {
  categories: Partial<Record<Category, number>>;
  total: number;
}

export interface Device {
  type: string | null;
  os: string | null;
  browser: string | null;
}

export interface FieldChange {
  field: string;
  previous: unknown;
  new: unknown;
}

export interface ActivityDetail extends ActivityItem {
  stream: { name: string; revision: number | null };
  changes: FieldChange[];
  metadata: {
    layer: string | null;
    correlationId: string | null;
    causationId: string | null;
    userAgent: { raw: string; device: Device | null } | null;
    hash: string | null;
    prevHash: string | null;
    other: Record<string, unknown>;
  };
}

export type StatsGroup = 'hour' | 'day' | 'week';
export type EventKind = 'auth' | 'write' | 'read';

export interface VolumeBucket {
  start: string;
  auth: number;
  writes: number;
  other: number;
}

export interface StatsReport {
  window: { from: string; to: string; previousFrom: string; group: StatsGroup };
  kpis: {
    total: { value: number; previous: number; changePercent: number | null };
    signIns: number;
    writes: number;
    reads: number;
    uniqueIps: number;
  };
  series: VolumeBucket[];
  split: Array<{ kind: EventKind; events: number; percent: number }>;
  topActors: Array<{ id: string; name: string; initials: string; events: number; lastSeen: string }>;
  categories: Array<{ category: string; events: number }>;
}

export interface TimelineRecord {
  type: string;
  id: string;
  label: string;
  deleted: boolean;
}

export interface TimelineItem {
  position: string;
  eventId: string;
  type: string;
  category: string;
  kind: string;
  label: string;
  entry: 'created' | 'updated' | 'status' | 'assigned' | 'comment' | 'reply' | 'deleted' | 'file' | 'viewed' | 'other';
  actor: { kind: string | null; id: string | null; name: string | null };
  occurredAt: string;
  changes: FieldChange[];
  body: string | null;
  from: unknown;
  to: unknown;
  url: string | null;
  details: unknown;
  record: TimelineRecord;
}

export interface RecordTimelinePage {
  record: TimelineRecord & { createdAt: string | null };
  items: TimelineItem[];
  nextCursor: string | null;
  total: number;
}

export interface SecuritySignal {
  kind: string;
  position: string;
  userId: string | null;
  userName: string | null;
  ip: string | null;
  device: Device | null;
  failures: number;
  accounts: number;
  startedAt: string;
  lastAt: string;
}

export interface UserActivity {
  user: { id: string; name: string | null; kind: 'member' | 'host'; role: string | null };
  stats: {
    loginCount: number;
    failureCount: number;
    activityCount: number;
    lastLoginAt: string | null;
    lastIp: string | null;
    lastDevice: Device | null;
    lastFailureAt: string | null;
    lastActivityAt: string | null;
  };
  logins: { items: Array<{ position: string; occurredAt: string; result: 'success' | 'failure'; reason: string | null; ip: string | null; device: Device | null }>; nextCursor: string | null };
  signals: SecuritySignal[];
}

interface ReportRange {
  from: string;
  to: string;
}

export interface LoginsReport extends ReportRange {
  users: Array<{ userId: string; name: string | null; kind: string | null; logins: number; failures: number; distinctIps: number; lastLoginAt: string | null }>;
}

export interface UsageReport extends ReportRange {
  users: Array<{ userId: string; name: string | null; kind: string | null; activeDays: number; events: number; lastActiveDay: string }>;
}

export interface InactiveReport {
  days: number;
  since: string;
  members: Array<{ userId: string; name: string | null; role: string; joinedAt: string; lastActivityAt: string | null; lastLoginAt: string | null }>;
}

export interface FailedLoginsReport extends ReportRange {
  byAccount: Array<{ userId: string; name: string | null; failures: number; distinctIps: number; lastFailureAt: string }>;
  byIp: Array<{ ip: string; failures: number; accounts: number; lastFailureAt: string }>;
}

export interface SecuritySignalsReport extends ReportRange {
  signals: SecuritySignal[];
}
