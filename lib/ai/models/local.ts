/**
 * The built-in local model: a deterministic stand-in for development and tests, used when no model
 * API is configured (no OPENAI_API_KEY or OPENAI_BASE_URL). It is a real AI SDK language model
 * (LanguageModelV3), so every workflow, tool call, handoff and stream goes through exactly the code a
 * hosted model would; what it "says" comes from the agent's offline script (`local` in the workflow)
 * or, for agents without one, from `defaultScript`. It does not understand language. See docs/ai.md.
 */
import type { LanguageModelV3, LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';
import type { LocalReply, LocalScript, LocalTurn } from '@/lib/ai/workflows/definition';

export const LOCAL_PROVIDER = 'mozaiks-local';

/** Roughly four characters a token, as for English with GPT tokenizers. */
const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

const COMMAND = /^\/tool\s+([a-z][a-z0-9_]*)\s*(\{[\s\S]*\})?\s*$/;

/**
 * What an agent without a script answers: `/tool <name> {json}` calls that tool, a tool result is
 * reported back, anything else gets a plain explanation. Enough to exercise any workflow offline.
 */
export const defaultScript: LocalScript = (turn) => {
  const last = turn.toolResults.at(-1);
  if (last) return { text: `${last.tool_name} returned: ${JSON.stringify(last.result)}` };
  const command = turn.lastUserText ? COMMAND.exec(turn.lastUserText.trim()) : null;
  if (command && turn.tools.includes(command[1]!)) {
    try {
      return { tool_calls: [{ name: command[1]!, args: command[2] ? (JSON.parse(command[2]) as Record<string, unknown>) : {} }] };
    } catch {
      return { text: `That is not valid JSON after /tool ${command[1]}.` };
    }
  }
  const tools = turn.tools.length ? ` Try "/tool ${turn.tools[0]} {}" (tools: ${turn.tools.join(', ')}).` : '';
  return {
    text: `I am ${turn.agent}, running on the built-in local model, which follows scripts rather than understanding text. Configure OPENAI_API_KEY (or OPENAI_BASE_URL) for a real model.${tools}`,
  };
};

/** Splits text into word-sized chunks (each keeps its trailing space), as a model streams tokens. */
export function chunksOf(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function usageOf(input: string, output: string): LanguageModelV3Usage {
  const inputTokens = estimateTokens(input);
  const outputTokens = estimateTokens(output);
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
  };
}

function partsOf(reply: LocalReply, json: boolean): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [];
  const text = 'object' in reply ? JSON.stringify(reply.object) : (reply.text ?? '');
  if (json && !('object' in reply) && !('tool_calls' in reply && reply.tool_calls.length)) {
    throw new Error('This agent must answer with a structured output; its offline script returned text');
  }
  if (text) {
    parts.push({ type: 'text-start', id: 't0' });
    for (const delta of chunksOf(text)) parts.push({ type: 'text-delta', id: 't0', delta });
    parts.push({ type: 'text-end', id: 't0' });
  }
  const calls = 'tool_calls' in reply ? reply.tool_calls : [];
  calls.forEach((call, index) => {
    parts.push({ type: 'tool-call', toolCallId: `call_local_${index}_${call.name}`, toolName: call.name, input: JSON.stringify(call.args) });
  });
  return parts;
}

/**
 * A language model answering one model call of one agent with `script`. Made per call, because the
 * script reads the turn (agent, history, tool results) rather than parsing the prompt back.
 */
export function localModel({ turn, script, chunkDelayMs = 0 }: { turn: LocalTurn; script: LocalScript | undefined; chunkDelayMs?: number }): LanguageModelV3 {
  const answer = (json: boolean) => {
    const reply = (script ?? defaultScript)(turn);
    const parts = partsOf(reply, json);
    const output = parts.map((part) => (part.type === 'text-delta' ? part.delta : part.type === 'tool-call' ? part.input : '')).join('');
    const prompt = JSON.stringify(turn.messages);
    return { parts, usage: usageOf(prompt, output), toolCalls: 'tool_calls' in reply && reply.tool_calls.length > 0 };
  };
  return {
    specificationVersion: 'v3',
    provider: LOCAL_PROVIDER,
    modelId: 'local',
    supportedUrls: {},
    async doGenerate(options) {
      const { parts, usage, toolCalls } = answer(options.responseFormat?.type === 'json');
      const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');
      return {
        content: [...(text ? [{ type: 'text' as const, text }] : []), ...parts.filter((part) => part.type === 'tool-call')],
        finishReason: { unified: toolCalls ? 'tool-calls' : 'stop', raw: undefined },
        usage,
        warnings: [],
      };
    },
    async doStream(options) {
      const { parts, usage, toolCalls } = answer(options.responseFormat?.type === 'json');
      const signal = options.abortSignal;
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
          for (const part of parts) {
            if (signal?.aborted) {
              controller.error(signal.reason ?? new DOMException('Aborted', 'AbortError'));
              return;
            }
            controller.enqueue(part);
            if (chunkDelayMs > 0 && part.type === 'text-delta') await new Promise((resolve) => setTimeout(resolve, chunkDelayMs));
          }
          controller.enqueue({ type: 'finish', usage, finishReason: { unified: toolCalls ? 'tool-calls' : 'stop', raw: undefined } });
          controller.close();
        },
      });
      return { stream };
    },
  };
}
