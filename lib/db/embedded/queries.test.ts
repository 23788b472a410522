import { describe, expect, it } from 'vitest';
import { compiledQuery } from './queries';

describe('compiled query cache', () => {
  it('reuses the compiled query of an identical JSON filter', () => {
    const filter = { app_id: 'a', user_id: 'u', status: { $in: ['open', 'done'] } };
    expect(compiledQuery(filter)).toBe(compiledQuery(structuredClone(filter)));
    expect(compiledQuery(filter)).not.toBe(compiledQuery({ ...filter, user_id: 'v' }));
  });

  it('never confuses a value with its JSON text', () => {
    const when = new Date('2026-01-01T00:00:00Z');
    const asDate = compiledQuery({ at: when });
    const asText = compiledQuery({ at: when.toISOString() });
    expect(asDate.test({ at: new Date(when) })).toBe(true);
    expect(asDate.test({ at: when.toISOString() })).toBe(false);
    expect(asText.test({ at: when.toISOString() })).toBe(true);
    expect(asText.test({ at: new Date(when) })).toBe(false);
    expect(compiledQuery({ n: 1 }).test({ n: '1' })).toBe(false);
    expect(compiledQuery({ n: '1' }).test({ n: 1 })).toBe(false);
  });

  it('compiles filters with regular expressions or $expr afresh each time', () => {
    const regex = { title: /^a/i };
    expect(compiledQuery(regex)).not.toBe(compiledQuery(regex));
    expect(compiledQuery(regex).test({ title: 'Apple' })).toBe(true);
    const expr = { $expr: { $gt: ['$a', '$b'] } };
    expect(compiledQuery(expr)).not.toBe(compiledQuery(expr));
    expect(compiledQuery(expr).test({ a: 2, b: 1 })).toBe(true);
  });
});
