/**
 * Serverless mode: two `next start` instances (no custom server, no Socket.IO), one MongoDB-wire
 * database (FerretDB) and one Redis. Tabs on different instances stay live over server-sent events:
 * the bell on one updates from an action on the other, and a task added in one tab appears in a tab
 * served by the other instance. Nothing polls faster than every 30 s there, so only the live channel
 * can make these happen within the test's waits.
 */
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from '../tests/support/ferretdb';
import { redisBinary, startRedis, type RunningRedis } from '../tests/support/redis';
import { startServer, type RunningServer } from '../tests/support/server';
import { createAccount, signIn } from './support/accounts';
import { expect, test, type Page } from './support/test';
import { pickDate } from './support/ui';

const redisBin = redisBinary();
const ferretBin = ferretDbBinary();
if (process.env.CI && (!redisBin || !ferretBin)) throw new Error('CI runs the serverless journey: install redis-server and build FerretDB (.ci/run does both)');

const overdue = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function addTask(page: Page, title: string, due = '') {
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Task').fill(title);
  if (due) await pickDate(page, form.getByLabel('Due'), due);
  await form.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByTestId('task-title').filter({ hasText: title })).toBeVisible();
}

test.describe('two next start instances behind one Redis', () => {
  test.skip(!redisBin || !ferretBin, 'needs redis-server and FerretDB');
  test.describe.configure({ mode: 'serial' });

  let redis: RunningRedis;
  let ferret: RunningFerretDb;
  let a: RunningServer;
  let b: RunningServer;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    [redis, ferret] = await Promise.all([startRedis(redisBin!), startFerretDb(ferretBin!)]);
    const env = {
      MOZAIKS_APP_ID: 'serverless_e2e',
      MOZAIKS_CONFIGS_PATH: 'e2e/fixtures/config',
      DATABASE_URI: ferret.uri(`serverless_${Date.now()}`),
      REDIS_URL: redis.url,
      // Both instances must accept each other's sessions and tokens.
      JWT_SECRET: 'serverless-e2e-secret-serverless-e2e-secret',
      AUTH_SECRET: 'serverless-e2e-auth-secret-serverless-e2e-auth',
    };
    // One after the other: two cold `next start`s at once, beside the other journeys' servers, can starve a 2-core host.
    a = await startServer({ mode: 'next-start', env, readyTimeoutMs: 90_000 });
    b = await startServer({ mode: 'next-start', env, readyTimeoutMs: 90_000 });
  });
  test.afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([redis?.stop(), ferret?.stop()]);
  });

  test('the bell and the task list stay live across instances over server-sent events', async ({ page, context }) => {
    const account = await createAccount(page, a.url);
    await signIn(page, account, a.url);
    await page.goto(`${a.url}/plugins/task_manager`);
    const status = page.getByTestId('connection-status');
    await expect(status).toHaveAttribute('data-transport', 'sse');
    await expect(status).toHaveAttribute('data-status', 'live');

    // The same user in a tab served by the other instance (the session cookie is the same site's).
    const other = await context.newPage();
    await other.goto(`${b.url}/plugins/task_manager`);
    await expect(other.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
    await expect(other.getByTestId('tasks-empty')).toBeVisible();

    await addTask(page, 'Across instances');
    await expect(other.getByTestId('task-title')).toHaveText(['Across instances']);

    // A task already due notifies its owner at once: the bell on the other instance's tab lights up.
    await addTask(page, 'Renew the lease', overdue());
    await expect(other.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
  });
});
