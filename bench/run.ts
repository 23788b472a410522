// npm run bench — runs every benchmark and prints markdown tables; `npm run bench -- --write` also
// replaces the results section of docs/performance.md.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchConfig } from './config';
import { benchDb } from './db';
import { benchExecute } from './execute';
import { benchRealtime } from './realtime';
import { formatTable, type BenchTable } from './harness';
import { benchRoute } from './route';
import { benchSandbox } from './sandbox';
import { benchServer } from './server';

const BENCHES: [string, () => Promise<BenchTable>][] = [
  ['route', benchRoute],
  ['config', benchConfig],
  ['server', benchServer],
  ['db', benchDb],
  ['execute', benchExecute],
  ['sandbox', benchSandbox],
  ['realtime', benchRealtime],
];

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const tables: string[] = [];
for (const [name, bench] of BENCHES) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`running ${name}…\n`);
  const table = formatTable(await bench());
  process.stdout.write(`${table}\n\n`);
  tables.push(table);
}

if (process.argv.includes('--write')) {
  const file = 'docs/performance.md';
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const section = [`<!-- bench:start -->`, `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`, '', ...tables.flatMap((t) => [t, '']), `<!-- bench:end -->`].join('\n');
  const current = readFileSync(file, 'utf8');
  writeFileSync(file, current.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, section));
  process.stderr.write(`updated ${file}\n`);
}
