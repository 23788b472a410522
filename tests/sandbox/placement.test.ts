/** Which plugins run sandboxed: those whose manifest asks, and every one with MOZAIKS_SANDBOX_ALL. */
import { cpSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePluginRegistry } from '@/lib/plugins/generate';
import { createPluginTester } from '@/lib/plugins/testing';
import { makeTempDir } from '../support/config-dir';
import * as probe from './fixtures/probe/logic';
import manifest from './fixtures/probe/plugin.json';

const source = path.join(import.meta.dirname, 'fixtures', 'probe', 'logic.ts');

describe('sandbox placement', () => {
  it('runs a trusted plugin in the server process', async () => {
    const tester = await createPluginTester({ manifest, module: probe, source });
    try {
      const { body } = await tester.call('where');
      expect(body.pid).toBe(process.pid);
      expect(body.env_keys).toBeGreaterThan(0);
    } finally {
      await tester.close();
    }
  });

  it('runs the same plugin, unchanged, in a sandbox with MOZAIKS_SANDBOX_ALL', async () => {
    const tester = await createPluginTester({ manifest, module: probe, source, env: { MOZAIKS_SANDBOX_ALL: 'true' } });
    try {
      const { status, body } = await tester.call('where');
      expect(status).toBe(200);
      expect(body.pid).not.toBe(process.pid);
      expect(body.env_keys).toBe(0);
    } finally {
      await tester.close();
    }
  });

  it('picks up an edit to a sandboxed plugin in development, with fresh processes', async () => {
    const folder = makeTempDir('mozaiks-probe-');
    cpSync(path.dirname(source), folder, { recursive: true });
    const copy = path.join(folder, 'logic.ts');
    const tester = await createPluginTester({ manifest: { ...manifest, sandbox: true }, source: copy });
    try {
      expect((await tester.call('where')).body).not.toHaveProperty('edited');
      writeFileSync(copy, readFileSync(copy, 'utf8').replace('({ pid: process.pid,', '({ edited: true, pid: process.pid,'));
      // Later than the bundle, whatever the file system's clock granularity.
      const later = new Date(Date.now() + 2_000);
      utimesSync(copy, later, later);
      const { status, body } = await tester.call('where');
      expect(status).toBe(200);
      expect(body.edited).toBe(true);
    } finally {
      await tester.close();
    }
  });

  it("never imports a sandboxed plugin's logic or page into the server's bundle", () => {
    const root = makeTempDir('mozaiks-registry-');
    mkdirSync(path.join(root, 'config'));
    for (const [name, sandbox] of [['trusted_one', false], ['boxed_one', true]] as const) {
      mkdirSync(path.join(root, 'plugins', name), { recursive: true });
      writeFileSync(path.join(root, 'plugins', name, 'plugin.json'), JSON.stringify({ name, version: '1.0.0', display_name: name, sandbox }));
      writeFileSync(path.join(root, 'plugins', name, 'logic.ts'), 'export function execute() { return {}; }\n');
      mkdirSync(path.join(root, 'plugins', name, 'ui'));
      writeFileSync(path.join(root, 'plugins', name, 'ui', 'page.tsx'), "'use client';\nexport default function Page() { return null; }\n");
    }
    generatePluginRegistry({ root });
    const modules = readFileSync(path.join(root, 'plugins', 'modules.generated.ts'), 'utf8');
    expect(modules).toContain("import * as trusted_oneLogic from './trusted_one/logic';");
    expect(modules).not.toContain('./boxed_one/logic');
    // Its manifest is in the catalog like any other plugin's.
    const manifests = readFileSync(path.join(root, 'plugins', 'manifests.generated.ts'), 'utf8');
    expect(manifests).toContain("import boxed_oneManifest from './boxed_one/plugin.json';");
    // Its page is not even pre-rendered in the server: it loads in the browser only.
    const pages = readFileSync(path.join(root, 'plugins', 'pages.generated.ts'), 'utf8');
    expect(pages).toContain("trusted_one: 'in-process',");
    expect(pages).toContain("boxed_one: 'sandboxed',");
    const clientPages = readFileSync(path.join(root, 'plugins', 'pages.client.generated.tsx'), 'utf8');
    expect(clientPages).toContain("trusted_one: dynamic(() => import('./trusted_one/ui/page')),");
    expect(clientPages).toContain("boxed_one: dynamic(() => import('./boxed_one/ui/page'), { ssr: false }),");
  });
});
