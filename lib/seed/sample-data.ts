/**
 * What `npm run seed` puts in an app: two accounts and, for each, tasks, notes, notifications and an
 * assistant chat. Titles are the natural keys that make a second run find what the first one made.
 */

export interface SampleAccount {
  username: string;
  email: string;
  fullName: string;
  /** The administrator gets the superadmin role (lib/admin/bootstrap.ts), the other stays a user. */
  isAdministrator: boolean;
}

export const SAMPLE_ACCOUNTS: SampleAccount[] = [
  { username: 'admin', email: 'admin@example.com', fullName: 'Ada Admin', isAdministrator: true },
  { username: 'demo', email: 'demo@example.com', fullName: 'Dana Demo', isAdministrator: false },
];

export interface SampleTask {
  title: string;
  notes: string;
  /** Days from today (UTC, as Task Manager counts): negative is overdue, 0 today; null for no due date. */
  dueInDays: number | null;
  done: boolean;
}

export const SAMPLE_TASKS: SampleTask[] = [
  { title: 'Renew the domain name', notes: 'The registrar sent two reminders already.', dueInDays: -3, done: false },
  { title: 'Send the invoice to Acme', notes: '', dueInDays: -1, done: false },
  { title: 'Review the pull request', notes: 'The one that adds sample data.', dueInDays: 0, done: false },
  { title: 'Plan the team offsite', notes: 'Three options for the venue, and a date poll.', dueInDays: 2, done: false },
  { title: 'Book flights for the conference', notes: '', dueInDays: 7, done: false },
  { title: 'Set up the project board', notes: '', dueInDays: -2, done: true },
  { title: 'Read the onboarding guide', notes: '', dueInDays: null, done: true },
];

export interface SampleNote {
  title: string;
  body: string;
  tags: string[];
}

export const SAMPLE_NOTES: SampleNote[] = [
  {
    title: 'Welcome to Notes',
    body: 'Notes are yours alone. Tag them to group them, and search finds words in titles, bodies and tags.',
    tags: ['getting-started'],
  },
  {
    title: 'Kickoff meeting',
    body: 'Goals for the quarter: ship the beta, sign two pilot customers, hire a designer.\nNext meeting: Thursday.',
    tags: ['work', 'meetings'],
  },
  { title: 'Ideas for the next release', body: 'Dark mode for the reports. Keyboard shortcuts. A weekly summary email.', tags: ['ideas'] },
];

export interface SampleNotification {
  /** Part of the notification's fixed id, so a second run finds it. */
  key: string;
  type: string;
  title: string;
  message: string;
  read: boolean;
  metadata: Record<string, unknown>;
}

export const SAMPLE_NOTIFICATIONS: SampleNotification[] = [
  { key: 'welcome', type: 'system_announcement', title: 'Welcome aboard', message: 'Your account is ready. Have a look around.', read: true, metadata: { url: '/' } },
  {
    key: 'sign-in',
    type: 'security_alerts',
    title: 'New sign-in',
    message: 'Your account signed in from a new browser. If this was not you, change your password.',
    read: true,
    metadata: { url: '/settings' },
  },
  {
    key: 'tasks',
    type: 'system_announcement',
    title: 'Sample data is in',
    message: 'Task Manager has tasks due today and overdue: try completing one.',
    read: false,
    metadata: { url: '/plugins/task_manager' },
  },
  {
    key: 'assistant',
    type: 'system_announcement',
    title: 'Meet the assistant',
    message: 'The task assistant can list, add and complete your tasks. A first chat is waiting.',
    read: false,
    metadata: { url: '/ai' },
  },
];

/** The workflow the sample chat belongs to, and what is said in it. */
export const SAMPLE_CHAT = {
  workflowName: 'TaskAssistant',
  userMessage: 'What is on my list today?',
  reply:
    'You have 5 open tasks. Two are overdue: Renew the domain name and Send the invoice to Acme. ' +
    'Review the pull request is due today, and two more are coming up this week.',
};
