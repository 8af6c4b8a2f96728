import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionView, WorkspaceSummary } from '../api/api-types';
import * as auth from '../api/auth.api';
import { ApiError } from '../api/http-client';

/** Who is signed in and in which workspaces; the session itself is the API's httpOnly cookie. */
export const useSessionStore = defineStore('session', () => {
  const session = ref<SessionView | null>(null);
  /** Whether the API has been asked once who is signed in. */
  const checked = ref(false);

  const user = computed(() => session.value?.user ?? null);
  const workspaces = computed<WorkspaceSummary[]>(() => session.value?.workspaces ?? []);
  const currentWorkspaceId = computed(() => session.value?.currentWorkspaceId ?? workspaces.value[0]?.id ?? null);
  const workspace = (workspaceId: string | null | undefined) => workspaces.value.find((candidate) => candidate.id === workspaceId);

  async function restore(): Promise<void> {
    try {
      session.value = await auth.currentSession();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      session.value = null;
    } finally {
      checked.value = true;
    }
  }

  async function signIn(email: string, password: string): Promise<void> {
    session.value = await auth.signIn(email, password);
    checked.value = true;
  }

  async function signOut(): Promise<void> {
    try {
      await auth.signOut();
    } finally {
      forget();
    }
  }

  /** Records the switch (a WorkspaceSwitched event) unless already there. */
  async function switchTo(workspaceId: string): Promise<void> {
    if (session.value?.currentWorkspaceId === workspaceId) return;
    session.value = await auth.switchWorkspace(workspaceId);
  }

  function forget(): void {
    session.value = null;
    checked.value = true;
  }

  return { session, checked, user, workspaces, currentWorkspaceId, workspace, restore, signIn, signOut, switchTo, forget };
});
