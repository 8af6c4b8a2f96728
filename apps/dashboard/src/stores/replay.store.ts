import { isRecordType, parseStreamName } from '@trailmark/contracts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { recordSteps, streamEvents, verifyIntegrity } from '../api/audit.api';
import type { IntegrityReport, ReplayStep, VerifyBody } from '../api/audit-types';
import { messageOf } from './message-of';

export type ReplayTarget = { kind: 'record'; recordType: string; recordId: string } | { kind: 'stream'; streamName: string };

/** The largest pages the audit API gives: steps of a record, events of a stream. */
const STEPS_PAGE = 500;
const EVENTS_PAGE = 1000;
/** A replay holds at most this many steps in the page; longer streams are cut, and say so. */
export const MAX_STEPS = 5000;

export interface IntegrityBadge {
  tone: 'verified' | 'broken' | 'unknown';
  text: string;
  detail?: string;
}

/** A record's stream replays as the record (state and changes at each step); any other stream as its events. */
export function replayTargetOf(query: { type?: string; id?: string; stream?: string }): ReplayTarget | null {
  if (query.type && query.id) return { kind: 'record', recordType: query.type.toLowerCase(), recordId: query.id };
  if (!query.stream) return null;
  try {
    const { category, recordId } = parseStreamName(query.stream);
    if (isRecordType(category)) return { kind: 'record', recordType: category, recordId };
  } catch {
    // Not of the usual form: the API says whether the workspace has it.
  }
  return { kind: 'stream', streamName: query.stream };
}

/** "Chain verified" or where and why it broke, from a verification of one stream. */
export function integrityBadge(report: IntegrityReport | null): IntegrityBadge {
  if (!report) return { tone: 'unknown', text: 'Not verified yet' };
  if (report.ok) return { tone: 'verified', text: `Chain verified: ${report.events} event${report.events === 1 ? '' : 's'}` };
  const [first] = [...report.findings].sort((a, b) => (a.revision ?? Infinity) - (b.revision ?? Infinity));
  const where = first?.revision === undefined ? 'Chain broken' : `Broken at revision ${first.revision}`;
  return { tone: 'broken', text: `${where}: ${first?.problem ?? 'unknown'}`, detail: first?.message };
}

const verifyBodyOf = (target: ReplayTarget): VerifyBody =>
  target.kind === 'record' ? { recordType: target.recordType, recordId: target.recordId } : { stream: target.streamName };

/** One stream replayed step by step, its integrity, and verification of the whole workspace. */
export const useReplayStore = defineStore('replay', () => {
  const workspaceId = ref<string | null>(null);
  const target = shallowRef<ReplayTarget | null>(null);
  const streamName = ref<string | null>(null);
  const steps = shallowRef<ReplayStep[]>([]);
  const index = ref(0);
  const cut = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const integrity = shallowRef<IntegrityReport | null>(null);
  const verifying = ref(false);
  const verifyError = ref<string | null>(null);
  const workspaceReport = shallowRef<IntegrityReport | null>(null);
  const workspaceVerifying = ref(false);
  const workspaceError = ref<string | null>(null);
  let latest = 0;

  const current = computed(() => steps.value[index.value] ?? null);
  const badge = computed(() => integrityBadge(integrity.value));

  async function open(ws: string, next: ReplayTarget): Promise<void> {
    const request = ++latest;
    workspaceId.value = ws;
    target.value = next;
    streamName.value = null;
    steps.value = [];
    index.value = 0;
    cut.value = false;
    integrity.value = null;
    error.value = null;
    verifyError.value = null;
    loading.value = true;
    try {
      const loaded = await loadSteps(ws, next);
      if (request !== latest) return;
      streamName.value = loaded.streamName;
      steps.value = loaded.steps;
      cut.value = loaded.cut;
    } catch (failure) {
      if (request === latest) error.value = messageOf(failure);
    } finally {
      if (request === latest) loading.value = false;
    }
    if (request === latest && !error.value) await verify();
  }

  function select(at: number): void {
    index.value = Math.min(Math.max(Math.trunc(at), 0), Math.max(steps.value.length - 1, 0));
  }

  const step = (delta: number) => select(index.value + delta);

  async function verify(): Promise<void> {
    const ws = workspaceId.value;
    const of = target.value;
    if (!ws || !of) return;
    const request = latest;
    verifying.value = true;
    verifyError.value = null;
    try {
      const report = await verifyIntegrity(ws, verifyBodyOf(of));
      if (request === latest) integrity.value = report;
    } catch (failure) {
      if (request === latest) verifyError.value = messageOf(failure);
    } finally {
      if (request === latest) verifying.value = false;
    }
  }

  async function verifyWorkspace(ws: string): Promise<void> {
    workspaceVerifying.value = true;
    workspaceError.value = null;
    workspaceReport.value = null;
    try {
      workspaceReport.value = await verifyIntegrity(ws, {});
    } catch (failure) {
      workspaceError.value = messageOf(failure);
    } finally {
      workspaceVerifying.value = false;
    }
  }

  return {
    workspaceId, target, streamName, steps, index, cut, loading, error, integrity, verifying, verifyError,
    workspaceReport, workspaceVerifying, workspaceError, current, badge, open, select, step, verify, verifyWorkspace,
  };
});

/** Every page of the stream, up to MAX_STEPS. */
async function loadSteps(ws: string, target: ReplayTarget): Promise<{ streamName: string; steps: ReplayStep[]; cut: boolean }> {
  const steps: ReplayStep[] = [];
  let name = '';
  let from: number | null = 0;
  while (from !== null && steps.length < MAX_STEPS) {
    if (target.kind === 'record') {
      const page = await recordSteps(ws, target.recordType, target.recordId, from, STEPS_PAGE);
      name = page.streamName;
      steps.push(...page.steps);
      from = page.nextRevision;
    } else {
      const page = await streamEvents(ws, target.streamName, from, EVENTS_PAGE);
      name = page.streamName;
      steps.push(...page.events.map((event) => ({ event })));
      from = page.nextRevision;
    }
  }
  return { streamName: name, steps: steps.slice(0, MAX_STEPS), cut: from !== null || steps.length > MAX_STEPS };
}
