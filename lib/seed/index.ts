/**
 * Sample data for a first look (`npm run seed`), written through the app's own paths so it is what
 * the pages read: accounts through local sign-up and the administrator bootstrap (hashed passwords,
 * email claims, the superadmin role), tasks and notes through their plugins' actions run by the
 * Director as their owner, notifications through `createNotification`, and the chat as the AI
 * runtime stores one (a `chat_sessions` document and its `chat_events` stream).
 *
 * Idempotent: accounts are found by username, tasks and notes by title, notifications and the chat
 * by ids derived from the app, the user and a fixed key. A second run creates nothing and says so.
 */
import { createHash, randomUUID } from 'node:crypto';
import { flushChatStreams } from '@/lib/ai';
import { chatStream } from '@/lib/ai/chats/stream';
import { chatSessions, findChat, type ChatSession, type HistoryEntry } from '@/lib/ai/chats/store';
import { firstSpeaker } from '@/lib/ai/runtime/handoffs';
import { getWorkflow, getWorkflows } from '@/lib/ai/workflows/registry';
import { createAdministrator, generatePassword } from '@/lib/admin/bootstrap';
import { identityOf } from '@/lib/auth/accounts';
import type { Identity } from '@/lib/auth/identity';
import { createLocalUser } from '@/lib/auth/registration';
import { findUserById, findUserByUsername, registrationSchema, type User } from '@/lib/auth/users';
import { database } from '@/lib/db';
import { executePlugin } from '@/lib/director';
import { getEnv } from '@/lib/env';
import { isApiError } from '@/lib/errors';
import { eventsSettled } from '@/lib/events';
import { createNotification, notificationsSettled, setRead } from '@/lib/notifications';
import { closeSandboxes } from '@/lib/plugins/sandbox';
import { StartupProblem } from '@/lib/runtime/startup-problem';
import { SAMPLE_ACCOUNTS, SAMPLE_CHAT, SAMPLE_NOTES, SAMPLE_NOTIFICATIONS, SAMPLE_TASKS, type SampleAccount } from './sample-data';

export { SAMPLE_ACCOUNTS, SAMPLE_CHAT, SAMPLE_NOTES, SAMPLE_NOTIFICATIONS, SAMPLE_TASKS } from './sample-data';

/** An account the seed made or found; `password` only when this run created it (it is not stored in clear). */
export interface SeededAccount {
  username: string;
  email: string;
  role: 'superadmin' | 'user';
  created: boolean;
  password: string | null;
}

export interface SeedResult {
  appId: string;
  accounts: SeededAccount[];
  /** Records this run created, and those it found from an earlier run. */
  created: number;
  existing: number;
}

/** How many of one kind of record a step created and found; a step that could not run says why. */
interface Tally {
  created: number;
  existing: number;
  skipped?: string;
}

/**
 * A stable id for a seeded record: the same app, user and key give the same id on every run, and
 * different apps sharing one database (ids are unique per collection, not per app) never collide.
 */
export function seedId(parts: { appId: string; userId: string; key: string }, length = 24): string {
  return createHash('sha256').update(`mozaiks-seed\n${parts.appId}\n${parts.userId}\n${parts.key}`).digest('hex').slice(0, length);
}

/** The calendar day `offset` days from `now`, as Task Manager stores due dates (UTC, YYYY-MM-DD). */
function dayFrom(now: Date, offset: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10);
}

async function ensureAccount(appId: string, sample: SampleAccount): Promise<{ user: User; account: SeededAccount }> {
  const existing = await findUserByUsername(appId, sample.username);
  // An existing account is left exactly as it is: the seed never promotes or re-passwords anyone.
  if (existing) return { user: existing, account: describe(existing, false, null) };
  const password = generatePassword();
  let user: User | null;
  if (sample.isAdministrator) {
    const made = await createAdministrator({ username: sample.username, email: sample.email, fullName: sample.fullName, password });
    user = await findUserById(appId, made.user_id);
  } else {
    user = await createLocalUser(appId, registrationSchema.parse({ username: sample.username, email: sample.email, full_name: sample.fullName, password }));
  }
  if (!user) throw new Error(`the account ${sample.username} was created but cannot be read back`);
  return { user, account: describe(user, true, password) };
}

