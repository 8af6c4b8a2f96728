export interface ApiCallOptions {
  method?: string;
  /** A session token or an API key, sent as `Authorization: Bearer`. */
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One HTTP call to a running API: POST when there is a body, GET otherwise, JSON both ways (the body as parsed, untyped). */
export async function callApi(baseUrl: string, path: string, options: ApiCallOptions = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? (options.body ? 'POST' : 'GET'),
    headers: {
      ...(options.body ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}
