import { describe, expect, it } from 'vitest';
import { preloadKey } from './preload-key';

describe('preloadKey', () => {
  it('names the same call whatever the order of its input keys', () => {
    expect(preloadKey('list', { due: 'any', status: 'open' })).toBe(preloadKey('list', { status: 'open', due: 'any' }));
    expect(preloadKey('list', { filter: { b: 1, a: 2 } })).toBe(preloadKey('list', { filter: { a: 2, b: 1 } }));
  });

  it('treats a missing input and undefined fields as an empty object, as JSON sends them', () => {
    expect(preloadKey('list', undefined)).toBe(preloadKey('list', {}));
    expect(preloadKey('list', { status: undefined })).toBe(preloadKey('list', {}));
  });

  it('tells apart other actions and other inputs', () => {
    expect(preloadKey('list', {})).not.toBe(preloadKey('search', {}));
    expect(preloadKey('search', { query: 'a' })).not.toBe(preloadKey('search', { query: 'b' }));
    expect(preloadKey('search', { ids: [1, 2] })).not.toBe(preloadKey('search', { ids: [2, 1] }));
  });
});
