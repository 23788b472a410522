import { expect, test } from './support/test';
import { signedIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { say, settled, taskManagerTitles, writerReviewerJourney } from './support/assistant';

// The workflows run on the built-in local model (no API key): scripted, so every reply is known.


test('the task assistant adds and lists tasks, and deletes one only once the user approves', async ({ page }) => {
  // Four exchanges, two reloads of Task Manager and two axe scans of a long chat: a budget for the journey, not a speed
  // (a loaded two-core host took over 60 s, the last of it in axe).
  test.setTimeout(120_000);
  await signedIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assistant' }).click();
  await expect(page).toHaveURL('/ai');
  await expect(page.getByTestId('workflow-card').getByRole('heading')).toHaveText(['Task assistant', 'Writer & reviewer']);
  await expect(page.getByTestId('sessions-empty')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Start Task assistant' }).click();
  await expect(page).toHaveURL(/\/ai\/chat_/);
  await expect(page.getByTestId('agent-message').first()).toContainText('I can add, list, complete or delete your tasks');

  await say(page, 'add a task Buy milk due tomorrow');
  await expect(page.getByTestId('tool-call').filter({ hasText: 'Add a task' })).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('agent-message').last()).toContainText('Added “Buy milk”');
  await settled(page);
  // Made through the plugin, as the user: Task Manager shows it.
  expect(await taskManagerTitles(page)).toContain('Buy milk');

  await say(page, 'list my tasks');
  const artifacts = page.getByRole('complementary', { name: 'Artifacts' });
  await expect(artifacts.getByRole('table')).toContainText('Buy milk');
  await settled(page);

  await say(page, 'delete the task Buy milk');
  const approval = page.getByTestId('approval-prompt').last();
  await expect(approval).toContainText('Delete');
  await expect(page.getByTestId('tool-call').filter({ hasText: 'Delete a task' })).toHaveAttribute('data-status', 'awaiting_approval');
  // While the assistant waits, the composer cannot send but offers Stop.
  await expect(page.getByRole('button', { name: 'Stop the assistant' })).toBeVisible();
  await expect(page.getByTestId('chat-announcement')).toContainText('waiting for your answer');
  expect(await taskManagerTitles(page)).toContain('Buy milk');
  await approval.getByRole('button', { name: 'Deny' }).click();
  await expect(approval).toHaveAttribute('data-state', 'denied');
  await expect(page.getByTestId('tool-call').filter({ hasText: 'Delete a task' })).toHaveAttribute('data-status', 'denied');
  await expect(page.getByTestId('agent-message').last()).toContainText('OK, I kept “Buy milk”');
  await settled(page);

  await say(page, 'delete the task Buy milk');
  await page.getByTestId('approval-prompt').last().getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('agent-message').last()).toContainText('Deleted “Buy milk”');
  await expect(page.getByTestId('tool-call').filter({ hasText: 'Delete a task' }).last()).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('chat-announcement')).toContainText('Deleted “Buy milk”');
  await settled(page);
  expect(await taskManagerTitles(page)).not.toContain('Buy milk');
  expect(await axeViolations(page)).toEqual([]);

  // A reload renders the same transcript from the server, and the join after it doubles nothing.
  const agentMessages = await page.getByTestId('agent-message').count();
  await page.reload();
  await expect(page.getByTestId('user-message')).toHaveCount(4);
  await expect(page.getByTestId('agent-message')).toHaveCount(agentMessages);
  await expect(page.getByTestId('approval-prompt')).toHaveCount(2);

  await page.getByRole('link', { name: 'Back to Assistant' }).click();
  await expect(page.getByTestId('session-list').getByRole('link')).toHaveCount(1);
});

