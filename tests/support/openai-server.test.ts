/**
 * The OpenAI stand-in against the client the runtime uses: the AI SDK's OpenAI-compatible provider
 * over real HTTP. Streamed text, tool calls, usage, multi-step tool results, aborts, errors and the
 * API key behave as they do against OpenAI, so specs of the AI runtime can trust this peer.
 */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer, type OpenAIServerOptions } from './openai-server';

const API_KEY = 'k';

let server: OpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: OpenAIServerOptions) {
  server = await startOpenAIServer(options);
  const provider = createOpenAICompatible({ name: 'test', baseURL: server.url, apiKey: API_KEY, includeUsage: true });
  return { server, model: provider.chatModel('test-model') };
}

const weather = tool({
  description: 'The weather in a city',
  inputSchema: jsonSchema<{ city: string; days: number }>({
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer' } },
    required: ['city', 'days'],
    additionalProperties: false,
  }),
});

describe('the OpenAI stand-in, called through the AI SDK', () => {
  it('streams text in several deltas that join to the scripted text, and reports usage', async () => {
    const { server, model } = await start({ respond: () => ({ text: 'Hello from the stand-in.', chunk_size: 5, usage: { prompt_tokens: 11, completion_tokens: 7 } }) });

    const result = streamText({ model, prompt: 'Say hello' });
    const deltas: string[] = [];
    let finish: { finishReason: string; totalUsage: { inputTokens?: number; outputTokens?: number; totalTokens?: number } } | undefined;
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') deltas.push(part.text);
      if (part.type === 'finish') finish = part;
      if (part.type === 'error') throw part.error;
    }

    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Hello from the stand-in.');
    expect(finish?.finishReason).toBe('stop');
    expect(finish?.totalUsage).toMatchObject({ inputTokens: 11, outputTokens: 7, totalTokens: 18 });
    const [request] = server.requests;
    expect(request?.body).toMatchObject({ model: 'test-model', stream: true, stream_options: { include_usage: true } });
    expect(request?.body.messages).toEqual([{ role: 'user', content: 'Say hello' }]);
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.aborted).toBe(false);
  });

  it('estimates usage from character counts when the script gives none', async () => {
    const { model } = await start({ respond: () => ({ text: 'x'.repeat(40) }) });

    const result = streamText({ model, prompt: 'Go' });

    expect(await result.text).toBe('x'.repeat(40));
    expect((await result.totalUsage).outputTokens).toBe(10);
    expect((await result.totalUsage).inputTokens).toBeGreaterThan(0);
  });

  it('streams a scripted tool call that arrives with its name and parsed arguments, finishing with tool-calls', async () => {
    const { server, model } = await start({
      respond: () => ({ tool_calls: [{ name: 'get_weather', arguments: { city: 'Lisbon', days: 3 }, id: 'call_1' }] }),
    });

    const result = streamText({ model, prompt: 'Weather in Lisbon?', tools: { get_weather: weather } });
    const calls: { toolCallId: string; toolName: string; input: unknown }[] = [];
    let inputDeltas = 0;
    for await (const part of result.fullStream) {
      if (part.type === 'tool-call') calls.push(part);
      if (part.type === 'tool-input-delta') inputDeltas++;
      if (part.type === 'error') throw part.error;
    }

    expect(calls).toEqual([expect.objectContaining({ toolCallId: 'call_1', toolName: 'get_weather', input: { city: 'Lisbon', days: 3 } })]);
    expect(inputDeltas).toBeGreaterThan(1);
    expect(await result.finishReason).toBe('tool-calls');
    const tools = server.requests[0]?.body.tools;
    expect(tools?.[0]?.function.name).toBe('get_weather');
    expect(tools?.[0]).toMatchObject({ type: 'function', function: { description: 'The weather in a city', parameters: { required: ['city', 'days'] } } });
  });

  it("sends the tool's result back as a tool message on the next step, after the assistant's tool call", async () => {
    const { server, model } = await start({
      respond: (_request, index) =>
        index === 0 ? { tool_calls: [{ name: 'get_weather', arguments: { city: 'Lisbon', days: 1 }, id: 'call_w' }] } : { text: 'Sunny in Lisbon.' },
    });
    const withExecute = tool({ ...weather, execute: async ({ city }) => ({ city, forecast: 'sunny' }) });

    const result = streamText({ model, prompt: 'Weather?', tools: { get_weather: withExecute }, stopWhen: stepCountIs(2) });

    expect(await result.text).toBe('Sunny in Lisbon.');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body.messages?.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_w', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lisbon","days":1}' } }],
      },
      { role: 'tool', tool_call_id: 'call_w', content: '{"city":"Lisbon","forecast":"sunny"}' },
    ]);
  });

  it('marks the request aborted when the client aborts mid-stream', async () => {
    const { server, model } = await start({ respond: () => ({ text: 'word '.repeat(200), chunk_size: 5, chunk_delay_ms: 20 }) });
    const controller = new AbortController();

    const result = streamText({ model, prompt: 'Talk for a while', abortSignal: controller.signal });
    const seen: string[] = [];
    for await (const part of result.fullStream) {
      seen.push(part.type);
      if (part.type === 'text-delta') controller.abort();
    }

    expect(seen).toContain('abort');
    expect(seen).not.toContain('finish');
    await expect.poll(() => server.requests[0]?.aborted, { timeout: 2_000, interval: 10 }).toBe(true);
  });

  it('marks the request aborted when the client aborts before the model starts answering', async () => {
    let release: () => void = () => {};
    const thinking = new Promise<void>((resolve) => (release = resolve));
    const { server, model } = await start({ respond: () => thinking.then(() => ({ text: 'too late' })) });
    const controller = new AbortController();

    const call = generateText({ model, prompt: 'Think hard', abortSignal: controller.signal }).catch((caught: unknown) => caught);
    await expect.poll(() => server.requests.length, { timeout: 2_000, interval: 10 }).toBe(1);
    controller.abort();

    expect(await call).toMatchObject({ name: 'AbortError' });
    await expect.poll(() => server.requests[0]?.aborted, { timeout: 2_000, interval: 10 }).toBe(true);
    release();
  });

  it('surfaces a scripted 500 as an error from the SDK', async () => {
    const { server, model } = await start({ respond: () => ({ status: 500 }) });

    // The SDK retries 5xx (twice by default, after 2 s and 4 s): a runtime spec should pass maxRetries.
    const errors: unknown[] = [];
    const result = streamText({ model, prompt: 'Hi', maxRetries: 0, onError: ({ error }) => void errors.push(error) });
    await result.consumeStream();

    expect(errors).toHaveLength(1);
    expect(APICallError.isInstance(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ statusCode: 500, isRetryable: true, data: { error: { type: 'server_error' } } });
    expect(server.requests).toHaveLength(1);
  });

  it('answers a wrong API key with 401 in OpenAI’s error shape, which the SDK does not retry', async () => {
    const { server, model } = await start({ apiKey: 'the-right-key', respond: () => ({ text: 'never sent' }) });

    const error = await generateText({ model, prompt: 'Hi' }).catch((caught: unknown) => caught);

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false, data: { error: { code: 'invalid_api_key', type: 'invalid_request_error' } } });
    expect(server.requests).toHaveLength(1);
  });

  it('answers generateText with a non-streaming completion, tool calls included', async () => {
    const { server, model } = await start({
      respond: (_request, index) =>
        index === 0
          ? { text: 'Plain answer.', usage: { prompt_tokens: 3, completion_tokens: 2 } }
          : { text: 'Checking.', tool_calls: [{ name: 'get_weather', arguments: { city: 'Porto', days: 2 } }] },
    });

    const plain = await generateText({ model, prompt: 'Hi' });
    const withTool = await generateText({ model, prompt: 'Weather in Porto?', tools: { get_weather: weather } });

    expect(plain.text).toBe('Plain answer.');
    expect(plain.finishReason).toBe('stop');
    expect(plain.usage).toMatchObject({ inputTokens: 3, outputTokens: 2, totalTokens: 5 });
    expect(withTool.text).toBe('Checking.');
    expect(withTool.finishReason).toBe('tool-calls');
    expect(withTool.toolCalls).toEqual([expect.objectContaining({ toolName: 'get_weather', input: { city: 'Porto', days: 2 } })]);
    expect(withTool.toolCalls[0]?.toolCallId).toMatch(/^call_/);
    expect(server.requests.map((request) => request.body.stream)).toEqual([undefined, undefined]);
  });
});

