/**
 * A plugin page's first data comes with its HTML (manifest `page.preload`): the shipped pages' preloads
 * name calls their plugins accept, the server runs them through the Director as the user, and a call
 * that fails is left out for the page to make itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '@/lib/auth/identity';
import { getCatalog, getCatalogPlugin } from '@/lib/plugins/catalog';
import { preloadCalls, preloadPage } from '@/lib/director/preload';
import { preloadKey } from '@/lib/plugins/preload-key';
import { getPlugin } from '@/lib/plugins/registry';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import * as notesLogic from '@/plugins/notes/logic';
import notesManifest from '@/plugins/notes/plugin.json';

describe('the shipped pages’ preloads', () => {
  const preloading = [...getCatalog().values()].filter((plugin) => plugin.manifest.page?.preload.length);

  it('are declared by the pages that fetch their data on opening', () => {
    expect(preloading.map((plugin) => plugin.name).sort()).toEqual(['moz.platform.admin', 'moz.platform.dashboard', 'moz.platform.discovery', 'moz.platform.hosting', 'notes']);
  });

  it('each name an action of the plugin with an input that action accepts', () => {
    for (const plugin of preloading) {
      const actions = getPlugin(plugin.name)?.module?.default?.actions ?? {};
      for (const { action, input } of plugin.manifest.page!.preload) {
        expect(Object.keys(actions), `${plugin.name}: ${action}`).toContain(action);
        expect(actions[action]!.input.safeParse(input).success, `${plugin.name}: ${action}'s input`).toBe(true);
      }
    }
  });
});

describe('preloadPage', () => {
  let notes: PluginTester;
  const user: Identity = { app_id: 'test_app', user_id: 'test_user', username: 'tester', email: null, roles: ['user'], is_superadmin: false, user_jwt: null, auth_method: 'local' };
  beforeEach(async () => {
    notes = await createPluginTester({ manifest: notesManifest, module: notesLogic });
  });
  afterEach(async () => notes.close());

  it('runs the calls as the user and gives their results as the browser would parse them', async () => {
    await notes.call('create', { title: 'Site visit', body: 'north gate' });
    await notes.as({ user_id: 'someone_else' }).call('create', { title: 'Not yours' });
    const preloaded = await preloadPage(user, getCatalogPlugin('notes')!);
    const list = preloaded[preloadKey('list', {})] as { items: { title: string; updated_at: unknown }[] };
    expect(list.items.map((note) => note.title)).toEqual(['Site visit']);
    expect(typeof list.items[0]!.updated_at).toBe('string');
  });

  it('leaves out a call that fails, so the page makes it itself', async () => {
    const notesPlugin = getCatalogPlugin('notes')!;
    const broken = { ...notesPlugin, manifest: { ...notesPlugin.manifest, page: { preload: [{ action: 'list', input: {} }, { action: 'no_such_action', input: {} }] } } };
    expect(Object.keys(await preloadPage(user, broken))).toEqual([preloadKey('list', {})]);
  });

  it('leaves out a call that has not answered within its budget, rather than holding the page back', async () => {
    const never = new Promise<never>(() => undefined);
    const calls = [
      { action: 'summary', input: {} },
      { action: 'list', input: { slow: true } },
    ];
    const preloaded = await preloadCalls(calls, (call) => (call.action === 'list' ? never : Promise.resolve({ ok: true })), { budgetMs: 50, plugin: 'probe' });
    expect(preloaded).toEqual({ [preloadKey('summary', {})]: { ok: true } });
  });
});
