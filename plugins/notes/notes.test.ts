import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import * as logic from './logic';
import manifest from './plugin.json';

let notes: PluginTester;
beforeEach(async () => {
  notes = await createPluginTester({ manifest, module: logic });
});
afterEach(async () => notes.close());

describe('notes', () => {
  it('creates, lists, updates and deletes a note', async () => {
    const created = await notes.call('create', { title: 'Groceries', body: 'milk, eggs', tags: ['home'] });
    expect(created.status).toBe(200);
    const id = created.body.item.id;
    expect((await notes.call('list')).body.items.map((note: { title: string }) => note.title)).toEqual(['Groceries']);
    const updated = await notes.call('update', { id, body: 'milk, eggs, bread' });
    expect(updated.body.item).toMatchObject({ id, title: 'Groceries', body: 'milk, eggs, bread' });
    expect((await notes.call('delete', { id })).body).toEqual({ deleted: true });
    expect((await notes.call('list')).body.count).toBe(0);
  });

  it('searches titles, bodies and tags, treating the query as text', async () => {
    await notes.call('create', { title: 'Trip to Lisbon', body: 'book flights' });
    await notes.call('create', { title: 'Recipes', body: 'pastel de nata (Lisbon style)', tags: ['food'] });
    await notes.call('create', { title: 'Budget', body: 'rent' });
    const titles = async (query: string) => (await notes.call('search', { query })).body.items.map((note: { title: string }) => note.title).sort();
    expect(await titles('lisbon')).toEqual(['Recipes', 'Trip to Lisbon']);
    expect(await titles('food')).toEqual(['Recipes']);
    expect(await titles('(Lisbon')).toEqual(['Recipes']);
  });

  it('filters by tag and keeps each user to their own notes', async () => {
    await notes.call('create', { title: 'Mine', tags: ['work'] });
    await notes.call('create', { title: 'Also mine' });
    const other = notes.as({ user_id: 'other_user' });
    await other.call('create', { title: 'Theirs', tags: ['work'] });
    expect((await notes.call('list', { tag: 'work' })).body.items.map((note: { title: string }) => note.title)).toEqual(['Mine']);
    expect((await other.call('list')).body.count).toBe(1);
    const mine = (await notes.call('list')).body.items[0].id;
    expect(await other.call('delete', { id: mine })).toMatchObject({ status: 404, body: { error_code: 'NOT_FOUND' } });
  });

  it('explains bad input', async () => {
    expect(await notes.call('create', {})).toMatchObject({ status: 422, body: { detail: 'Invalid request: $.title title is required' } });
    expect((await notes.call('update', { id: 'missing', title: 'x' })).status).toBe(404);
  });
});
