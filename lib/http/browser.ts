/**
 * The browser's one way to call this app's JSON API: GET without a body, POST (or `method`) with
 * one; a failure throws an ApiRequestError carrying the server's `detail` and `error_code`, or a
 * plain explanation when the server could not be reached.
 */
export class ApiRequestError extends Error {
  /**
   * The message of each input field the server rejected, by field name (`title`, `address.city`),
   * from a validation answer's `errors` (`$.title`): show each beside its field, not the `detail`.
   */
  readonly fields: Readonly<Record<string, string>>;

  constructor(
    readonly status: number,
    readonly errorCode: string,
    detail: string,
    errors: readonly { path?: unknown; message?: unknown }[] = [],
  ) {
    super(detail);
    this.name = 'ApiRequestError';
    const fields: Record<string, string> = {};
    for (const error of errors) {
      if (typeof error.path !== 'string' || typeof error.message !== 'string') continue;
      const name = error.path.replace(/^\$\.?/, '');
      if (name && !(name in fields)) fields[name] = error.message;
    }
    this.fields = fields;
  }

  /** What to show above a form: the detail, or a pointer to the fields when each has its own message. */
  get summary(): string {
    return Object.keys(this.fields).length ? 'Check the highlighted fields.' : this.message;
  }
}

/** An error's message for a person: an ApiRequestError's summary, else `fallback` (never an internal message). */
export function errorMessage(error: unknown, fallback = 'That did not work. Try again.'): string {
  return error instanceof ApiRequestError ? error.summary : fallback;
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
  if (!response.ok) {
    const errors = Array.isArray(payload.errors) ? payload.errors : [];
    throw new ApiRequestError(response.status, payload.error_code ?? 'ERROR', payload.detail ?? `The request failed (${response.status}).`, errors);
  }
  return payload as T;
}
