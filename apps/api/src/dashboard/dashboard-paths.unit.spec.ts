import { isApiPath, wantsAppShell } from './dashboard-paths';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('which paths the dashboard answers', () => {
  it('leaves the API, health, metrics and Socket.IO paths to the API', () => {
    expect(['/api', '/api/workspaces/w/activity', '/health', '/health/x', '/metrics', '/socket.io/?EIO=4'].map(isApiPath)).toEqual([true, true, true, true, true, true]);
    expect(['/', '/apis', '/w/ws/activity', '/healthy', '/metrics-page'].map(isApiPath)).toEqual([false, false, false, false, false]);
  });

  it('answers browser navigations to client routes with the app shell, even with a dot in a record id', () => {
    expect(wantsAppShell('GET', '/w/ws-1/records/file/report.pdf', HTML)).toBe(true);
    expect(wantsAppShell('HEAD', '/', HTML)).toBe(true);
  });

  it('does not answer API paths, missing assets, other methods or non-HTML requests', () => {
    expect(wantsAppShell('GET', '/api/nope', HTML)).toBe(false);
    expect(wantsAppShell('GET', '/assets/missing.js', HTML)).toBe(false);
    expect(wantsAppShell('POST', '/w/ws', HTML)).toBe(false);
    expect(wantsAppShell('GET', '/w/ws', 'application/json')).toBe(false);
    expect(wantsAppShell('GET', '/favicon.ico', '*/*')).toBe(false);
    expect(wantsAppShell('GET', '/w/ws', undefined)).toBe(false);
  });
});
