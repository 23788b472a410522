/**
 * The Request a direct route receives (lib/server/direct-routes.ts), made from what Node already
 * parsed: the URL, the method, the headers, and the body read in full. `new Request` pays on every
 * call for what a plugin call never uses — URL parsing, a copy of the headers, an AbortSignal and a
 * body stream, about 70 µs on a two-core machine (docs/performance.md). Here `url`, `method`,
 * `headers` and `text()`/`json()` come from Node's parse; anything else (the body as a stream,
 * `formData()`, `clone()`, the fetch metadata) is answered by a standard Request made the first time
 * it is asked for, so the object keeps a Request's behaviour in every respect but `instanceof`.
 */
import type { IncomingHttpHeaders } from 'node:http';

const bodyUnusable = () => new TypeError('Body is unusable: Body has already been read');

/** A header name as the Fetch standard allows it (a token); anything else goes to Headers, which refuses it. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Names already found valid: routes ask for the same few, so each is checked once, not on every read. */
const validNames = new Set<string>();
function isValidName(name: string): boolean {
  if (validNames.has(name)) return true;
  if (!HEADER_NAME.test(name)) return false;
  if (validNames.size < 256) validNames.add(name);
  return true;
}

/**
 * Request headers over Node's: `get` and `has` read Node's parse as it is (names in lower case,
 * repeated headers already joined or dropped as Node does); anything else — iteration, a change —
 * goes to a standard Headers made from them the first time it is needed. Building that Headers on
 * every call cost more than reading the two or three headers a route reads.
 */
class NodeHeaders implements Headers {
  readonly #raw: IncomingHttpHeaders;
  #standard: Headers | undefined;

  constructor(raw: IncomingHttpHeaders) {
    this.#raw = raw;
  }

  #asStandard(): Headers {
    if (this.#standard) return this.#standard;
    const headers = new Headers();
    for (const name in this.#raw) {
      const value = this.#raw[name];
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    }
    return (this.#standard = headers);
  }

  get(name: string): string | null {
    if (this.#standard || !isValidName(name)) return this.#asStandard().get(name);
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string): boolean {
    if (this.#standard || !isValidName(name)) return this.#asStandard().has(name);
    return this.#raw[name.toLowerCase()] !== undefined;
  }
  getSetCookie(): string[] {
    return this.#asStandard().getSetCookie();
  }
  append(name: string, value: string): void {
    this.#asStandard().append(name, value);
  }
  set(name: string, value: string): void {
    this.#asStandard().set(name, value);
  }
  delete(name: string): void {
    this.#asStandard().delete(name);
  }
  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    this.#asStandard().forEach((value, key) => callback.call(thisArg, value, key, this));
  }
  entries(): HeadersIterator<[string, string]> {
    return this.#asStandard().entries();
  }
  keys(): HeadersIterator<string> {
    return this.#asStandard().keys();
  }
  values(): HeadersIterator<string> {
    return this.#asStandard().values();
  }
  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.#asStandard()[Symbol.iterator]();
  }
}

export class NodeRequest implements Request {
  readonly url: string;
  readonly method: string;
  readonly #raw: IncomingHttpHeaders;
  readonly #text: string;
  #headers: Headers | undefined;
  #standard: Request | undefined;
  #read = false;

  constructor(url: string, method: string, headers: IncomingHttpHeaders, text: string) {
    this.url = url;
    this.method = method;
    this.#raw = headers;
    this.#text = text;
  }

  get headers(): Headers {
    return (this.#headers ??= new NodeHeaders(this.#raw));
  }

  /** The standard Request for everything else; it holds the body only while nothing has read it here. */
  #asStandard(): Request {
    const body = this.#read || this.method === 'GET' || this.method === 'HEAD' ? undefined : this.#text;
    return (this.#standard ??= new Request(this.url, { method: this.method, headers: this.headers, body }));
  }

  get bodyUsed(): boolean {
    return this.#read || (this.#standard?.bodyUsed ?? false);
  }

  text(): Promise<string> {
    if (this.#standard) return this.#standard.text();
    if (this.#read) return Promise.reject(bodyUnusable());
    this.#read = true;
    return Promise.resolve(this.#text);
  }

  /**
   * The body as text at once, for readers that can use it without waiting (lib/http/body.ts); as
   * `text()`, it can be read once. Undefined once a standard Request holds the body instead.
   */
  textNow(): string | undefined {
    if (this.#standard) return undefined;
    if (this.#read) throw bodyUnusable();
    this.#read = true;
    return this.#text;
  }

  json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text));
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#asStandard().body;
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#read ? Promise.reject(bodyUnusable()) : this.#asStandard().arrayBuffer();
  }
  blob(): Promise<Blob> {
    return this.#read ? Promise.reject(bodyUnusable()) : this.#asStandard().blob();
  }
  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#read ? Promise.reject(bodyUnusable()) : this.#asStandard().bytes();
  }
  formData(): Promise<FormData> {
    return this.#read ? Promise.reject(bodyUnusable()) : this.#asStandard().formData();
  }
  clone(): Request {
    if (this.#read) throw bodyUnusable();
    return this.#asStandard().clone();
  }

  get signal(): AbortSignal {
    return this.#asStandard().signal;
  }
  get cache(): RequestCache {
    return this.#asStandard().cache;
  }
  get credentials(): RequestCredentials {
    return this.#asStandard().credentials;
  }
  get destination(): RequestDestination {
    return this.#asStandard().destination;
  }
  get integrity(): string {
    return this.#asStandard().integrity;
  }
  get keepalive(): boolean {
    return this.#asStandard().keepalive;
  }
  get mode(): RequestMode {
    return this.#asStandard().mode;
  }
  get redirect(): RequestRedirect {
    return this.#asStandard().redirect;
  }
  get referrer(): string {
    return this.#asStandard().referrer;
  }
  get referrerPolicy(): ReferrerPolicy {
    return this.#asStandard().referrerPolicy;
  }
}
