import { expect, test, type Page } from './support/test';
import { createAccount, signIn } from './support/accounts';
import { pickDate } from './support/ui';

const overdue = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function addTask(page: Page, title: string, due: string) {
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Task').fill(title);
  await pickDate(page, form.getByLabel('Due'), due);
  await form.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByTestId('task-title').filter({ hasText: title })).toBeVisible();
}

test('notifications: live in a second browser, read state in sync, preferences respected', async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const page = await first.newPage();
    const account = await createAccount(page);
    await signIn(page, account);
    const other = await second.newPage();
    await signIn(other, account);
    await expect(other.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
    await expect(other.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();

    // An action in the first browser: a task that is already due notifies its owner at once.
    await page.goto('/plugins/task_manager');
    await addTask(page, 'Renew the lease', overdue());
    const otherBell = other.getByRole('button', { name: 'Notifications, 1 unread' });
    // Nothing polls: only the push over the second browser's socket can make the badge appear.
    await expect(otherBell).toBeVisible();

    await otherBell.click();
    const panel = other.getByRole('dialog', { name: 'Notifications' });
    await expect(panel.getByTestId('notification-item')).toHaveCount(1);
    await expect(panel.getByTestId('notification-item')).toContainText('"Renew the lease" is due since');

    // Reading it in the second browser clears the badge in the first.
    await expect(page.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
    await panel.getByRole('button', { name: 'Mark "Task due" read' }).click();
    await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
    await expect(panel.getByTestId('notification-item')).toHaveAttribute('data-read', 'true');

    // The full inbox shows it, read.
    await page.goto('/notifications');
    await expect(page.getByTestId('notification-item')).toHaveCount(1);
    await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Unread' }).click();
    await expect(page.getByTestId('notifications-empty')).toHaveText('No unread notifications.');

    // Turning the type off in Settings stops it in-app.
    await page.goto('/settings#notifications');
    const preferences = page.getByRole('form', { name: 'Notification preferences' });
    await preferences.getByRole('switch', { name: /Task due/ }).uncheck();
    await preferences.getByRole('button', { name: 'Save preferences' }).click();
    await expect(preferences.getByTestId('save-status')).toHaveText('Saved.');
    await page.reload();
    await expect(page.getByRole('form', { name: 'Notification preferences' }).getByRole('switch', { name: /Task due/ })).not.toBeChecked();

    await page.goto('/plugins/task_manager');
    await addTask(page, 'Pay the invoice', overdue());
    const count = await (await page.request.get('/api/notifications')).json();
    expect(count.notifications.map((notification: { message: string }) => notification.message)).toEqual(['"Renew the lease" is due since ' + overdue() + '.']);
    await expect(other.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  } finally {
    await first.close();
    await second.close();
  }
});

test('settings: a plugin settings panel saves and keeps its values', async ({ page }) => {
  const account = await createAccount(page);
  await signIn(page, account);
  await page.goto('/settings');
  const panel = page.getByRole('form', { name: 'Task Manager settings' });
  const toggle = panel.getByRole('switch', { name: /Show completed tasks/ });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await panel.getByRole('button', { name: 'Save Task Manager settings' }).click();
  await expect(panel.getByTestId('save-status')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByRole('form', { name: 'Task Manager settings' }).getByRole('switch', { name: /Show completed tasks/ })).not.toBeChecked();
});
