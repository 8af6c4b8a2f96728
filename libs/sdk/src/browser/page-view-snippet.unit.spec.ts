import { runInContext, createContext } from 'node:vm';
import { pageViewSnippet } from './page-view-snippet';

type Listener = () => void;

/** Just enough of a browser for the snippet: location, title, history, events, beacons and fetch. */
function fakeBrowser({ beacon = true, readyState = 'complete' }: { beacon?: boolean; readyState?: string } = {}) {
  const listeners = new Map<string, Listener[]>();
  const on = (type: string, listener: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]);
  const sent: Array<{ via: 'beacon' | 'fetch'; endpoint: string; body: Promise<string>; type: string; keepalive?: boolean }> = [];
  const location = { href: 'https://app.example.com/tickets' };
  const document = { title: 'Tickets', readyState, addEventListener: on };
  const window = {
    location,
    addEventListener: on,
    setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
    fetch: (endpoint: string, init: { body: string; keepalive: boolean; headers: Record<string, string> }) => {
      sent.push({ via: 'fetch', endpoint, body: Promise.resolve(init.body), type: init.headers['Content-Type'], keepalive: init.keepalive });
      return Promise.resolve({});
    },
  };
  const navigator = beacon
    ? { sendBeacon: (endpoint: string, blob: Blob) => sent.push({ via: 'beacon', endpoint, body: blob.text(), type: blob.type }) > 0 }
    : {};
  const history = {
    pushState(_state: unknown, _title: string, url: string) {
      location.href = new URL(url, location.href).href;
    },
  };
  const context = createContext({ window, document, navigator, history, Blob });
  return {
    run: (script: string) => runInContext(script, context),
    navigate: (url: string, title: string) => {
      history.pushState({}, '', url);
      document.title = title;
    },
    back: (url: string, title: string) => {
      location.href = url;
      document.title = title;
      listeners.get('popstate')?.forEach((listener) => listener());
    },
    fire: (type: string) => listeners.get(type)?.forEach((listener) => listener()),
    reports: async () => Promise.all(sent.map(async ({ body, ...rest }) => ({ ...rest, body: JSON.parse(await body) }))),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('page-view snippet', () => {
  it('beacons the page on load, after pushState and after popstate, to the host endpoint', async () => {
    const browser = fakeBrowser();
    browser.run(pageViewSnippet({ endpoint: '/trailmark/page-view' }));
    browser.navigate('/tickets/42', 'Ticket 42');
    await tick();
    browser.back('https://app.example.com/tickets', 'Tickets');
    await tick();
    expect(await browser.reports()).toEqual([
      { via: 'beacon', endpoint: '/trailmark/page-view', type: 'application/json', body: { url: 'https://app.example.com/tickets', title: 'Tickets' } },
      { via: 'beacon', endpoint: '/trailmark/page-view', type: 'application/json', body: { url: 'https://app.example.com/tickets/42', title: 'Ticket 42' } },
      { via: 'beacon', endpoint: '/trailmark/page-view', type: 'application/json', body: { url: 'https://app.example.com/tickets', title: 'Tickets' } },
    ]);
  });

  it('waits for the document when it is still loading', async () => {
    const browser = fakeBrowser({ readyState: 'loading' });
    browser.run(pageViewSnippet());
    expect(await browser.reports()).toEqual([]);
    browser.fire('DOMContentLoaded');
    expect(await browser.reports()).toEqual([expect.objectContaining({ endpoint: '/trailmark/page-view' })]);
  });

  it('falls back to fetch with keepalive when sendBeacon is missing', async () => {
    const browser = fakeBrowser({ beacon: false });
    browser.run(pageViewSnippet());
    expect(await browser.reports()).toEqual([
      { via: 'fetch', endpoint: '/trailmark/page-view', type: 'application/json', keepalive: true, body: { url: 'https://app.example.com/tickets', title: 'Tickets' } },
    ]);
  });

  it('reports a URL once however often it is pushed, and installs itself once', async () => {
    const browser = fakeBrowser();
    browser.run(pageViewSnippet());
    browser.run(pageViewSnippet());
    browser.navigate('/tickets', 'Tickets');
    await tick();
    expect(await browser.reports()).toHaveLength(1);
  });

  it('is ES5 and cannot break out of its script tag', () => {
    const script = pageViewSnippet({ endpoint: '/x</script><script>alert(1)//' });
    expect(script).not.toMatch(/=>|\blet\b|\bconst\b|`|\bclass\b/);
    expect(script).not.toContain('</script>');
    expect(script).toContain('"/x\\u003c/script>\\u003cscript>alert(1)//"');
  });
});
