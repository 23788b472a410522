// npm run routes — writes the Next route file of every endpoint in lib/api/table.ts (app/<path>/route.ts),
// and removes generated files whose endpoints are gone. `--check` fails when one is stale, missing or extra.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ENDPOINT_MODULES, NEXT_ONLY_ROUTES, openApi } from '@/lib/api/table';
import { isEndpoint, type AnyEndpoint } from '@/lib/api/endpoint';
import { GENERATED_MARKER, routeFileOf, routeFilesUnder } from '@/lib/api/route-files';

const root = process.cwd();
const check = process.argv.includes('--check');

interface Declared {
  endpoint: AnyEndpoint;
  exportName: string;
  module: string;
}

const declared: Declared[] = [
  ...Object.entries(ENDPOINT_MODULES).flatMap(([module, exports]) =>
    Object.entries(exports)
      .filter(([, value]) => isEndpoint(value))
      .map(([exportName, value]) => ({ endpoint: value as AnyEndpoint, exportName, module: `@/lib/api/endpoints/${module}` })),
  ),
  { endpoint: openApi, exportName: 'openApi', module: '@/lib/api/table' },
];

const byFile = new Map<string, Declared[]>();
for (const entry of declared) {
  const file = routeFileOf(entry.endpoint.path);
  byFile.set(file, [...(byFile.get(file) ?? []), entry]);
}

function contentOf(entries: Declared[]): string {
  const order = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const sorted = [...entries].sort((a, b) => order.indexOf(a.endpoint.method) - order.indexOf(b.endpoint.method));
  const modules = [...new Set(sorted.map((entry) => entry.module))].sort();
  const imports = modules.map((module) => `import { ${sorted.filter((entry) => entry.module === module).map((entry) => entry.exportName).sort().join(', ')} } from '${module}';`);
  return [
    ...sorted.map(({ endpoint }) => `// ${endpoint.method} ${endpoint.path} — ${endpoint.summary}`),
    `${GENERATED_MARKER} from ${modules.map((module) => module.replace('@/', '')).join(', ')}; change the endpoint there.`,
    "import { nextRoute } from '@/lib/api/next-route';",
    ...imports,
    '',
    `export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = nextRoute([${sorted.map((entry) => entry.exportName).join(', ')}]);`,
    '',
  ].join('\n');
}

const problems: string[] = [];
for (const [file, entries] of byFile) {
  if (NEXT_ONLY_ROUTES[file]) problems.push(`${file} is both an endpoint's and Next's own (NEXT_ONLY_ROUTES)`);
  const content = contentOf(entries);
  const target = path.join(root, file);
  const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
  if (current === content) continue;
  if (check) {
    problems.push(current === undefined ? `${file} is missing` : `${file} is stale`);
  } else {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
for (const file of routeFilesUnder(root)) {
  if (byFile.has(file) || NEXT_ONLY_ROUTES[file]) continue;
  const generated = readFileSync(path.join(root, file), 'utf8').includes(GENERATED_MARKER);
  if (!check && generated) rmSync(path.join(root, file));
  else problems.push(generated ? `${file} belongs to no endpoint any more` : `${file} is not an endpoint: declare it in lib/api/endpoints/ (or list it in NEXT_ONLY_ROUTES)`);
}

if (problems.length) {
  console.error(`Route files out of step with lib/api/table.ts:\n  ${problems.join('\n  ')}\nRun \`npm run routes\` and commit the result.`);
  process.exit(1);
}
process.stdout.write(`Route files up to date (${declared.length} endpoints in ${byFile.size} files).\n`);
