/**
 * Behind a proxy or a network that blocks WebSockets, the socket (WebSocket only, for round-robin instances)
 * never connects. The live channel then falls back to server-sent events, plain HTTP, and the header says so;
 * the bell still updates live. Before the fallback such a tab stayed "Offline" for good.
 */
import { startRoundRobinProxy, type RunningProxy } from '../tests/support/round-robin-proxy';
import { signedIn } from './support/accounts';
import { say } from './support/assistant';
import { expect, test, type Page } from './support/test';

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** Ends on SSE, live, and a notification reaches the bell within seconds. */
async function expectLiveOverServerSentEvents(page: Page, baseURL: string) {
  const status = page.getByTestId('connection-status');
  // Within the channel's fallback bound (lib/realtime/client.ts, FALLBACK_AFTER_MS) and a margin for a busy host.
  await expect(status).toHaveAttribute('data-transport', 'sse', { timeout: 20_000 });
  await expect(status).toHaveAttribute('data-status', 'live');
  await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();

  // A task already due notifies its owner at once. The page does not poll while it has a live channel and
  // nothing reloads it: only the stream can bring the notification to the bell.
  const created = await page.request.post(`${baseURL}/api/execute/task_manager`, { data: { action: 'create', title: 'Renew the lease', due_date: yesterday() } });
  expect(created.status(), await created.text()).toBe(200);
  await expect(page.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible({ timeout: 5_000 });
}

test.describe('where WebSockets are blocked, live updates fall back to server-sent events', () => {
  let proxy: RunningProxy;
  test.beforeAll(async ({ baseURL }) => {
    proxy = await startRoundRobinProxy([Number(new URL(baseURL!).port)], { refuseUpgrades: true });
  });
  test.afterAll(async () => {
    await proxy?.stop();
  });

  test('a proxy that answers every upgrade 403', async ({ page }) => {
    await signedIn(page, proxy.url);
    // Still behind the proxy after signing in (a redirect to the server's own address would bypass it).
    expect(new URL(page.url()).origin).toBe(proxy.url);
    await expectLiveOverServerSentEvents(page, proxy.url);
  });

  test('a network that closes every WebSocket before it opens', async ({ page, baseURL }) => {
    await page.routeWebSocket(/\/socket\.io\//, (socket) => socket.close());
    await signedIn(page);
    await expectLiveOverServerSentEvents(page, baseURL!);
  });

  // A chat's live events once went to socket rooms only: on a server with Socket.IO, such a page polled its chat
  // every few seconds, and a reply arrived in lumps.
  test('an Assistant chat follows its own event stream rather than polling', async ({ page }) => {
    await page.routeWebSocket(/\/socket\.io\//, (socket) => socket.close());
    await signedIn(page);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-transport', 'sse', { timeout: 20_000 });
    const polls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/chats/events/')) polls.push(request.url());
    });
    const streamed = page.waitForRequest(/\/api\/chats\/stream\//, { timeout: 20_000 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assistant' }).click();
    await page.getByRole('button', { name: 'Start Task assistant' }).click();
    await expect(page).toHaveURL(/\/ai\/chat_/);
    await streamed;
    await say(page, 'add a task Water the plants due tomorrow');
    await expect(page.getByTestId('tool-call').filter({ hasText: 'Add a task' })).toHaveAttribute('data-status', 'ok');
    await expect(page.getByTestId('agent-message').last()).toContainText('Water the plants');
    expect(polls, 'requests that polled the chat').toEqual([]);
  });
});
