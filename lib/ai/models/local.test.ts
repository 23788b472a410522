import { streamText, jsonSchema } from 'ai';
import { describe, expect, it } from 'vitest';
import type { LocalTurn } from '@/lib/ai/workflows/definition';
import { defaultScript, localModel } from './local';

const turn = (overrides: Partial<LocalTurn> = {}): LocalTurn => ({ agent: 'Helper', messages: [], lastUserText: null, toolResults: [], tools: [], context: {}, ...overrides });

async function run(model: ReturnType<typeof localModel>, tools = {}) {
  const result = streamText({ model, prompt: 'hi', tools });
  const deltas: string[] = [];
  const calls: { toolName: string; input: unknown }[] = [];
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') deltas.push(part.text);
    if (part.type === 'tool-call') calls.push({ toolName: part.toolName, input: part.input });
  }
  return { deltas, calls, usage: await result.totalUsage };
}

describe('the built-in local model', () => {
  it('streams a script’s text word by word through the AI SDK, with usage', async () => {
    const { deltas, usage } = await run(localModel({ turn: turn(), script: () => ({ text: 'one two three' }) }));
    expect(deltas).toEqual(['one ', 'two ', 'three']);
    expect(usage.outputTokens).toBeGreaterThan(0);
  });

  it('makes the tool calls a script asks for', async () => {
    const tools = { add: { description: 'adds', inputSchema: jsonSchema({ type: 'object', properties: { n: { type: 'number' } } }) } };
    const { calls } = await run(localModel({ turn: turn({ tools: ['add'] }), script: () => ({ tool_calls: [{ name: 'add', args: { n: 2 } }] }) }), tools);
    expect(calls).toEqual([{ toolName: 'add', input: { n: 2 } }]);
  });

  it('without a script: /tool calls a tool, a result is reported, anything else is explained', () => {
    expect(defaultScript(turn({ tools: ['add'], lastUserText: '/tool add {"n": 1}' }))).toEqual({ tool_calls: [{ name: 'add', args: { n: 1 } }] });
    expect(defaultScript(turn({ tools: ['add'], lastUserText: '/tool add {oops}' }))).toEqual({ text: 'That is not valid JSON after /tool add.' });
    expect(defaultScript(turn({ toolResults: [{ tool_name: 'add', result: { sum: 3 } }] }))).toEqual({ text: 'add returned: {"sum":3}' });
    expect('text' in defaultScript(turn({ lastUserText: 'hello' })) && (defaultScript(turn({ lastUserText: 'hello' })) as { text: string }).text).toContain('OPENAI_API_KEY');
  });
});
