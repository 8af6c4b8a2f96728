export interface PageViewBody {
  url: string;
  title?: string;
}

export const MAX_PAGE_URL_LENGTH = 2048;
export const MAX_PAGE_TITLE_LENGTH = 500;

export type PageViewParse = { ok: true; value: PageViewBody } | { ok: false; issues: Array<{ path: string; message: string }> };

/** Checks what the page-view snippet posts: `{ url, title? }`, url http(s), title ≤ 500 characters. */
export function parsePageViewBody(body: unknown): PageViewParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, issues: [{ path: '', message: 'must be a JSON object' }] };
  const { url, title } = body as Record<string, unknown>;
  const issues: Array<{ path: string; message: string }> = [];
  if (!isWebUrl(url)) issues.push({ path: 'url', message: `must be an http(s) URL of at most ${MAX_PAGE_URL_LENGTH} characters` });
  if (title !== undefined && (typeof title !== 'string' || title.length > MAX_PAGE_TITLE_LENGTH)) {
    issues.push({ path: 'title', message: `must be a string of at most ${MAX_PAGE_TITLE_LENGTH} characters` });
  }
  if (issues.length > 0) return { ok: false, issues };
  const trimmedTitle = typeof title === 'string' ? title.trim() : '';
  return { ok: true, value: { url: url as string, ...(trimmedTitle && { title: trimmedTitle }) } };
}

function isWebUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > MAX_PAGE_URL_LENGTH) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
