// npm run admin:create -- --username <name> [--email <address>] [--name "<full name>"]
// Creates the app's first administrator (or makes an existing account superadmin). The password comes
// from MOZAIKS_ADMIN_PASSWORD, else a strong one is generated and printed once.
import { parseArgs } from 'node:util';
import nextEnv from '@next/env';
import { ZodError } from 'zod';
import { createAdministrator } from '@/lib/admin/bootstrap';
import { closeDatabase, prepareDatabase } from '@/lib/db';
import { isApiError } from '@/lib/errors';
import { StartupProblem } from '@/lib/runtime/startup-problem';
import '@/lib/runtime/collections';

const USAGE = 'Usage: npm run admin:create -- --username <name> [--email <address>] [--name "<full name>"]';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => {}, error: console.error });
  const { values } = parseArgs({ options: { username: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.username) {
    console.error(USAGE);
    return 2;
  }
  try {
    await prepareDatabase();
    const result = await createAdministrator({
      username: values.username,
      email: values.email,
      fullName: values.name,
      password: process.env.MOZAIKS_ADMIN_PASSWORD || undefined,
    });
    if (result.outcome === 'already_superadmin') say(`${result.username} is already a superadmin.`);
    if (result.outcome === 'promoted') say(`${result.username} is now a superadmin.`);
    if (result.outcome === 'created') {
      say(`Created the superadmin ${result.username}.`);
      if (result.generatedPassword) say(`Password (shown once; change it after signing in): ${result.generatedPassword}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ZodError) console.error(`Cannot create the administrator: ${error.issues.map((issue) => issue.message).join('; ')}\n${USAGE}`);
    else if (isApiError(error)) console.error(`Cannot create the administrator: ${error.detail}`);
    else if (error instanceof StartupProblem) console.error(`Cannot open the database: ${error.message}`);
    else throw error;
    return 1;
  } finally {
    await closeDatabase();
  }
}

main().then((code) => process.exit(code));
