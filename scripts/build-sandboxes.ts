// Part of `npm run build`: bundles the sandbox host and every plugin's logic into dist/sandbox, so a
// sandboxed plugin (manifest "sandbox": true, or all of them with MOZAIKS_SANDBOX_ALL) runs in
// production without esbuild. See lib/plugins/sandbox/bundle.ts.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { bundleForSandbox, HOST_SOURCE, prebuiltBundle, prebuiltHost } from '@/lib/plugins/sandbox/bundle';

async function main() {
  const root = process.cwd();
  await bundleForSandbox({ root, entry: path.join(root, HOST_SOURCE), outfile: prebuiltHost(root) });
  const plugins = readdirSync(path.join(root, 'plugins'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && !entry.name.startsWith('.') && existsSync(path.join(root, 'plugins', entry.name, 'logic.ts')))
    .map((entry) => entry.name);
  for (const name of plugins) await bundleForSandbox({ root, entry: path.join(root, 'plugins', name, 'logic.ts'), outfile: prebuiltBundle(root, name) });
  process.stdout.write(`Sandbox bundles: host and ${plugins.length} plugins in dist/sandbox.\n`);
}

void main();
