import { describe, expect, it } from 'vitest';
import { scopeDocument, scopeFilter, scopeIndexKeys, scopePipeline, scopeReplacement, scopeUpdate } from './scope';

const app = { appId: 'a1' };
const user = { appId: 'a1', userId: 'u1' };

describe('scopeFilter', () => {
  it('adds the scope as top-level equality beside the caller conditions', () => {
    expect(scopeFilter(app)).toEqual({ app_id: 'a1' });
    expect(scopeFilter(user, { status: 'open', $or: [{ a: 1 }, { b: 2 }] })).toEqual({
      status: 'open',
      $or: [{ a: 1 }, { b: 2 }],
      app_id: 'a1',
      user_id: 'u1',
    });
  });

  it('nests a filter that names a scope field, so it can only narrow', () => {
    expect(scopeFilter(app, { app_id: 'other' })).toEqual({ app_id: 'a1', $and: [{ app_id: 'other' }] });
    expect(scopeFilter(user, { user_id: { $ne: 'u1' } })).toEqual({ app_id: 'a1', user_id: 'u1', $and: [{ user_id: { $ne: 'u1' } }] });
  });

  it('refuses non-objects and server-side code anywhere in the filter', () => {
    expect(() => scopeFilter(app, 'x')).toThrow(/must be an object/);
    expect(() => scopeFilter(app, [{}])).toThrow(/must be an object/);
    expect(() => scopeFilter(app, { $and: [{ $where: 'sleep(1000)' }] })).toThrow(/\$where is not allowed/);
  });
});

describe('scopeUpdate', () => {
  it('keeps valid operator updates and gives upserts a string id unless the filter names one', () => {
    expect(scopeUpdate(app, { $set: { a: 1 } }, { upsert: false })).toEqual({ $set: { a: 1 } });
    const upsert = scopeUpdate(app, { $set: { a: 1 }, $setOnInsert: { b: 2 } }, { upsert: true, filter: { k: 1 } });
    expect(upsert.$setOnInsert).toEqual({ b: 2, _id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(scopeUpdate(app, { $set: { a: 1 } }, { upsert: true, filter: { _id: 'x' } })).toEqual({ $set: { a: 1 } });
  });

  it('refuses changes to the scope fields and _id, by any operator', () => {
    for (const update of [
      { $set: { app_id: 'x' } },
      { $set: { 'app_id.x': 1 } },
      { $unset: { user_id: '' } },
      { $rename: { a: 'user_id' } },
      { $rename: { app_id: 'a' } },
      { $inc: { _id: 1 } },
    ]) {
      expect(() => scopeUpdate(user, update, { upsert: false }), JSON.stringify(update)).toThrow(/may not change/);
    }
    expect(() => scopeUpdate(app, { $set: { user_id: 'anyone' } }, { upsert: false })).not.toThrow();
  });

  it('refuses unknown operators, replacements, pipelines and empty updates', () => {
    expect(() => scopeUpdate(app, { $bit: { a: { and: 1 } } }, { upsert: false })).toThrow(/not supported/);
    expect(() => scopeUpdate(app, { a: 1 }, { upsert: false })).toThrow(/use replaceOne/);
    expect(() => scopeUpdate(app, [{ $set: { a: 1 } }], { upsert: false })).toThrow(/Pipeline updates/);
    expect(() => scopeUpdate(app, {}, { upsert: false })).toThrow(/must be an object of update operators/);
  });
});

describe('scopeDocument and scopeReplacement', () => {
  it('stamps the scope over whatever the caller wrote and generates a string id', () => {
    const doc = scopeDocument(user, { app_id: 'evil', user_id: 'evil', a: 1 });
    expect(doc).toEqual({ a: 1, app_id: 'a1', user_id: 'u1', _id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(scopeDocument(app, { _id: 'given' })._id).toBe('given');
    expect(() => scopeDocument(app, { _id: 42 })).toThrow(/_id must be a non-empty string/);
  });

  it('drops a replacement _id (the matched one is kept) and refuses operators', () => {
    expect(scopeReplacement(app, { _id: 'other', a: 1 })).toEqual({ a: 1, app_id: 'a1' });
    expect(() => scopeReplacement(app, { $set: { a: 1 } })).toThrow(/may not contain update operators/);
  });
});

describe('scopePipeline', () => {
  it('confines the first stage to the scope', () => {
    expect(scopePipeline(user, [{ $group: { _id: '$k' } }])).toEqual([{ $match: { app_id: 'a1', user_id: 'u1' } }, { $group: { _id: '$k' } }]);
  });

  it('refuses malformed stages and stages outside the allow-list, also inside $facet', () => {
    expect(() => scopePipeline(app, [{ $match: {}, $limit: 1 }])).toThrow(/exactly one stage operator/);
    expect(() => scopePipeline(app, [{ $documents: [{}] }])).toThrow(/\$documents is not allowed/);
    expect(() => scopePipeline(app, [{ $facet: { x: [{ $unionWith: 'users' }] } }])).toThrow(/\$unionWith is not allowed/);
    expect(() => scopePipeline(app, {} as never)).toThrow(/must be an array/);
  });
});

describe('scopeIndexKeys', () => {
  it('puts the app first, and keeps TTL indexes single-field', () => {
    expect(scopeIndexKeys({ email: 1 }, { ttl: false })).toEqual({ app_id: 1, email: 1 });
    expect(Object.keys(scopeIndexKeys({ user_id: 1, app_id: -1, at: -1 }, { ttl: false }))).toEqual(['app_id', 'user_id', 'at']);
    expect(scopeIndexKeys({ created_at: 1 }, { ttl: true })).toEqual({ created_at: 1 });
    expect(() => scopeIndexKeys({ a: 1, b: 1 }, { ttl: true })).toThrow(/exactly one/);
  });
});
