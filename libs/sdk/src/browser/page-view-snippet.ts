export interface PageViewSnippetOptions {
  /** The host app's own endpoint that forwards page views (see createPageViewHandler). Default `/trailmark/page-view`. */
  endpoint?: string;
}

export const DEFAULT_PAGE_VIEW_ENDPOINT = '/trailmark/page-view';

/**
 * The browser half of page-view tracking, as ES5 source for a `<script>` tag.
 * It reports `{ url, title }` on load and on each SPA navigation (pushState,
 * popstate) to the host app's endpoint, never to Trailmark: a browser must
 * not hold an ingestion key. sendBeacon survives page unloads; fetch with
 * keepalive is the fallback. The JSON content type keeps the endpoint off
 * limits to cross-site forms, and the endpoint checks it. After pushState the
 * report waits one tick, so a router that sets the title right after
 * navigating is reported with the new title.
 */
export function pageViewSnippet({ endpoint = DEFAULT_PAGE_VIEW_ENDPOINT }: PageViewSnippetOptions = {}): string {
  // Escaped so the endpoint can never close the surrounding <script> tag.
  const endpointLiteral = JSON.stringify(endpoint).replace(/</g, '\\u003c');
  return `(function (w, d, n, h, endpoint) {
  if (w.__trailmarkPageViews) return;
  w.__trailmarkPageViews = true;
  var last = null;
  function send() {
    var url = w.location.href;
    if (url === last) return;
    last = url;
    var body = JSON.stringify({ url: url, title: d.title });
    try {
      if (n.sendBeacon && n.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }))) return;
    } catch (e) {}
    if (w.fetch) {
      w.fetch(endpoint, { method: 'POST', body: body, keepalive: true, credentials: 'same-origin', headers: { 'Content-Type': 'application/json' } })['catch'](function () {});
    }
  }
  function later() { w.setTimeout(send, 0); }
  var pushState = h.pushState;
  h.pushState = function () {
    var result = pushState.apply(h, arguments);
    later();
    return result;
  };
  w.addEventListener('popstate', later);
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', send);
  else send();
})(window, document, navigator, history, ${endpointLiteral});
`;
}
