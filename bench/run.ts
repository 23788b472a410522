// npm run bench — runs every benchmark and prints markdown tables; `npm run bench -- --write` also
// replaces the results section of docs/performance.md. `npm run bench -- ai db` runs only those;
// with --write it replaces only their tables (matched by title, each dated), keeping the others.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchAi } from './ai';
import { benchBulk } from './bulk';
import { benchConfig } from './config';
import { benchDb } from './db';
import { benchDevStart } from './dev-start';
import { benchEndpoints } from './endpoints';
import { benchExecute } from './execute';
import { benchPages } from './pages';
import { benchRealtime } from './realtime';
import { formatTable, type BenchTable } from './harness';
import { benchRoute } from './route';
import { benchSandbox } from './sandbox';
import { benchServer } from './server';
import { benchSignups } from './signups';
import { benchSoak } from './soak';
import { benchSse } from './sse';

const BENCHES: [string, () => Promise<BenchTable | BenchTable[]>][] = [
  ['route', benchRoute],
  ['config', benchConfig],
  ['server', benchServer],
  ['db', benchDb],
  ['endpoints', benchEndpoints],
  ['execute', benchExecute],
  ['sandbox', benchSandbox],
  ['realtime', benchRealtime],
  ['sse', benchSse],
  ['ai', benchAi],
  ['signups', benchSignups],
  ['soak', benchSoak],
  ['bulk', benchBulk],
  ['pages', benchPages],
  ['dev-start', benchDevStart],
];

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = only.filter((name) => !BENCHES.some(([known]) => known === name));
if (unknown.length) throw new Error(`No benchmark named ${unknown.join(', ')}; known: ${BENCHES.map(([name]) => name).join(', ')}`);

const measured = `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`;
const tables: BenchTable[] = [];
for (const [name, bench] of BENCHES) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`running ${name}…\n`);
  for (const table of [await bench()].flat()) {
    process.stdout.write(`${formatTable(table)}\n\n`);
    tables.push(table);
  }
}

/** The results section with `tables` replacing those of the same title; other tables stay as they were. */
function replaceTables(section: string): string {
  const [header = '', ...blocks] = section.split(/^(?=### )/m).map((block) => block.trim());
  const titleOf = (block: string) => block.slice(4, block.indexOf('\n') === -1 ? undefined : block.indexOf('\n')).trim();
  // A table measured on its own day says so: the section's date is the full run's.
  const fresh = new Map(tables.map((table) => [table.title, formatTable({ ...table, note: `${measured} ${table.note}` })]));
  const kept = blocks.map((block) => fresh.get(titleOf(block)) ?? block);
  const added = [...fresh].filter(([title]) => !blocks.some((block) => titleOf(block) === title)).map(([, text]) => text);
  return [header, ...kept, ...added].join('\n\n');
}

if (process.argv.includes('--write')) {
  const file = 'docs/performance.md';
  const markers = /(<!-- bench:start -->\n)([\s\S]*?)(\n<!-- bench:end -->)/;
  const current = readFileSync(file, 'utf8');
  const existing = markers.exec(current)?.[2];
  if (existing === undefined) throw new Error(`${file} has no <!-- bench:start --> … <!-- bench:end --> section`);
  const body = only.length ? replaceTables(existing) : [measured, ...tables.map((table) => formatTable(table))].join('\n\n');
  writeFileSync(file, current.replace(markers, (_, start: string, _old: string, end: string) => `${start}${body}\n${end}`));
  process.stderr.write(`updated ${file}${only.length ? ` (tables of ${only.join(', ')} only)` : ''}\n`);
}
