/**
 * Platform plugins are named like `moz.platform.hosting`: the manifest accepts dotted names, the
 * registry generator turns them into valid identifiers (and refuses two plugins whose identifiers
 * meet), and their settings stay one flat key instead of a nested document.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { database } from '@/lib/db';
import { generatePluginRegistry, PluginRegistryError } from '@/lib/plugins/generate';
import { pluginKey, pluginName } from '@/lib/plugins/manifest';
import { isPluginEventName } from '@/lib/events/catalog';
import { action, definePlugin } from '@/lib/plugins/sdk';
import { createPluginTester } from '@/lib/plugins/testing';
import { makeTempDir } from '../support/config-dir';

function projectWith(names: string[]): string {
  const root = makeTempDir('mozaiks-dotted-');
  mkdirSync(path.join(root, 'config'));
  for (const name of names) {
    const dir = path.join(root, 'plugins', name);
    mkdirSync(path.join(dir, 'ui'), { recursive: true });
    writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify({ name, version: '1.0.0', display_name: name }));
    writeFileSync(path.join(dir, 'logic.ts'), 'export function execute() { return {}; }\n');
    writeFileSync(path.join(dir, 'ui', 'page.tsx'), 'export default function Page() { return null; }\n');
  }
  return root;
}

describe('dotted plugin names', () => {
  it('accepts namespaced names and refuses malformed ones', () => {
    for (const name of ['moz.platform.hosting', 'notes', 'a1.b_2']) expect(pluginName.safeParse(name).success).toBe(true);
    for (const name of ['moz..hosting', '.moz', 'moz.', 'Moz.platform', 'moz.1st', 'x', `a.${'b'.repeat(47)}`]) expect(pluginName.safeParse(name).success).toBe(false);
    expect(pluginKey('moz.platform.hosting')).toBe('moz_platform_hosting');
    expect(isPluginEventName('moz.platform.hosting:app_listed')).toBe(true);
    expect(isPluginEventName('moz..hosting:app_listed')).toBe(false);
  });

  it('generates imports with identifiers and page keys with the real name', () => {
    const root = projectWith(['moz.platform.hosting', 'notes']);
    generatePluginRegistry({ root });
    const modules = readFileSync(path.join(root, 'plugins/modules.generated.ts'), 'utf8');
    expect(modules).toContain("import * as moz_platform_hostingLogic from './moz.platform.hosting/logic';");
    expect(modules).toContain("'moz.platform.hosting': moz_platform_hostingLogic,");
    const pages = readFileSync(path.join(root, 'plugins/pages.client.generated.tsx'), 'utf8');
    expect(pages).toContain("'moz.platform.hosting': dynamic(() => import('./moz.platform.hosting/ui/page')),");
    expect(pages).toContain("notes: dynamic(() => import('./notes/ui/page')),");
  });

  it('refuses two plugins whose identifiers would be the same', () => {
    const root = projectWith(['moz.platform', 'moz_platform']);
    expect(() => generatePluginRegistry({ root })).toThrow(PluginRegistryError);
    expect(() => generatePluginRegistry({ root })).toThrow(/key "moz_platform" is also/);
  });

  it('stores a dotted plugin\'s settings under one flat key, and its data in its own collections', async () => {
    const manifest = { name: 'moz.test.widget', version: '1.0.0', display_name: 'Widget', settings: [{ id: 'color', label: 'Colour', type: 'text', default: 'red' }] };
    const widgetModule = {
      default: definePlugin({
        actions: {
          read: action({ input: z.object({}), handler: async (_input, ctx) => ({ settings: await ctx.settings.get() }) }),
          add: action({ input: z.object({}), handler: async (_input, ctx) => ctx.db.personal('items').insertOne({ at: new Date() }) }),
        },
      }),
    };
    const widget = await createPluginTester({ manifest, module: widgetModule });
    try {
      expect((await widget.call('read')).body.settings).toEqual({ color: 'red' });
      await widget.saveSettings({ color: 'blue' });
      expect((await widget.call('read')).body.settings).toEqual({ color: 'blue' });
      const stored = await database({ appId: 'test_app' }).forUser('test_user').collection('settings').findOne({});
      expect(stored?.plugin_settings).toEqual({ moz_test_widget: { color: 'blue' } });
      expect((await widget.call('add')).status).toBe(200);
      expect(await widget.db.collection('items').countDocuments({})).toBe(1);
    } finally {
      await widget.close();
    }
  });
});