function describe(user: User, created: boolean, password: string | null): SeededAccount {
  const superadmin = user.roles.some((role) => getEnv().auth.superadminRoles.includes(role.toLowerCase()));
  return { username: user.username, email: user.email ?? '', role: superadmin ? 'superadmin' : 'user', created, password };
}

/** One plugin action as the user, through the Director (the path of `POST /api/execute/{plugin}`). */
function callPlugin<T>(identity: Identity, plugin: string, action: string, input: Record<string, unknown> = {}): Promise<T> {
  return executePlugin({ plugin: undefined, pluginName: plugin, identity, body: { action, ...input } }) as Promise<T>;
}

/** Runs a step; a refusal of the app's (the plugin is off, the plan does not include it) skips it with the reason. */
async function step(run: () => Promise<Tally>): Promise<Tally> {
  try {
    return await run();
  } catch (error) {
    if (isApiError(error) && error.status < 500) return { created: 0, existing: 0, skipped: error.detail };
    throw error;
  }
}

type Listed = { items: { id: string; title: string }[] };

async function seedTasks(identity: Identity, now: Date): Promise<Tally> {
  const { items } = await callPlugin<Listed>(identity, 'task_manager', 'list', { status: 'all' });
  const titles = new Set(items.map((task) => task.title));
  const tally: Tally = { created: 0, existing: 0 };
  for (const sample of SAMPLE_TASKS) {
    if (titles.has(sample.title)) {
      tally.existing += 1;
      continue;
    }
    const due_date = sample.dueInDays === null ? null : dayFrom(now, sample.dueInDays);
    const { item } = await callPlugin<{ item: { id: string } }>(identity, 'task_manager', 'create', { title: sample.title, notes: sample.notes, due_date });
    if (sample.done) await callPlugin(identity, 'task_manager', 'update', { id: item.id, status: 'done' });
    tally.created += 1;
  }
  return tally;
}

async function seedNotes(identity: Identity): Promise<Tally> {
  const { items } = await callPlugin<Listed>(identity, 'notes', 'list', { limit: 200 });
  const titles = new Set(items.map((note) => note.title));
  const tally: Tally = { created: 0, existing: 0 };
  for (const sample of SAMPLE_NOTES) {
    if (titles.has(sample.title)) {
      tally.existing += 1;
      continue;
    }
    await callPlugin(identity, 'notes', 'create', { ...sample });
    tally.created += 1;
  }
  return tally;
}

async function seedNotifications(identity: Identity): Promise<Tally> {
  const { app_id: appId, user_id: userId } = identity;
  const inbox = database({ appId }).forUser(userId).collection('notifications');
  const tally: Tally = { created: 0, existing: 0 };
  for (const sample of SAMPLE_NOTIFICATIONS) {
    const id = seedId({ appId, userId, key: `notification:${sample.key}` });
    if (await inbox.findOne({ _id: id }, { projection: { _id: 1 } })) {
      tally.existing += 1;
      continue;
    }
    // In-app only: sample data must not send email, SMS or push to the sample addresses.
    const sent = await createNotification({ appId, userId, id, type: sample.type, title: sample.title, message: sample.message, metadata: sample.metadata, channels: ['in_app'] });
    if (!sent.id) continue;
    if (sample.read) await setRead({ appId, userId, id, read: true });
    tally.created += 1;
  }
  return tally;
}

/**
 * A short conversation with the task assistant, stored as a run stores one: its events streamed
 * (numbered from 1) and the session with the history the model would see next time. The events go
 * first, the session last: a run cut short in between finds the events on its next try and does not
 * append them twice.
 */
