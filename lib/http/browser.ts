/**
 * The browser's one way to call this app's JSON API: GET without a body, POST (or `method`) with
 * one; a failure throws an ApiRequestError carrying the server's `detail` and `error_code`, or a
 * plain explanation when the server could not be reached.
 */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ApiRequestError';
  }
}

export async function requestJson<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiRequestError(0, 'NETWORK_ERROR', 'Could not reach the server. Check your connection and try again.');
  }
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiRequestError(response.status, payload.error_code ?? 'ERROR', payload.detail ?? `The request failed (${response.status}).`);
  return payload as T;
}
