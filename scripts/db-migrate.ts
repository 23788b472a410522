// npm run db:migrate -- --to <mongodb-uri> | --from <mongodb-uri> — copies the app's data between the embedded store
// and MongoDB (docs/data.md, "Moving to MongoDB"); --help says more.
import nextEnv from '@next/env';
import { describeRefusal, describeResult, describeStart, MIGRATE_USAGE, parseMigrateCommand, progressPrinter, runMigration } from '@/lib/db/migrate';
import '@/lib/runtime/collections';

const say = (text: string) => process.stdout.write(`${text}\n`);

// The summary names the TTL rules the target cannot build; the runtime's log line for each would say it again.
process.env.LOG_LEVEL ??= 'warn';

async function main(): Promise<number> {
  nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => {}, error: console.error });
  const command = parseMigrateCommand(process.argv.slice(2));
  if (command.kind === 'help') {
    say(MIGRATE_USAGE);
    return 0;
  }
  if (command.kind !== 'run') {
    console.error(command.kind === 'usage' ? `${command.problem}\n\n${MIGRATE_USAGE}` : `db:migrate: ${command.problem}`);
    return 2;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => {
    say('\nStopping after the batch being written…');
    stop.abort();
  });
  try {
    const result = await runMigration(command.plan, {
      signal: stop.signal,
      onStart: (start) => say(`Copying app "${command.plan.appId}"\n${describeStart(start)}`),
      onProgress: progressPrinter((text) => process.stdout.write(text), process.stdout.isTTY === true),
    });
    say(describeResult(result));
    return result.isInterrupted ? 130 : 0;
  } catch (error) {
    const refusal = describeRefusal(error);
    if (refusal === undefined) throw error;
    console.error(`db:migrate: ${refusal}`);
    return 1;
  }
}

main().then((code) => process.exit(code));
