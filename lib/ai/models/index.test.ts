import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { localModel, LOCAL_PROVIDER } from './local';
import { modelFor } from './index';

const turnOf = { agent: 'A', messages: [], lastUserText: null, toolResults: [], tools: [], context: {} };
const turn = () => turnOf;

afterEach(() => {
  delete process.env.OPENAI_BASE_URL;
  resetEnvForTests();
});

describe('modelFor', () => {
  it('uses the local model without an endpoint, the endpoint when configured, and an agent’s own model always', () => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    resetEnvForTests();
    expect((modelFor({ model: 'gpt-4o', turn, script: undefined }) as { provider: string }).provider).toBe(LOCAL_PROVIDER);
    const own = localModel({ turn: turnOf, script: () => ({ text: 'mine' }) });
    expect(modelFor({ model: own, turn, script: undefined })).toBe(own);

    process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
    resetEnvForTests();
    const remote = modelFor({ model: 'llama3', turn, script: undefined }) as { provider: string; modelId: string };
    expect(remote).toMatchObject({ modelId: 'llama3' });
    expect(remote.provider).toContain('openai');
    expect(modelFor({ model: own, turn, script: undefined })).toBe(own);
  });
});
