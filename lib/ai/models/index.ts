/**
 * Which language model an agent's call goes to: an OpenAI-compatible endpoint through the AI SDK
 * when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the built-in local model.
 */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { LanguageModel } from 'ai';
import type { LocalScript, LocalTurn } from '@/lib/ai/workflows/definition';
import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/runtime/global';
import { localModel } from './local';

export { LOCAL_PROVIDER } from './local';

const providers = processSingleton('ai-providers', () => new Map<string, ReturnType<typeof createOpenAICompatible>>());

function openAICompatible(baseUrl: string, apiKey: string | undefined) {
  const key = `${baseUrl}\n${apiKey ?? ''}`;
  let provider = providers.get(key);
  if (!provider) {
    // includeUsage: streamed answers report their tokens, which budgets need. Structured outputs are sent as
    // OpenAI's json_schema response format (OpenAI, vLLM, Ollama and LM Studio accept it).
    provider = createOpenAICompatible({ name: 'openai', baseURL: baseUrl, apiKey, includeUsage: true, supportsStructuredOutputs: true });
    providers.set(key, provider);
  }
  return provider;
}

/**
 * The model for one call of one agent: the agent's own AI SDK model when its workflow gives one,
 * else the configured endpoint, else the local model — the only one that reads the turn (built on
 * demand: it walks the whole history) and the script.
 */
export function modelFor({ model, turn, script }: { model: string | LanguageModelV3 | undefined; turn: () => LocalTurn; script: LocalScript | undefined }): LanguageModel {
  if (typeof model === 'object') return model;
  const modelId = model;
  const { ai } = getEnv();
  if (ai.provider === 'local') return localModel({ turn: turn(), script, chunkDelayMs: ai.localDelayMs });
  return openAICompatible(ai.baseUrl, ai.apiKey)(modelId ?? ai.model);
}

/** What the capabilities route tells clients about the model in use. */
export function modelInfo(): { provider: 'openai-compatible' | 'local'; model: string } {
  const { ai } = getEnv();
  return { provider: ai.provider, model: ai.provider === 'local' ? 'local' : ai.model };
}