describe('the OpenAI stand-in over plain HTTP', () => {
  it('lists models, and answers unknown routes with 404 and bad JSON with 400 in OpenAI’s error shape', async () => {
    const { server } = await start({ respond: () => ({ text: 'unused' }) });
    const auth = { authorization: `Bearer ${API_KEY}` };

    const models = await fetch(`${server.url}/models`, { headers: auth });
    const unknown = await fetch(`${server.url}/embeddings`, { method: 'POST', headers: auth, body: '{}' });
    const badJson = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"model":' });
    const noMessages = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: auth, body: '{"model":"test-model"}' });

    expect(models.status).toBe(200);
    expect(await models.json()).toMatchObject({ object: 'list', data: expect.arrayContaining([expect.objectContaining({ id: 'test-model', object: 'model' })]) });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { message: 'Invalid URL (POST /v1/embeddings)', type: 'invalid_request_error', param: null, code: null } });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { type: 'invalid_request_error', code: null } });
    expect(noMessages.status).toBe(400);
    expect(await noMessages.json()).toMatchObject({ error: { param: 'messages', code: 'missing_required_parameter' } });
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1/models',
      'POST /v1/embeddings',
      'POST /v1/chat/completions',
      'POST /v1/chat/completions',
    ]);
  });

  it('streams the wire format OpenAI does: role first, arguments in pieces, the finish reason, the usage chunk, [DONE]', async () => {
    const { server } = await start({ respond: () => ({ text: 'Hi', tool_calls: [{ name: 'f', arguments: {}, id: 'call_f' }] }) });

    const response = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test-model', messages: [{ role: 'user', content: 'x' }], stream: true, stream_options: { include_usage: true } }),
    });
    const events = (await response.text()).split('\n\n').filter(Boolean);
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, '')));

    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === 'test-model')).toBe(true);
    expect(chunks[0].choices[0].delta).toMatchObject({ role: 'assistant' });
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(toolDeltas[0]).toEqual({ index: 0, id: 'call_f', type: 'function', function: { name: 'f', arguments: '' } });
    expect(toolDeltas.slice(1).map((delta) => delta.function.arguments)).toEqual(['{', '}']);
    expect(chunks.at(-2).choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
  });
});
