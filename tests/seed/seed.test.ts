/**
 * `npm run seed` (issue #22): run as a user runs it, on the embedded store and on a MongoDB-wire
 * server (FerretDB, when built). The printed passwords sign in, the Task Manager's list, the notes,
 * the inbox and the Assistant's pages read the sample data back in the shapes they render, and a
 * second run creates nothing and says so.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAssistantHome, loadChatPage } from '@/app/ai/data';
import { identityOf } from '@/lib/auth/accounts';
import { signInWithPassword } from '@/lib/auth';
import { findUserByUsername } from '@/lib/auth/users';
import { closeDatabase, database, embeddedStoreDir, setStoreForTests } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { MongoStore } from '@/lib/db/mongo';
import type { Store } from '@/lib/db/types';
import { executePlugin } from '@/lib/director';
import { getEnv, resetEnvForTests } from '@/lib/env';
import { listNotifications } from '@/lib/notifications';
import { SAMPLE_CHAT, SAMPLE_NOTES, SAMPLE_NOTIFICATIONS, SAMPLE_TASKS } from '@/lib/seed';
import '@/lib/runtime/collections';
import { makeTempDir } from '../support/config-dir';
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from '../support/ferretdb';
import { PROJECT_ROOT } from '../support/paths';

const APP = 'seeded_app';
/** Each run of the CLI starts tsx and the app's modules: several seconds, more on a busy machine. */
const CLI_TIMEOUT_MS = 120_000;

function seed(env: Record<string, string>, args: string[] = []) {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/seed.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, MOZAIKS_APP_ID: APP, ...env },
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The passwords the seed printed, by username. */
function printedPasswords(stdout: string): Map<string, string> {
  return new Map([...stdout.matchAll(/username: (\S+)\s+password: (\S+)/g)].map((match) => [match[1]!, match[2]!]));
}

/** Opens the store the seed wrote to as the app would, for the duration of `check`. */
async function withStore<T>(store: Store, check: () => Promise<T>): Promise<T> {
  const previous = process.env.MOZAIKS_APP_ID;
  process.env.MOZAIKS_APP_ID = APP;
  resetEnvForTests();
  setStoreForTests(store);
  try {
    return await check();
  } finally {
    await closeDatabase();
    if (previous === undefined) delete process.env.MOZAIKS_APP_ID;
    else process.env.MOZAIKS_APP_ID = previous;
    resetEnvForTests();
  }
}

/** How many records of each kind the app holds: a second run must not change one. */
async function counts() {
  const app = database({ appId: APP });
  const users = await app.collection('users').find({});
  const perUser = await Promise.all(
    users.map(async (user) => {
      const personal = app.forUser(user._id);
      return [
        await personal.forPlugin('task_manager').collection('tasks').countDocuments(),
        await personal.forPlugin('notes').collection('notes').countDocuments(),
        await personal.collection('notifications').countDocuments(),
        await personal.collection('chat_sessions').countDocuments(),
        await personal.collection('chat_events').countDocuments(),
      ];
    }),
  );
  return { users: users.length, perUser };
}

const ferretBinary = ferretDbBinary();
let ferret: RunningFerretDb | undefined;

const targets: { kind: string; env: () => Record<string, string>; open: (env: Record<string, string>) => Store }[] = [
  {
    kind: 'embedded store',
    env: () => ({ MOZAIKS_DATA_DIR: makeTempDir('mozaiks-seed-') }),
    open: (env) => new EmbeddedStore(embeddedStoreDir(env.MOZAIKS_DATA_DIR!)),
  },
  ...(ferretBinary
    ? [
        {
          kind: 'FerretDB',
          env: () => ({ MOZAIKS_DATA_DIR: makeTempDir('mozaiks-seed-'), DATABASE_URI: ferret!.uri(`seed_${Date.now().toString(36)}`) }),
          open: (env: Record<string, string>) => new MongoStore({ uri: env.DATABASE_URI!, timeoutMs: 5_000 }),
        },
      ]
    : []),
];

