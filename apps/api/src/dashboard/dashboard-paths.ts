import { resolve } from 'node:path';

/** Where `vite build` puts the dashboard (apps/dashboard/dist). */
export const DASHBOARD_DIST = resolve(__dirname, '../../../dashboard/dist');

/** Paths the API owns: never answered with the dashboard, even when nothing else answers them. */
const API_PREFIXES = ['/api', '/health', '/metrics', '/socket.io'];

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Whether a request that matched no file should get the app's index.html:
 * a browser navigation (it asks for HTML) to a client-side route, never a
 * missing script, style sheet or image under /assets/.
 */
export function wantsAppShell(method: string, path: string, accept: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (isApiPath(path) || path.startsWith('/assets/')) return false;
  return accept?.includes('text/html') ?? false;
}
