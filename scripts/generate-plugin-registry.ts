// npm run plugins:registry — regenerates the plugin registry (lib/plugins/generate.ts) and the
// workflow registry (lib/ai/workflows/generate.ts). `--check` fails when a generated file is stale.
import { generateWorkflowRegistry, WorkflowRegistryError } from '@/lib/ai/workflows/generate';
import { generatePluginRegistry, PluginRegistryError } from '@/lib/plugins/generate';

const check = process.argv.includes('--check');
try {
  const plugins = generatePluginRegistry({ root: process.cwd(), check });
  const workflows = generateWorkflowRegistry({ root: process.cwd(), check });
  const stale = [...plugins.stale, ...workflows.stale];
  if (check && stale.length) {
    console.error(`Stale: ${stale.join(', ')}. Run \`npm run plugins:registry\` and commit the result.`);
    process.exit(1);
  }
  process.stdout.write(
    check
      ? `Registries up to date (${plugins.plugins.length} plugins, ${workflows.workflows.length} workflows).\n`
      : `Plugin registry: ${plugins.plugins.join(', ') || 'no plugins'}.\nWorkflow registry: ${workflows.workflows.join(', ') || 'no workflows'}.\n`,
  );
} catch (error) {
  if (!(error instanceof PluginRegistryError) && !(error instanceof WorkflowRegistryError)) throw error;
  console.error(error.message);
  process.exit(1);
}
