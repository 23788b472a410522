/**
 * The command line of `npm run db:migrate`, read into a plan. The app, the data folder and the
 * timeout default to the variables the runtime reads, validated by the same schemas (lib/env).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_APP_ID, envSchema } from '@/lib/env';

/** Documents read and written per round trip when --batch-size is not given. */
export const DEFAULT_BATCH_SIZE = 1_000;

export const MIGRATE_USAGE = `Usage:
  npm run db:migrate -- --to <mongodb-uri>     copy the app's data from the embedded store into MongoDB
  npm run db:migrate -- --from <mongodb-uri>   copy the app's data from MongoDB into the embedded store

Options:
  --app <id>           the app whose documents are copied (default: MOZAIKS_APP_ID, else ${DEFAULT_APP_ID})
  --data-dir <dir>     the folder holding the embedded store in db/ (default: MOZAIKS_DATA_DIR, else .data)
  --batch-size <n>     documents per read and write, 1 to 10000 (default: ${DEFAULT_BATCH_SIZE})
  -h, --help           this text

Stop the app first: the embedded store is locked while it runs. Only the app's own documents are copied,
with their _id and every field; the source is never changed. Running the command again gives the same
target (documents are written by _id), and an interrupted run (Ctrl-C, a lost connection) continues where
it stopped when run again with the same flags. The declared indexes are created on the target.`;

/** Which way the data goes. */
export type Direction = 'to-mongodb' | 'from-mongodb';

/** One migration, fully resolved. */
export interface MigrationPlan {
  direction: Direction;
  /** The MongoDB side. */
  uri: string;
  appId: string;
  /** MOZAIKS_DATA_DIR, absolute: the embedded store is its db/ folder. */
  dataDir: string;
  batchSize: number;
  /** How long MongoDB may take to answer the first ping (DATABASE_TIMEOUT_MS). */
  connectTimeoutMs: number;
}

export type MigrateCommand =
  | { kind: 'help' }
  /** Flags that do not make a command: print the problem and the usage. */
  | { kind: 'usage'; problem: string }
  /** A value that cannot be used: print the problem alone. */
  | { kind: 'invalid'; problem: string }
  | { kind: 'run'; plan: MigrationPlan };

const uriSchema = (flag: string) =>
  z.string().regex(/^mongodb(\+srv)?:\/\/[^\s/]+(\/\S*)?$/, `${flag} must be a MongoDB connection string (mongodb://host/db or mongodb+srv://…)`);

const valuesSchema = z.object({
  appId: envSchema.shape.MOZAIKS_APP_ID,
  dataDir: envSchema.shape.MOZAIKS_DATA_DIR,
  connectTimeoutMs: envSchema.shape.DATABASE_TIMEOUT_MS,
  batchSize: z.coerce
    .number({ message: '--batch-size must be a whole number from 1 to 10000' })
    .int('--batch-size must be a whole number from 1 to 10000')
    .min(1, '--batch-size must be a whole number from 1 to 10000')
    .max(10_000, '--batch-size must be a whole number from 1 to 10000')
    .default(DEFAULT_BATCH_SIZE),
});

const OPTIONS = {
  to: { type: 'string' },
  from: { type: 'string' },
  app: { type: 'string' },
  'data-dir': { type: 'string' },
  'batch-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const readFlags = (args: string[]) => parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;

/** Reads the flags; the environment supplies what they leave out, as it does for the runtime. */
export function parseMigrateCommand(args: string[], env: Record<string, string | undefined> = process.env, cwd = process.cwd()): MigrateCommand {
  let values: ReturnType<typeof readFlags>;
  try {
    values = readFlags(args);
  } catch (error) {
    // parseArgs says which flag is unknown or lacks its value.
    return { kind: 'usage', problem: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  if ((values.to === undefined) === (values.from === undefined)) return { kind: 'usage', problem: 'Give exactly one of --to <mongodb-uri> or --from <mongodb-uri>.' };
  const direction: Direction = values.to !== undefined ? 'to-mongodb' : 'from-mongodb';
  const uri = uriSchema(direction === 'to-mongodb' ? '--to' : '--from').safeParse(values.to ?? values.from);
  const parsed = valuesSchema.safeParse({
    appId: values.app ?? env.MOZAIKS_APP_ID,
    dataDir: values['data-dir'] ?? env.MOZAIKS_DATA_DIR,
    connectTimeoutMs: env.DATABASE_TIMEOUT_MS,
    batchSize: values['batch-size'],
  });
  if (!uri.success) return { kind: 'invalid', problem: uri.error.issues[0]!.message };
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = { appId: '--app (or MOZAIKS_APP_ID)', dataDir: '--data-dir (or MOZAIKS_DATA_DIR)', connectTimeoutMs: 'DATABASE_TIMEOUT_MS', batchSize: '' }[String(issue.path[0])];
    return { kind: 'invalid', problem: name ? `${name}: ${issue.message}` : issue.message };
  }
  const { appId, dataDir, connectTimeoutMs, batchSize } = parsed.data;
  return {
    kind: 'run',
    plan: { direction, uri: uri.data, appId: appId ?? DEFAULT_APP_ID, dataDir: path.resolve(cwd, dataDir), batchSize, connectTimeoutMs },
  };
}