async function seedChat(identity: Identity): Promise<Tally> {
  const workflow = getWorkflow(SAMPLE_CHAT.workflowName) ?? [...getWorkflows().values()][0];
  if (!workflow) return { created: 0, existing: 0, skipped: 'the app has no AI workflows' };
  const chatId = `chat_${seedId({ appId: identity.app_id, userId: identity.user_id, key: 'chat' }, 32)}`;
  if (await findChat(identity, chatId)) return { created: 0, existing: 1 };
  const agent = firstSpeaker(workflow);
  const history: HistoryEntry[] = [];
  const stream = await chatStream(identity, chatId);
  const say = (content: string) => {
    const messageId = randomUUID();
    stream.append('chat.text_start', { message_id: messageId, agent, visible: true });
    stream.append('chat.text', { message_id: messageId, agent, delta: content });
    stream.append('chat.text_end', { message_id: messageId, agent, content });
    history.push({ role: 'agent', agent, content, tool_calls: [] });
  };
  if (stream.lastSeq === 0) {
    if (workflow.initial_message_to_user) say(workflow.initial_message_to_user);
    const runId = randomUUID();
    stream.append('chat.run_start', { run_id: runId, workflow_name: workflow.name });
    stream.append('chat.user_message', { message_id: randomUUID(), content: SAMPLE_CHAT.userMessage });
    history.push({ role: 'user', content: SAMPLE_CHAT.userMessage });
    stream.append('chat.select_speaker', { agent, previous: null, reason: 'initial' });
    say(SAMPLE_CHAT.reply);
    stream.append('chat.usage_summary', { input_tokens: 0, output_tokens: 0, total_tokens: 0 });
    stream.append('chat.run_complete', { run_id: runId, reason: 'awaiting_user', status: 0 });
    await stream.flush();
  }
  const now = new Date();
  const session: ChatSession = {
    _id: chatId,
    workflow_name: workflow.name,
    title: SAMPLE_CHAT.userMessage.slice(0, 80),
    status: 0,
    state: 'idle',
    history,
    current_agent: agent,
    context: {},
    pending_inputs: [],
    last_artifact: null,
    last_sequence: stream.lastSeq,
    cache_seed: null,
    client_request_id: null,
    usage: { input_tokens: 0, output_tokens: 0 },
    created_at: now,
    last_updated_at: now,
  };
  await chatSessions(identity).insertOne(session);
  return { created: 1, existing: 0 };
}

function tallyLine(who: string, kind: string, tally: Tally): string {
  if (tally.skipped) return `  ${who}: ${kind} skipped: ${tally.skipped}`;
  if (tally.created === 0) return `  ${who}: already seeded: ${tally.existing} ${kind}`;
  if (tally.existing === 0) return `  ${who}: ${kind}: ${tally.created} created`;
  return `  ${who}: ${kind}: ${tally.created} created, ${tally.existing} already there`;
}

/**
 * Fills the app (MOZAIKS_APP_ID) with the sample data, saying each step through `say`. The database
 * must be prepared (prepareDatabase); call `seedSettled` before closing it. Throws StartupProblem when
 * the app has no local accounts to sign in with.
 */
export async function seedSampleData({ say, now = new Date() }: { say: (line: string) => void; now?: Date }): Promise<SeedResult> {
  const env = getEnv();
  if (!env.auth.localAccounts) {
    throw new StartupProblem('Local accounts are off (AUTH_LOCAL_ACCOUNTS=false): the sample accounts could not sign in. Turn them on to seed.');
  }
  const result: SeedResult = { appId: env.appId, accounts: [], created: 0, existing: 0 };
  const count = (tally: Tally) => {
    result.created += tally.created;
    result.existing += tally.existing;
  };
  for (const sample of SAMPLE_ACCOUNTS) {
    const { user, account } = await ensureAccount(env.appId, sample);
    result.accounts.push(account);
    count({ created: account.created ? 1 : 0, existing: account.created ? 0 : 1 });
    say(account.created ? `  ${account.username}: account created (${account.role})` : `  ${account.username}: already seeded: account (${account.role})`);
    const identity = identityOf(env, user, 'local', null);
    for (const [kind, run] of [
      ['tasks', () => seedTasks(identity, now)],
      ['notes', () => seedNotes(identity)],
      ['notifications', () => seedNotifications(identity)],
      ['assistant chat', () => seedChat(identity)],
    ] as const) {
      const tally = await step(run);
      count(tally);
      say(tallyLine(account.username, kind, tally));
    }
  }
  return result;
}

/** Waits for what the seed set going in the background (deliveries, subscribers, chat events, sandboxes). */
export async function seedSettled(): Promise<void> {
  await Promise.all([notificationsSettled(), eventsSettled(), flushChatStreams()]);
  await closeSandboxes();
}
