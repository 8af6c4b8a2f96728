import type { RouteRecordRaw } from 'vue-router';
import AppShell from '../components/app-shell.vue';
import ActivityLogPage from '../pages/activity-log.page.vue';
import type { PageAccess } from './access';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    access?: PageAccess;
    isPublic?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: () => import('../pages/sign-in.page.vue'), meta: { isPublic: true, title: 'Sign in' } },
  { path: '/', name: 'root', component: () => import('../pages/not-found.page.vue') },
  { path: '/no-workspace', name: 'no-workspace', component: () => import('../pages/no-workspace.page.vue'), meta: { title: 'No workspace' } },
  {
    path: '/w/:ws',
    // The shell and the Activity Log come with the first script, so their chunks are not fetched only after /api/auth/me answers.
    component: AppShell,
    children: [
      { path: '', name: 'home', component: () => import('../pages/home.page.vue'), meta: { title: 'Overview' } },
      { path: 'activity', name: 'activity-log', component: ActivityLogPage, meta: { title: 'Activity Log', access: 'activity.read_workspace' } },
      { path: 'recent', name: 'recent', component: () => import('../pages/feed-view.page.vue'), props: { view: 'recent' }, meta: { title: 'Recent activity', access: 'activity.read_own' } },
      { path: 'archive', name: 'archive', component: () => import('../pages/feed-view.page.vue'), props: { view: 'archive' }, meta: { title: 'Archive', access: 'activity.read_own' } },
      { path: 'audit', name: 'audit-log', component: () => import('../pages/audit-log.page.vue'), meta: { title: 'Audit log', access: 'audit.read' } },
      { path: 'users', name: 'user-reports', component: () => import('../pages/user-reports.page.vue'), meta: { title: 'User activity', access: 'activity.read_workspace' } },
      { path: 'users/:userId', name: 'user-activity', component: () => import('../pages/user-activity.page.vue'), meta: { title: 'User activity', access: 'activity.read_own' } },
      { path: 'settings/streaming', name: 'streaming', component: () => import('../pages/streaming.page.vue'), meta: { title: 'Streaming', access: 'streaming.manage' } },
      { path: 'settings/alerts', name: 'alert-rules', component: () => import('../pages/alert-rules.page.vue'), meta: { title: 'Alerts', access: 'alerts.personal' } },
      { path: 'replay', name: 'replay', component: () => import('../pages/replay.page.vue'), meta: { title: 'Replay', access: 'audit.read' } },
      { path: 'records/:type/:id', name: 'record-activity', component: () => import('../pages/record-activity.page.vue'), meta: { title: 'Record activity', access: 'activity.read_workspace' } },
    ],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../pages/not-found.page.vue'), meta: { isPublic: true, title: 'Not found' } },
];
