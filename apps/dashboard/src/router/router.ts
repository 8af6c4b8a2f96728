import { createRouter, createWebHistory, type Router } from 'vue-router';
import { useFlashStore } from '../stores/flash.store';
import { useSessionStore } from '../stores/session.store';
import { decideNavigation } from './navigation';
import { routes } from './routes';

const single = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The app's routes behind the session and role checks of `decideNavigation`. */
export function createDashboardRouter(): Router {
  const router = createRouter({ history: createWebHistory(), routes });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (!session.checked) await session.restore();
    const decision = decideNavigation(
      { name: String(to.name ?? ''), fullPath: to.fullPath, workspaceId: single(to.params['ws']), ...to.meta },
      { signedIn: session.user !== null, workspaces: session.workspaces, currentWorkspaceId: session.currentWorkspaceId },
    );
    if (decision.kind === 'sign-in') return { name: 'sign-in', query: decision.redirect === '/' ? {} : { redirect: decision.redirect } };
    if (decision.kind === 'home') {
      if (decision.message) useFlashStore().show('warning', decision.message);
      return decision.workspaceId ? { name: 'home', params: { ws: decision.workspaceId } } : { name: 'no-workspace' };
    }
    const workspaceId = single(to.params['ws']);
    if (workspaceId) await session.switchTo(workspaceId).catch(() => undefined);
    return true;
  });

  router.afterEach((to, _from, failure) => {
    if (!failure) useFlashStore().arrived(to.path);
    document.title = to.meta.title ? `${to.meta.title} · Trailmark` : 'Trailmark';
  });
  return router;
}
