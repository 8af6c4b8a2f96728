import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import * as api from '../api/streaming.api';
import type { DeliveryLogEntry, DestinationInput, StreamingDestination, TestResult } from '../api/streaming-types';
import { messageOf } from './message-of';

export interface DestinationState {
  tone: 'success' | 'warning' | 'failure';
  text: string;
}

/** One line on how a destination is doing: paused, failing (and why), catching up, or up to date. */
export function destinationState({ status, delivery, pendingEvents }: StreamingDestination): DestinationState {
  if (status === 'paused') return { tone: 'warning', text: `Paused, ${pendingEvents} events waiting` };
  if (delivery.failing && delivery.lastError) {
    const reason = delivery.lastError.statusCode === null ? delivery.lastError.error : `HTTP ${delivery.lastError.statusCode}`;
    return { tone: 'failure', text: `Failing (${reason}), retrying` };
  }
  if (pendingEvents > 0) return { tone: 'warning', text: `Delivering, ${pendingEvents} events behind` };
  return { tone: 'success', text: `Up to date, ${delivery.deliveredEvents} events delivered` };
}

/** The workspace's streaming destinations, the secret just shown, and one destination's delivery log. */
export const useStreamingStore = defineStore('streaming', () => {
  const workspaceId = ref<string | null>(null);
  const destinations = shallowRef<StreamingDestination[]>([]);
  const error = ref<string | null>(null);
  const busy = ref(false);
  /** Shown once after create or rotate; cleared when dismissed or on the next action. */
  const revealed = shallowRef<{ destinationId: string; secret: string } | null>(null);
  const lastTest = shallowRef<(TestResult & { destinationId: string }) | null>(null);
  const logFor = ref<string | null>(null);
  const log = shallowRef<DeliveryLogEntry[]>([]);
  const logCursor = ref<string | null>(null);

  const selected = computed(() => destinations.value.find(({ destinationId }) => destinationId === logFor.value) ?? null);

  async function run(work: () => Promise<void>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      await work();
    } catch (failure) {
      error.value = messageOf(failure);
    } finally {
      busy.value = false;
    }
  }

  const ws = () => workspaceId.value as string;
  const refresh = async () => {
    destinations.value = await api.listDestinations(ws());
  };

  const load = (id: string) => {
    if (workspaceId.value !== id) {
      revealed.value = null;
      logFor.value = null;
      log.value = [];
    }
    workspaceId.value = id;
    return run(refresh);
  };

  const create = (input: DestinationInput) =>
    run(async () => {
      const { destinationId, secret } = await api.createDestination(ws(), input);
      revealed.value = { destinationId, secret };
      await refresh();
    });

  const rotate = (id: string) =>
    run(async () => {
      revealed.value = await api.rotateSecret(ws(), id);
    });

  const act = (call: (workspaceId: string, id: string) => Promise<unknown>) => (id: string) =>
    run(async () => {
      await call(ws(), id);
      await refresh();
    });

  const remove = (id: string) =>
    run(async () => {
      await api.deleteDestination(ws(), id);
      if (logFor.value === id) logFor.value = null;
      await refresh();
    });

  const test = (id: string) =>
    run(async () => {
      lastTest.value = { destinationId: id, ...(await api.testDestination(ws(), id)) };
    });

  const openLog = (id: string) =>
    run(async () => {
      const page = await api.deliveryLog(ws(), id);
      logFor.value = id;
      log.value = page.items;
      logCursor.value = page.nextCursor;
    });

  const moreLog = () =>
    run(async () => {
      if (!logFor.value || !logCursor.value) return;
      const page = await api.deliveryLog(ws(), logFor.value, logCursor.value);
      log.value = [...log.value, ...page.items];
      logCursor.value = page.nextCursor;
    });

  return {
    workspaceId, destinations, error, busy, revealed, lastTest, logFor, log, logCursor, selected,
    load, refresh: () => run(refresh), create, rotate, test, openLog, moreLog,
    pause: act(api.pauseDestination),
    resume: act(api.resumeDestination),
    remove,
    dismissSecret: () => (revealed.value = null),
  };
});
