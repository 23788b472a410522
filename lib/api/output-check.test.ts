import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resetEnvForTests } from '@/lib/env';
import { checkedOutput } from './output-check';

afterEach(() => {
  delete process.env.MOZAIKS_CHECK_OUTPUTS;
  resetEnvForTests();
});

const schema = z.object({ items: z.array(z.object({ id: z.string() })), total: z.number() });

describe('output checks (MOZAIKS_CHECK_OUTPUTS)', () => {
  it('pass an answer its schema describes, and let everything through when off', async () => {
    expect(checkedOutput(schema)({ items: [{ id: 'a' }], total: 1 })).toEqual({ items: [{ id: 'a' }], total: 1 });
    expect(checkedOutput(schema)({ nope: true })).toEqual({ nope: true });
    process.env.MOZAIKS_CHECK_OUTPUTS = 'true';
    resetEnvForTests();
    await expect(checkedOutput(schema)(Promise.resolve({ items: [], total: 0 }))).resolves.toEqual({ items: [], total: 0 });
  });

  it('refuse a wrong type, and a field the schema does not declare, however deep', () => {
    process.env.MOZAIKS_CHECK_OUTPUTS = 'true';
    resetEnvForTests();
    expect(() => checkedOutput(schema)({ items: [], total: '1' })).toThrow("output schema: total Invalid input: expected number, received string");
    expect(() => checkedOutput(schema)({ items: [{ id: 'a', app_id: 'x' }], total: 1 })).toThrow("output schema: items.0.app_id is not declared");
  });
});
