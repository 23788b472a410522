import { expect, type Page } from '@playwright/test';

/** The second app server of playwright.config.ts, whose model is the OpenAI stand-in. */
export const OPENAI_APP_URL = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 1}`;

/** Types a message into the chat and waits until it shows as the user's. */
export async function say(page: Page, text: string) {
  const field = page.getByRole('textbox', { name: 'Message' });
  await field.fill(text);
  await field.press('Enter');
  await expect(page.getByTestId('user-message').filter({ hasText: text }).last()).toBeVisible();
}

/** The run has ended and handed the turn back. */
export async function settled(page: Page) {
  await expect(page.getByTestId('chat-view')).toHaveAttribute('data-run-state', /idle|completed/);
}

/** The task titles Task Manager shows, from a fresh load of its page. */
export async function taskManagerTitles(page: Page, baseURL = ''): Promise<string[]> {
  const tab = await page.context().newPage();
  try {
    await tab.goto(`${baseURL}/plugins/task_manager`);
    await expect(tab.getByTestId('tasks-empty').or(tab.getByTestId('task-title').first())).toBeVisible();
    return await tab.getByTestId('task-title').allTextContents();
  } finally {
    await tab.close();
  }
}

/**
 * The task assistant's journey: it adds a task through the plugin (Task Manager shows it), asks
 * before deleting it, keeps it when denied, and deletes it only once approved.
 */
export async function taskAssistantJourney(page: Page, baseURL = '') {
  await page.goto(`${baseURL}/ai`);
  await page.getByRole('button', { name: 'Start Task assistant' }).click();
  await expect(page).toHaveURL(/\/ai\/chat_/);

  await say(page, 'add a task Buy milk due tomorrow');
  await expect(page.getByTestId('tool-call').filter({ hasText: 'Add a task' })).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('agent-message').last()).toContainText('Added “Buy milk”');
  await settled(page);
  expect(await taskManagerTitles(page, baseURL)).toContain('Buy milk');

  await say(page, 'delete the task Buy milk');
  const approval = page.getByTestId('approval-prompt').last();
  await expect(approval).toContainText('Delete');
  await expect(page.getByTestId('tool-call').filter({ hasText: 'Delete a task' })).toHaveAttribute('data-status', 'awaiting_approval');
  // Asked, not done: the task is still there while the assistant waits.
  expect(await taskManagerTitles(page, baseURL)).toContain('Buy milk');
  await approval.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByTestId('agent-message').last()).toContainText('OK, I kept “Buy milk”');
  await settled(page);
  expect(await taskManagerTitles(page, baseURL)).toContain('Buy milk');

  await say(page, 'delete the task Buy milk');
  await page.getByTestId('approval-prompt').last().getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('agent-message').last()).toContainText('Deleted “Buy milk”');
  await settled(page);
  expect(await taskManagerTitles(page, baseURL)).not.toContain('Buy milk');
}

/** The writer-reviewer journey: the reviewer sends the draft back once, approves the revision, and the chat completes. */
export async function writerReviewerJourney(page: Page, baseURL = '') {
  await page.goto(`${baseURL}/ai`);
  await page.getByRole('button', { name: 'Start Writer & reviewer' }).click();
  await expect(page).toHaveURL(/\/ai\/chat_/);
  await say(page, 'Morning walks');
  await expect(page.getByTestId('chat-view')).toHaveAttribute('data-run-state', 'completed');
  const handoffs = (await page.getByTestId('speaker-change').allTextContents()).filter((text) => text.includes(' from '));
  expect(handoffs).toEqual(['Reviewer takes over from Writer', 'Writer takes over from Reviewer', 'Reviewer takes over from Writer']);
  await expect(page.getByTestId('agent-message').filter({ hasText: 'sixty hours a year' })).toBeVisible();
}
