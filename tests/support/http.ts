/**
 * A small JSON client for specs: `call(path, headers, body?)` sends GET without a body and POST with
 * one, and answers `{status, body, headers}` with the body parsed (text when it is not JSON).
 */
export function jsonClient(baseUrl: () => string) {
  return async (path: string, headers: Record<string, string> = {}, body?: unknown, method?: string) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a page): the text itself.
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read whatever JSON the route returns
    return { status: response.status, body: parsed as any, headers: response.headers };
  };
}
