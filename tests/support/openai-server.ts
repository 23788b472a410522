// An LLM stand-in: a loopback HTTP server speaking OpenAI's chat-completions protocol (the streamed
// server-sent events, the non-streaming JSON, the error bodies), answering with replies a test scripts.
// The AI runtime calls models through the AI SDK's OpenAI-compatible provider, so tests give it this
// server's URL as the provider's baseURL and exercise the real HTTP path: request bodies, streaming,
// tool calls, usage, errors, and a client that hangs up mid-stream.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** What the model answers to one chat-completions request. */
export interface ScriptedReply {
  text?: string;
  /** Tool calls after the text; the reply then finishes with `tool_calls`. */
  tool_calls?: { name: string; arguments: Record<string, unknown>; id?: string }[];
  /** Reported usage; estimated from character counts when absent. */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Split text (and tool-call arguments) into chunks of this many characters when streaming; 4 by default. */
  chunk_size?: number;
  /** Wait this long before each streamed chunk after the first. */
  chunk_delay_ms?: number;
  /** Reply with this HTTP status and an OpenAI-style error body instead; `text`, when set, is its message. */
  status?: number;
}

/** A message of a chat-completions request, as the client sent it. */
export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content?: string | null | { type: string; [field: string]: unknown }[];
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
  [field: string]: unknown;
}

/**
 * A chat-completions request body as the client sent it: typed for reading, checked only for `model`
 * and `messages` (as OpenAI checks them first). Other fields are kept as they came.
 */
export interface ChatCompletionRequest {
  model?: string;
  messages?: ChatMessage[];
  tools?: { type: 'function'; function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean } }[];
  tool_choice?: unknown;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [field: string]: unknown;
}

/** One request to the server, whatever it answered. */
export interface RecordedRequest {
  method: string;
  /** The path with its query, e.g. `/v1/chat/completions`. */
  path: string;
  /** The parsed JSON body; `{}` for a request without one (or whose JSON did not parse). */
  body: ChatCompletionRequest;
  /** Lower-case header names, repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The client went away before the reply finished. */
  aborted: boolean;
}

