import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaffoldPlugin } from '@/lib/plugins/scaffold';
import { makeTempDir } from '../support/config-dir';

function emptyProject(): string {
  const root = makeTempDir('mozaiks-scaffold-');
  mkdirSync(path.join(root, 'plugins'));
  mkdirSync(path.join(root, 'config'));
  return root;
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
    expect(readFileSync(path.join(root, 'plugins/pages.generated.ts'), 'utf8')).toContain("task_board: task_boardPage,");
    expect(JSON.parse(readFileSync(path.join(root, 'config/plugin_registry.json'), 'utf8')).plugins[0]).toMatchObject({ name: 'task_board', enabled: true });
  });

  it('refuses bad names and existing plugins', () => {
    const root = emptyProject();
    expect(() => scaffoldPlugin({ root, name: 'Task-Board' })).toThrow(/not a valid plugin name/);
    scaffoldPlugin({ root, name: 'board' });
    expect(() => scaffoldPlugin({ root, name: 'board' })).toThrow(/already exists/);
  });
});
