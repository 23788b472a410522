import { expect, test } from './support/test';
import { signedIn } from './support/accounts';
import { visibleText } from '../tests/support/html';

test('notes: open from the sidebar, write, search and delete', async ({ page }) => {
  await signedIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Field Notes' }).click();
  await expect(page).toHaveURL('/plugins/notes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notes');
  await expect(page.getByTestId('notes-empty')).toContainText('No notes yet. Write your first one.');

  const form = page.getByRole('form', { name: 'New note' });
  const add = async (title: string, details: string, tags = '') => {
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Details').fill(details);
    await form.getByLabel('Tags').fill(tags);
    await form.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByTestId('notes-list').getByRole('heading', { name: title })).toBeVisible();
  };
  await add('Site visit', 'Check the north gate', 'field, urgent');
  await add('Invoice', 'Send to Acme');

  await page.getByRole('searchbox', { name: 'Search notes' }).fill('gate');
  await expect(page.getByTestId('notes-list').getByRole('heading')).toHaveText(['Site visit']);
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('nothing like this');
  await expect(page.getByTestId('notes-empty')).toContainText('No notes match your search.');
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('');

  // Deleting asks first, then confirms with a toast.
  await page.getByRole('button', { name: 'Delete Invoice' }).click();
  await page.getByRole('alertdialog', { name: 'Delete this note?' }).getByRole('button', { name: 'Delete note' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Note deleted' })).toBeVisible();
  await expect(page.getByTestId('notes-list').getByRole('heading')).toHaveText(['Site visit']);
  await page.reload();
  await expect(page.getByTestId('notes-list').getByRole('heading')).toHaveText(['Site visit']);

  // The list comes with the page's HTML (plugin.json's page.preload): the browser makes no call to show it.
  expect(visibleText(await (await page.request.get('/plugins/notes')).text())).toContain('Check the north gate');
  const calls: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/execute/notes')) calls.push(request.postData() ?? '');
  });
  await page.reload();
  await expect(page.getByTestId('notes-list').getByRole('heading')).toHaveText(['Site visit']);
  // The first call the page makes itself is the user's search.
  const searched = page.waitForResponse((response) => response.url().includes('/api/execute/notes'));
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('gate');
  await searched;
  await expect(page.getByTestId('notes-list').getByRole('heading')).toHaveText(['Site visit']);
  expect(calls.map((body) => JSON.parse(body).action)).toEqual(['search']);
});