test('the writer hands off to the reviewer, and an ended chat says so when written to', async ({ page }) => {
  await signedIn(page);
  await writerReviewerJourney(page);

  const field = page.getByRole('textbox', { name: 'Message' });
  await field.fill('One more, please');
  await field.press('Enter');
  await expect(page.getByTestId('chat-action-error')).toContainText('This chat has ended');
  // The refused message is taken back into the field.
  await expect(page.getByTestId('user-message').filter({ hasText: 'One more, please' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('One more, please');
});

test('the assistant widget opens from any page, keeps its chat across reloads, and closes on Escape', async ({ page }) => {
  await signedIn(page);
  await page.goto('/');
  const button = page.getByRole('button', { name: 'Open the assistant' });
  await button.click();
  const panel = page.getByRole('dialog', { name: 'Assistant' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('textbox', { name: 'Message' })).toBeFocused();

  await say(page, 'list my tasks');
  await expect(panel.getByTestId('agent-message').last()).toContainText('You have no tasks yet');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(button).toBeFocused();

  await page.reload();
  await page.getByRole('button', { name: 'Open the assistant' }).click();
  await expect(page.getByRole('dialog', { name: 'Assistant' }).getByTestId('user-message')).toHaveText(['You: list my tasks']);

  await page.getByRole('dialog', { name: 'Assistant' }).getByRole('link', { name: 'Open this chat in full' }).click();
  await expect(page).toHaveURL(/\/ai\/chat_/);
  await expect(page.getByRole('button', { name: 'Open the assistant' })).toHaveCount(0);
});

test('on a phone the chat fits the screen, artifacts open in a drawer, and a lost connection is announced', async ({ page, context }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signedIn(page);
  await page.goto('/ai');
  await page.getByRole('button', { name: 'Start Task assistant' }).click();
  await expect(page).toHaveURL(/\/ai\/chat_/);
  await say(page, 'list my tasks');
  await settled(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await expect(page.getByRole('complementary', { name: 'Artifacts' })).toBeHidden();
  const toggle = page.getByTestId('artifacts-toggle');
  await toggle.click();
  const drawer = page.getByRole('dialog', { name: 'Artifacts' });
  await expect(drawer.getByRole('heading', { name: 'Your tasks' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(toggle).toBeFocused();

  await context.setOffline(true);
  await expect(page.getByTestId('connection-banner')).toContainText(/Reconnecting…|Offline — messages will resume when the connection is back/);
  await context.setOffline(false);
  await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-state', 'connected');
  await say(page, 'add a task Water the plants');
  await expect(page.getByTestId('agent-message').last()).toContainText('Added “Water the plants”');
});

test('what happened while the tab was offline arrives once when it reconnects', async ({ page, context }) => {
  await signedIn(page);
  await page.goto('/ai');
  await page.getByRole('button', { name: 'Start Task assistant' }).click();
  await expect(page).toHaveURL(/\/ai\/chat_/);
  await expect(page.getByTestId('agent-message')).toHaveCount(1);
  const chatId = new URL(page.url()).pathname.split('/').pop();
  const { user_id: userId } = await (await page.request.get('/api/user-profile')).json();

  await context.setOffline(true);
  await expect(page.getByTestId('connection-banner')).toContainText('Offline — messages will resume when the connection is back');
  // The same user writes from elsewhere (the API, as another device would) while this tab is cut off.
  const sent = await page.request.post(`/chat/acme_e2e/${chatId}/${userId}/input`, { data: { message: 'add a task Sent elsewhere' } });
  expect(sent.status()).toBe(200);
  await expect.poll(async () => (await (await page.request.get(`/api/chats/events/acme_e2e/${chatId}?after_sequence=-1`)).json()).events.at(-1)?.type).toBe('chat.run_complete');
  await expect(page.getByTestId('user-message')).toHaveCount(0);

  await context.setOffline(false);
  await expect(page.getByTestId('agent-message').filter({ hasText: 'Added “Sent elsewhere”' })).toHaveCount(1);
  await expect(page.getByTestId('user-message')).toHaveText(['You: add a task Sent elsewhere']);
  await expect(page.getByTestId('tool-call')).toHaveCount(1);
  await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-state', 'connected');
});
