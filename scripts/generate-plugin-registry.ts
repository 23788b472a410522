// npm run plugins:registry — regenerates the plugin registry (see lib/plugins/generate.ts).
// `--check` fails when a generated file is stale, instead of writing it.
import { generatePluginRegistry, PluginRegistryError } from '@/lib/plugins/generate';

const check = process.argv.includes('--check');
try {
  const { plugins, stale } = generatePluginRegistry({ root: process.cwd(), check });
  if (check && stale.length) {
    console.error(`Stale: ${stale.join(', ')}. Run \`npm run plugins:registry\` and commit the result.`);
    process.exit(1);
  }
  process.stdout.write(check ? `Plugin registry up to date (${plugins.length} plugins).\n` : `Plugin registry: ${plugins.join(', ') || 'no plugins'}.\n`);
} catch (error) {
  if (!(error instanceof PluginRegistryError)) throw error;
  console.error(error.message);
  process.exit(1);
}
