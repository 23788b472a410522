import { test } from './support/test';
import { signedIn } from './support/accounts';
import { OPENAI_APP_URL, taskAssistantJourney, writerReviewerJourney } from './support/assistant';

// The same journeys with the model behind a loopback server speaking OpenAI's chat-completions
// protocol (streamed chunks, tool calls and their results), through the AI SDK's provider.

test('over the OpenAI protocol: the task assistant adds through the plugin and deletes only after approval', async ({ page }) => {
  await signedIn(page, OPENAI_APP_URL);
  await taskAssistantJourney(page, OPENAI_APP_URL);
});

test('over the OpenAI protocol: the writer and the reviewer hand off until the draft is approved', async ({ page }) => {
  await signedIn(page, OPENAI_APP_URL);
  await writerReviewerJourney(page, OPENAI_APP_URL);
});
