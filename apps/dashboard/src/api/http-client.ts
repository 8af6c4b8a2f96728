import type { ApiErrorBody } from '@trailmark/contracts';

/** A refused or failed API call, with the server's message and, for a 400, each bad field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ApiErrorBody['issues'] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValues = Record<string, string | number | undefined | null>;

/** `?a=1&b=2` from the values that are set, or '' when none is. */
export function queryString(values: QueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Called on every 401, so the session can end and the app return to sign-in. */
let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/** One JSON call to the same-origin API; the session travels in its httpOnly cookie. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (response.ok) return parsed as T;
  if (response.status === 401 && !path.startsWith('/api/auth/login')) onUnauthorized();
  const error = (parsed ?? {}) as Partial<ApiErrorBody>;
  throw new ApiError(response.status, typeof error.message === 'string' ? error.message : `${response.status} ${response.statusText}`, error.issues ?? []);
}

export const apiGet = <T>(path: string, query?: QueryValues) => request<T>('GET', `${path}${queryString(query)}`);
export const apiPost = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

export const workspacePath = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}`;
