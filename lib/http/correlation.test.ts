import { describe, expect, it } from 'vitest';
import { correlationIdOf } from './correlation';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const withId = (id: string) => new Request('http://localhost/x', { headers: { 'x-correlation-id': id } });

describe('correlationIdOf', () => {
  it('keeps a sane id the caller sent', () => {
    expect(correlationIdOf(withId('corr-1.a:b_c'))).toBe('corr-1.a:b_c');
  });

  it('mints a new id, shaped like a version 4 UUID, for none or an unsafe one', () => {
    for (const request of [null, new Request('http://localhost/x'), withId('a b'), withId('x'.repeat(129)), withId('"quoted"')]) {
      expect(correlationIdOf(request)).toMatch(UUID_V4);
    }
  });

  it('never mints the same id twice', () => {
    const ids = Array.from({ length: 10_000 }, () => correlationIdOf(null));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