export interface OpenAIServer {
  /** The API base URL, `http://127.0.0.1:<port>/v1`: the baseURL to give the SDK. */
  url: string;
  /** Every request, oldest first. */
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

export interface OpenAIServerOptions {
  /**
   * Scripts the reply to a chat-completions request; `index` counts the requests it was asked
   * about (0 for the first model call), so refused or malformed requests do not shift a script.
   */
  respond: (request: RecordedRequest, index: number) => ScriptedReply | Promise<ScriptedReply>;
  /** When set, requests without `Authorization: Bearer <apiKey>` get OpenAI's 401. */
  apiKey?: string;
  /** A fixed port (for a stand-in other processes are configured with); a random one by default. */
  port?: number;
  /**
   * Called right after each streamed event is written, with its `data:` payload and the time in
   * epoch milliseconds (`performance.timeOrigin + performance.now()`, comparable across processes):
   * what latency benchmarks measure from.
   */
  onWrite?: (write: { request: RecordedRequest; payload: string; at: number }) => void;
}

/** The list `GET /v1/models` answers; any model id is accepted by chat completions. */
export const MODEL_IDS = ['test-model', 'gpt-4o-mini'] as const;

const DEFAULT_CHUNK_SIZE = 4;
/** OpenAI's rough rule: a token is about four characters of English. */
const CHARS_PER_TOKEN = 4;

interface OpenAIError {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const openAIError = (message: string, type: string, code: string | null = null, param: string | null = null): OpenAIError => ({
  error: { message, type, param, code },
});

/** The body OpenAI answers a failed request with, by status. */
function scriptedError(status: number, message: string | undefined): OpenAIError {
  if (status === 401) return openAIError(message ?? 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
  if (status === 429) return openAIError(message ?? 'Rate limit reached for requests.', 'requests', 'rate_limit_exceeded');
  if (status >= 500) return openAIError(message ?? 'The server had an error while processing your request. Sorry about that!', 'server_error');
  return openAIError(message ?? `Request failed with status ${status}.`, 'invalid_request_error');
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** The parsed JSON object, or null when the text is not one. */
function parseJsonObject(text: string): ChatCompletionRequest | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ChatCompletionRequest) : null;
  } catch {
    return null;
  }
}

/** Why OpenAI would refuse the body before looking at it further; null when it would not. */
function invalidBody(body: ChatCompletionRequest): OpenAIError | null {
  if (typeof body.model !== 'string' || body.model === '') return openAIError('you must provide a model parameter', 'invalid_request_error');
  if (!Array.isArray(body.messages)) {
    return openAIError("Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', 'messages');
  }
  if (body.messages.length === 0) {
    return openAIError("Invalid 'messages': empty array. Expected an array with minimum length 1.", 'invalid_request_error', 'empty_array', 'messages');
  }
  return null;
}

function splitEvery(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

/** Tool-call arguments in at least two pieces, as OpenAI streams them. */
function argumentPieces(json: string, size: number): string[] {
  const pieces = splitEvery(json, size);
  if (pieces.length > 1) return pieces;
  const half = Math.ceil(json.length / 2);
  return [json.slice(0, half), json.slice(half)];
}

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / CHARS_PER_TOKEN));

interface Completion {
  id: string;
  created: number;
  model: string;
  text: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: 'stop' | 'tool_calls';
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** The scripted reply in the shape both answers are built from. */
function toCompletion(body: ChatCompletionRequest, reply: ScriptedReply): Completion {
  const text = reply.text ?? '';
  const toolCalls = (reply.tool_calls ?? []).map((call) => ({
    id: call.id ?? `call_${randomBytes(12).toString('hex')}`,
    name: call.name,
    arguments: JSON.stringify(call.arguments),
  }));
  const usage = reply.usage ?? {
    prompt_tokens: estimateTokens(JSON.stringify(body.messages) + JSON.stringify(body.tools ?? [])),
    completion_tokens: estimateTokens(text + toolCalls.map((call) => call.name + call.arguments).join('')),
  };
  return {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? '',
    text,
    toolCalls,
    finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

/** The non-streaming answer: one `chat.completion` object. */
function completionObject(completion: Completion): object {
  const hasToolCalls = completion.toolCalls.length > 0;
  return {
    id: completion.id,
    object: 'chat.completion',
    created: completion.created,
    model: completion.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: hasToolCalls && completion.text === '' ? null : completion.text,
          refusal: null,
          ...(hasToolCalls && {
            tool_calls: completion.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
          }),
        },
        logprobs: null,
        finish_reason: completion.finishReason,
      },
    ],
    usage: completion.usage,
  };
}

/** The `choices[0].delta` of every streamed chunk, in order, ending with the finish reason. */
function streamDeltas(completion: Completion, chunkSize: number): { delta: object; finish_reason: string | null }[] {
  const deltas: { delta: object; finish_reason: string | null }[] = [
    { delta: { role: 'assistant', content: completion.text === '' ? null : '', refusal: null }, finish_reason: null },
  ];
  for (const piece of splitEvery(completion.text, chunkSize)) deltas.push({ delta: { content: piece }, finish_reason: null });
  completion.toolCalls.forEach((call, index) => {
    const start = { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
    deltas.push({ delta: { tool_calls: [start] }, finish_reason: null });
    for (const piece of argumentPieces(call.arguments, chunkSize)) {
      deltas.push({ delta: { tool_calls: [{ index, function: { arguments: piece } }] }, finish_reason: null });
    }
  });
  deltas.push({ delta: {}, finish_reason: completion.finishReason });
  return deltas;
}

/**
 * The streaming answer: `chat.completion.chunk` events, the usage chunk when the client asked for
 * it, then `[DONE]`. Stops writing as soon as the client goes away.
 */
async function streamCompletion(
  res: ServerResponse,
  options: { completion: Completion; reply: ScriptedReply; includeUsage: boolean; onWrite?: (payload: string) => void },
): Promise<void> {
  const { completion, reply, includeUsage, onWrite } = options;
  const base = { id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model };
  const events = streamDeltas(completion, reply.chunk_size ?? DEFAULT_CHUNK_SIZE).map(({ delta, finish_reason }) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason }],
    ...(includeUsage && { usage: null }),
  }));
  const payloads: string[] = events.map((event) => JSON.stringify(event));
  if (includeUsage) payloads.push(JSON.stringify({ ...base, choices: [], usage: completion.usage }));
  payloads.push('[DONE]');

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  for (const [position, payload] of payloads.entries()) {
    if (position > 0 && reply.chunk_delay_ms) await delay(reply.chunk_delay_ms);
    if (res.destroyed) return;
    res.write(`data: ${payload}\n\n`);
    onWrite?.(payload);
  }
  res.end();
}

