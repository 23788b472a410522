import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pluginManifestSchema } from '@/lib/plugins/manifest';
import { scaffoldPlugin } from '@/lib/plugins/scaffold';
import { makeTempDir } from '../support/config-dir';
import { PROJECT_ROOT } from '../support/paths';

function emptyProject(): string {
  const root = makeTempDir('mozaiks-scaffold-');
  mkdirSync(path.join(root, 'plugins'));
  mkdirSync(path.join(root, 'config'));
  return root;
}

/** The example manifest of docs/plugins.md: the JSON block under "The manifest: `plugin.json`". */
function documentedManifest(): Record<string, unknown> {
  const docs = readFileSync(path.join(PROJECT_ROOT, 'docs/plugins.md'), 'utf8');
  const block = /## The manifest: `plugin\.json`[\s\S]*?```json\n([\s\S]*?)```/.exec(docs);
  if (!block) throw new Error('docs/plugins.md has no example manifest under "The manifest: `plugin.json`"');
  return JSON.parse(block[1]!) as Record<string, unknown>;
}

/** A value's shape: objects by their keys in order, down to the kind of each leaf (arrays by kind alone). */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]);
  return typeof value;
}

/** Keys the manifest schema does not know: it accepts them silently (a loose object), so a typo would pass parsing. */
function unknownKeys(manifest: Record<string, unknown>): string[] {
  return Object.keys(manifest).filter((key) => !(key in pluginManifestSchema.shape));
}

describe('npm run plugin:new', () => {
  it('writes a manifest, logic, page and test, and registers the plugin', () => {
    const root = emptyProject();
    expect(scaffoldPlugin({ root, name: 'task_board' })).toEqual([
      'plugins/task_board/plugin.json',
      'plugins/task_board/logic.ts',
      'plugins/task_board/task_board.test.ts',
      'plugins/task_board/ui/page.tsx',
    ]);
    expect(JSON.parse(readFileSync(path.join(root, 'plugins/task_board/plugin.json'), 'utf8'))).toMatchObject({
      name: 'task_board',
      display_name: 'Task Board',
      navigation: { label: 'Task Board' },
    });
    expect(readFileSync(path.join(root, 'plugins/modules.generated.ts'), 'utf8')).toContain("import * as task_boardLogic from './task_board/logic';");
    expect(readFileSync(path.join(root, 'plugins/pages.client.generated.tsx'), 'utf8')).toContain("task_board: dynamic(() => import('./task_board/ui/page')),");
    expect(JSON.parse(readFileSync(path.join(root, 'config/plugin_registry.json'), 'utf8')).plugins[0]).toMatchObject({ name: 'task_board', enabled: true });
  });

  it('writes the manifest docs/plugins.md shows: the same fields in the same order, and both valid', () => {
    const root = emptyProject();
    scaffoldPlugin({ root, name: 'task_board' });
    const scaffolded = JSON.parse(readFileSync(path.join(root, 'plugins/task_board/plugin.json'), 'utf8')) as Record<string, unknown>;
    const documented = documentedManifest();
    expect(shapeOf(scaffolded)).toEqual(shapeOf(documented));
    for (const manifest of [scaffolded, documented]) {
      expect(pluginManifestSchema.safeParse(manifest).error?.issues).toBeUndefined();
      expect(unknownKeys(manifest)).toEqual([]);
    }
  });

  it('refuses bad names and existing plugins', () => {
    const root = emptyProject();
    expect(() => scaffoldPlugin({ root, name: 'Task-Board' })).toThrow(/not a valid plugin name/);
    scaffoldPlugin({ root, name: 'board' });
    expect(() => scaffoldPlugin({ root, name: 'board' })).toThrow(/already exists/);
  });
});
