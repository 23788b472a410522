// npm run plugin:new <name> — creates plugins/<name>/ with a manifest, two actions, a page and a test.
import { scaffoldPlugin } from '@/lib/plugins/scaffold';

const name = process.argv[2];
if (!name) {
  console.error('Usage: npm run plugin:new <name>   (lower-case letters, digits and "_", e.g. task_board)');
  process.exit(1);
}
try {
  const files = scaffoldPlugin({ root: process.cwd(), name });
  process.stdout.write(
    `Created plugin "${name}":\n${files.map((file) => `  ${file}`).join('\n')}\n\n` +
      `Open /plugins/${name} in the running app, and run its test with: npx vitest run plugins/${name}\n`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