function isAuthorized(req: IncomingMessage, apiKey: string | undefined): boolean {
  return apiKey === undefined || req.headers.authorization === `Bearer ${apiKey}`;
}

/** OpenAI's 401, worded as it is for a missing key and for a wrong one. */
function unauthorized(req: IncomingMessage): OpenAIError {
  if (!req.headers.authorization) {
    return openAIError("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.", 'invalid_request_error');
  }
  return scriptedError(401, undefined);
}

/**
 * Starts a server on 127.0.0.1 (a random port) answering `POST /v1/chat/completions` with the replies
 * `respond` scripts, streamed as OpenAI streams them when the request says `stream: true`, and
 * `GET /v1/models`. Unknown routes get 404 and unparseable bodies 400, in OpenAI's error shape.
 */
export async function startOpenAIServer(options: OpenAIServerOptions): Promise<OpenAIServer> {
  const requests: RecordedRequest[] = [];
  let modelCalls = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse, request: RecordedRequest) => {
    const raw = await readBody(req);
    const parsed = raw === '' ? null : parseJsonObject(raw);
    request.body = parsed ?? {};

    if (!isAuthorized(req, options.apiKey)) return answer(res, 401, unauthorized(req));
    if (req.method === 'GET' && request.path === '/v1/models') {
      const created = Math.floor(Date.now() / 1000);
      return answer(res, 200, { object: 'list', data: MODEL_IDS.map((id) => ({ id, object: 'model', created, owned_by: 'mozaiks-tests' })) });
    }
    if (req.method !== 'POST' || request.path !== '/v1/chat/completions') {
      return answer(res, 404, openAIError(`Invalid URL (${req.method} ${request.path})`, 'invalid_request_error'));
    }
    if (parsed === null) {
      return answer(res, 400, openAIError('We could not parse the JSON body of your request. The request body must be a JSON object.', 'invalid_request_error'));
    }
    const invalid = invalidBody(parsed);
    if (invalid) return answer(res, 400, invalid);

    const reply = await options.respond(request, modelCalls++);
    if (res.destroyed) return;
    if (reply.status !== undefined) return answer(res, reply.status, scriptedError(reply.status, reply.text));
    const completion = toCompletion(parsed, reply);
    if (parsed.stream !== true) return answer(res, 200, completionObject(completion));
    const { onWrite } = options;
    await streamCompletion(res, {
      completion,
      reply,
      includeUsage: parsed.stream_options?.include_usage === true,
      onWrite: onWrite && ((payload) => onWrite({ request, payload, at: performance.timeOrigin + performance.now() })),
    });
  };

  const server = createServer((req, res) => {
    const request: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', body: {}, headers: flatHeaders(req), aborted: false };
    requests.push(request);
    res.on('close', () => {
      if (!res.writableFinished) request.aborted = true;
    });
    handle(req, res, request).catch((error: unknown) => {
      if (!res.headersSent) answer(res, 500, openAIError(`The test server failed: ${String(error)}`, 'server_error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
