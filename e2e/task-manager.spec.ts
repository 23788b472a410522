import { expect, test } from './support/test';
import { signedIn } from './support/accounts';
import { chooseOption, pickDate } from './support/ui';

test('task manager: create, complete and filter tasks; a second tab sees changes live', async ({ page, context }) => {
  await signedIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Task Manager' }).click();
  await expect(page).toHaveURL('/plugins/task_manager');
  await expect(page.getByTestId('tasks-empty')).toContainText('No tasks yet. Add the first one above.');

  // The same user in a second tab, watching.
  const other = await context.newPage();
  await other.goto('/plugins/task_manager');
  await expect(other.getByTestId('tasks-empty')).toBeVisible();
  await expect(other.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');

  const form = page.getByRole('form', { name: 'New task' });
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const add = async (title: string, due?: string) => {
    await form.getByLabel('Task').fill(title);
    if (due) await pickDate(page, form.getByLabel('Due'), due);
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
  await chooseOption(page, filters.getByLabel('Status'), 'Open');
  await expect(page.getByTestId('task-title')).toHaveText(['Call the client']);
  await chooseOption(page, filters.getByLabel('Status'), 'Done');
  await expect(page.getByTestId('task-title')).toHaveText(['Order parts']);
  await chooseOption(page, filters.getByLabel('Status'), 'All');
  await chooseOption(page, filters.getByLabel('Due'), 'Upcoming');
  await expect(page.getByTestId('task-title')).toHaveText(['Order parts']);
  await chooseOption(page, filters.getByLabel('Due'), 'Any time');

  // Deleting asks first, then says it is done; the other tab follows.
  await page.getByRole('button', { name: 'Delete Call the client' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this task?' });
  await expect(confirm).toContainText('“Call the client” will be deleted');
  await confirm.getByRole('button', { name: 'Delete task' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Task deleted' })).toBeVisible();
  await expect(page.getByTestId('task-title')).toHaveText(['Order parts']);
  await expect(other.getByTestId('task-title')).toHaveText(['Order parts']);
});

test('task manager: a tick shows at once and is taken back when the server refuses; a bad field is explained beside it', async ({ page }) => {
  await signedIn(page);
  await page.goto('/plugins/task_manager');
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Task').fill('Water the plants');
  await form.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByTestId('task-title')).toHaveText(['Water the plants']);

  // The server is slow to answer the update: the box is ticked before it does.
  let release: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/execute/task_manager', async (route) => {
    if (route.request().postDataJSON()?.action !== 'update') return route.fallback();
    await answered;
    await route.fallback();
  });
  await page.getByRole('checkbox', { name: 'Complete Water the plants' }).click();
  await expect(page.getByRole('checkbox', { name: 'Reopen Water the plants' })).toBeChecked();
  release();
  await page.unroute('**/api/execute/task_manager');

  // The server refuses the next one: the tick is taken back and the user is told why.
  await page.route('**/api/execute/task_manager', (route) =>
    route.request().postDataJSON()?.action === 'update'
      ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ detail: 'The server is busy. Try again.', error_code: 'UNAVAILABLE' }) })
      : route.fallback(),
  );
  await page.getByRole('checkbox', { name: 'Reopen Water the plants' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Could not reopen “Water the plants”' })).toContainText('The server is busy. Try again.');
  await expect(page.getByRole('checkbox', { name: 'Reopen Water the plants' })).toBeChecked();
  await page.unroute('**/api/execute/task_manager');

  // A title of spaces passes the browser but not the plugin: the field says so, in its own words.
  await form.getByLabel('Task').fill('   ');
  await form.getByRole('button', { name: 'Add task' }).click();
  await expect(form.getByTestId('field-error')).toHaveText('title is required');
  await expect(form.getByLabel('Task')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Invalid request')).toHaveCount(0);
});
