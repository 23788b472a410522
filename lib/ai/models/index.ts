/**
 * Which language model an agent's call goes to: an OpenAI-compatible endpoint through the AI SDK
 * when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the built-in local model.
 */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
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

/** The model for one call of one agent. `turn` and `script` only matter to the local model. */
export function modelFor({ modelId, turn, script }: { modelId: string | undefined; turn: LocalTurn; script: LocalScript | undefined }): LanguageModel {
  const { ai } = getEnv();
  if (ai.provider === 'local') return localModel({ turn, script, chunkDelayMs: ai.localDelayMs });
  return openAICompatible(ai.baseUrl, ai.apiKey)(modelId ?? ai.model);
}

/** What the capabilities route tells clients about the model in use. */
export function modelInfo(): { provider: 'openai-compatible' | 'local'; model: string } {
  const { ai } = getEnv();
  return { provider: ai.provider, model: ai.provider === 'local' ? 'local' : ai.model };
}