beforeAll(async () => {
  if (ferretBinary) ferret = await startFerretDb(ferretBinary);
});

afterAll(async () => {
  await ferret?.stop();
});

describe.each(targets)('npm run seed on the $kind', (target) => {
  let env: Record<string, string>;
  let first: ReturnType<typeof seed>;
  let passwords: Map<string, string>;

  beforeAll(() => {
    env = target.env();
    first = seed(env);
    passwords = printedPasswords(first.stdout);
  }, CLI_TIMEOUT_MS);

  it('creates both accounts, says what it made, and prints a password for each', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Seeding app ${APP}`);
    expect(first.stdout).toContain('admin: account created (superadmin)');
    expect(first.stdout).toContain('demo: account created (user)');
    expect(first.stdout).toContain(`demo: tasks: ${SAMPLE_TASKS.length} created`);
    expect([...passwords.keys()].sort()).toEqual(['admin', 'demo']);
  });

  it('the printed passwords sign in; the administrator is a superadmin and the user is not', async () => {
    await withStore(target.open(env), async () => {
      for (const [username, password] of passwords) {
        const user = await signInWithPassword({ username, password, address: '127.0.0.1' });
        expect(user.username).toBe(username);
        expect(user.hashed_password).not.toContain(password);
      }
      await expect(signInWithPassword({ username: 'demo', password: 'not-the-password', address: '127.0.0.1' })).rejects.toMatchObject({ errorCode: 'INVALID_CREDENTIALS' });
      expect((await findUserByUsername(APP, 'admin'))!.roles).toContain('superadmin');
      expect((await findUserByUsername(APP, 'demo'))!.roles).toEqual(['user']);
    });
  });

  it("the Task Manager lists the user's tasks overdue, due today, upcoming and done", async () => {
    await withStore(target.open(env), async () => {
      const identity = identityOf(getEnv(), (await findUserByUsername(APP, 'demo'))!, 'local', null);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page reads whatever JSON the action returns
      const list = (input: Record<string, unknown>) => executePlugin({ plugin: undefined, pluginName: 'task_manager', identity, body: { action: 'list', ...input } }) as Promise<any>;
      const all = await list({ status: 'all' });
      expect(all.count).toBe(SAMPLE_TASKS.length);
      for (const task of all.items) {
        expect(task).toMatchObject({ id: expect.any(String), title: expect.any(String), status: expect.stringMatching(/^(open|done)$/), updated_at: expect.any(String) });
        if (task.due_date !== null) expect(task.due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      const titles = async (input: Record<string, unknown>) => ((await list(input)).items as { title: string }[]).map((task) => task.title).sort();
      expect(await titles({ due: 'overdue' })).toEqual(['Renew the domain name', 'Send the invoice to Acme']);
      expect(await titles({ due: 'today' })).toEqual(['Review the pull request']);
      expect(await titles({ due: 'upcoming' })).toEqual(['Book flights for the conference', 'Plan the team offsite']);
      expect(await titles({ status: 'done' })).toEqual(['Read the onboarding guide', 'Set up the project board']);
      const notes = await executePlugin({ plugin: undefined, pluginName: 'notes', identity, body: { action: 'list' } });
      expect((notes as { items: { title: string; tags: string[] }[] }).items.map((note) => note.title).sort()).toEqual(SAMPLE_NOTES.map((note) => note.title).sort());
    });
  });

  it('the inbox holds the sample notifications, some read and some not, beside the overdue tasks\' reminders', async () => {
    await withStore(target.open(env), async () => {
      const demo = (await findUserByUsername(APP, 'demo'))!;
      const { notifications } = await listNotifications({ appId: APP, userId: demo._id, unreadOnly: false, limit: 100, offset: 0 });
      for (const sample of SAMPLE_NOTIFICATIONS) {
        expect(notifications.find((notification) => notification.title === sample.title)).toMatchObject({ type: sample.type, read: sample.read, message: sample.message });
      }
      // Task Manager's own reminders: an overdue task notifies its owner at once.
      expect(notifications.filter((notification) => notification.type === 'task_manager_task_due').length).toBeGreaterThanOrEqual(2);
    });
  });

  it('the Assistant lists the chat, and its page renders the conversation', async () => {
    await withStore(target.open(env), async () => {
      const identity = identityOf(getEnv(), (await findUserByUsername(APP, 'demo'))!, 'local', null);
      const home = await loadAssistantHome(identity);
      expect(home.sessions).toHaveLength(1);
      expect(home.sessions[0]).toMatchObject({ workflow_name: SAMPLE_CHAT.workflowName, title: SAMPLE_CHAT.userMessage, status: 0 });
      const page = await loadChatPage(identity, home.sessions[0]!.chat_id);
      if (!page.exists) throw new Error('the seeded chat does not open');
      expect(page.meta).toMatchObject({ state: 'idle', pending_inputs: [], last_sequence: page.events.length });
      expect(page.events.map((event) => event.seq)).toEqual(page.events.map((_, index) => index + 1));
      expect(page.events.find((event) => event.type === 'chat.user_message')?.data).toMatchObject({ content: SAMPLE_CHAT.userMessage });
      expect(page.events.filter((event) => event.type === 'chat.text_end').at(-1)?.data).toMatchObject({ content: SAMPLE_CHAT.reply });
      expect(page.events.at(-1)).toMatchObject({ type: 'chat.run_complete', data: { reason: 'awaiting_user', status: 0 } });
    });
  });

  it('a second run creates nothing, says so, and prints no password', { timeout: CLI_TIMEOUT_MS }, async () => {
    const before = await withStore(target.open(env), counts);
    const again = seed(env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`demo: already seeded: ${SAMPLE_TASKS.length} tasks`);
    expect(again.stdout).toContain('Already seeded: nothing new');
    expect(again.stdout).not.toContain('password:');
    expect(await withStore(target.open(env), counts)).toEqual(before);
    expect(before.users).toBe(2);
  });
});

describe('npm run seed refuses', () => {
  it('a production app unless --force; forced, the administrator is still made superadmin', { timeout: 2 * CLI_TIMEOUT_MS }, async () => {
    const dir = makeTempDir('mozaiks-seed-');
    const production = { MOZAIKS_DATA_DIR: dir, NODE_ENV: 'production', JWT_SECRET: 'Seed-Spec-Secret-7f3a9c2e41b8d6f0a5e3c1b9' };
    const refused = seed(production);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Refusing to seed a production app');
    expect(refused.stdout).toBe('');
    const forced = seed(production, ['--force']);
    expect(forced.code).toBe(0);
    expect([...printedPasswords(forced.stdout).keys()].sort()).toEqual(['admin', 'demo']);
    // Production turns the first-user rule off: the administrator's role comes from the bootstrap, not from being first.
    await withStore(new EmbeddedStore(embeddedStoreDir(dir)), async () => {
      expect((await findUserByUsername(APP, 'admin'))!.roles).toContain('superadmin');
      expect((await findUserByUsername(APP, 'demo'))!.roles).toEqual(['user']);
    });
  });

  it('a database it cannot reach, clearly and without its password', { timeout: CLI_TIMEOUT_MS }, () => {
    const failed = seed({ MOZAIKS_DATA_DIR: makeTempDir('mozaiks-seed-'), DATABASE_URI: 'mongodb://someone:s3cret@127.0.0.1:1/app', DATABASE_TIMEOUT_MS: '500' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Cannot reach MongoDB at mongodb://127.0.0.1:1/app: is it running, and is DATABASE_URI right?');
    expect(`${failed.stdout}${failed.stderr}`).not.toContain('s3cret');
  });
});
