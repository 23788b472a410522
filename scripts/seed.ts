// npm run seed [-- --force] — fills the app (MOZAIKS_APP_ID) with sample data: an administrator and a user,
// tasks, notes, notifications and an assistant chat. Running it again creates nothing. Refuses a
// production app unless --force. Prints the new accounts' passwords once: they are not stored in clear.
import { parseArgs } from 'node:util';
import nextEnv from '@next/env';
import { ZodError } from 'zod';
import { closeDatabase, prepareDatabase } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { isApiError } from '@/lib/errors';
import { StartupProblem } from '@/lib/runtime/startup-problem';
import { seedSampleData, seedSettled, type SeedResult } from '@/lib/seed';
import '@/lib/runtime/collections';

const USAGE = 'Usage: npm run seed [-- --force]   (--force: seed even a production app)';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The MongoDB URI without its user and password. */
function withoutCredentials(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//');
}

/** Where the data goes, for the first line. */
function target(): string {
  const env = getEnv();
  return env.databaseUri ? `MongoDB at ${withoutCredentials(env.databaseUri)}` : `the embedded store in ${env.dataDir}`;
}

function printCredentials(result: SeedResult): void {
  const fresh = result.accounts.filter((account) => account.password);
  const kept = result.accounts.filter((account) => !account.password);
  if (fresh.length) {
    say('\nSign in with (passwords are shown this once; change them in Settings):');
    for (const account of fresh) say(`  ${account.role.padEnd(10)}  username: ${account.username.padEnd(8)}  password: ${account.password}`);
  }
  if (kept.length) {
    const names = kept.map((account) => account.username).join(' and ');
    say(`\n${names} already existed and were left as they are: a password is printed only by the run that creates its account.`);
  }
}

async function main(): Promise<number> {
  nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => {}, error: console.error });
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    say(USAGE);
    return 0;
  }
  if ((process.env.NODE_ENV === 'production' || getEnv().isProduction) && !values.force) {
    console.error('Refusing to seed a production app: sample accounts with printed passwords do not belong there.\nRun with --force if this really is what you want.');
    return 2;
  }
  try {
    say(`Seeding app ${getEnv().appId} in ${target()}…`);
    await prepareDatabase();
    const result = await seedSampleData({ say });
    await seedSettled();
    say(result.created === 0 ? `\nAlready seeded: nothing new (${result.existing} records found).` : `\nDone: ${result.created} records created, ${result.existing} already there.`);
    printCredentials(result);
    return 0;
  } catch (error) {
    if (error instanceof StartupProblem) console.error(`Cannot seed: ${error.message}`);
    else if (isApiError(error) && error.errorCode === 'DB_UNAVAILABLE') console.error(`Cannot reach ${target()}: is it running, and is DATABASE_URI right? (${error.detail})`);
    else if (isApiError(error)) console.error(`Cannot seed: ${error.detail}`);
    else if (error instanceof ZodError) console.error(`Cannot seed: ${error.issues.map((issue) => issue.message).join('; ')}`);
    else throw error;
    return 1;
  } finally {
    await closeDatabase();
  }
}

main().then((code) => process.exit(code));
