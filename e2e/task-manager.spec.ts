import { expect, test } from './support/test';
import { signedIn } from './support/accounts';

test('task manager: create, complete and filter tasks; a second tab sees changes live', async ({ page, context }) => {
  await signedIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Task Manager' }).click();
  await expect(page).toHaveURL('/plugins/task_manager');
  await expect(page.getByTestId('tasks-empty')).toHaveText('No tasks yet. Add the first one above.');

  // The same user in a second tab, watching.
  const other = await context.newPage();
  await other.goto('/plugins/task_manager');
  await expect(other.getByTestId('tasks-empty')).toBeVisible();
  await expect(other.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');

  const form = page.getByRole('form', { name: 'New task' });
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const add = async (title: string, due = '') => {
    await form.getByLabel('Task').fill(title);
    await form.getByLabel('Due').fill(due);
    await form.getByRole('button', { name: 'Add task' }).click();
    // The form clears once the task is saved; wait for that before typing the next one.
    await expect(page.getByTestId('task-title').filter({ hasText: title })).toBeVisible();
    await expect(form.getByLabel('Task')).toHaveValue('');
  };
  await add('Order parts', tomorrow);
  await add('Call the client');
  // Open tasks first; no due date sorts before a due date.
  await expect(page.getByTestId('task-title')).toHaveText(['Call the client', 'Order parts']);

  // The second tab follows without a reload.
  await expect(other.getByTestId('task-title')).toHaveCount(2);

  await page.getByRole('checkbox', { name: 'Complete Order parts' }).click();
  await expect(page.getByRole('checkbox', { name: 'Reopen Order parts' })).toBeChecked();
  await expect(other.getByRole('checkbox', { name: 'Reopen Order parts' })).toBeChecked();

  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByLabel('Status').selectOption('open');
  await expect(page.getByTestId('task-title')).toHaveText(['Call the client']);
  await filters.getByLabel('Status').selectOption('done');
  await expect(page.getByTestId('task-title')).toHaveText(['Order parts']);
  await filters.getByLabel('Status').selectOption('all');
  await filters.getByLabel('Due').selectOption('upcoming');
  await expect(page.getByTestId('task-title')).toHaveText(['Order parts']);
});
