/**
 * Task Manager: tasks with due dates and a status, filtered by status and due date. Every change is
 * pushed to the owner's other open tabs (`task_manager:update`), so they stay current without polling,
 * and published on the event bus (`task_manager:task_created`, `…_updated`, `…_completed`, `…_deleted`).
 * An open task with a due date notifies its owner on that day (`task_manager_task_due`).
 */
import { z } from 'zod';
import { action, definePlugin, type PluginContext } from '@/lib/plugins/sdk';

export interface Task {
  [key: string]: unknown;
  title: string;
  notes: string;
  status: 'open' | 'done';
  /** Calendar day, YYYY-MM-DD, or null for no due date. */
  due_date: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

export type TaskView = ReturnType<typeof present>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'due_date must be a date like 2026-12-31');
const taskId = z.string({ error: 'id is required' }).min(1, 'id is required');

function present(task: Task & { _id: string }) {
  return {
    id: task._id,
    title: task.title,
    notes: task.notes,
    status: task.status,
    due_date: task.due_date,
    completed_at: task.completed_at?.toISOString() ?? null,
    updated_at: task.updated_at.toISOString(),
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/** Tells the user's other tabs and the event bus what changed. */
function announce(ctx: PluginContext, change: 'created' | 'updated' | 'completed' | 'deleted', task: { id: string }) {
  ctx.realtime.sendToUser(ctx.user_id, { type: 'task_manager_update', change: change === 'completed' ? 'updated' : change, task });
  ctx.events.publish(`task_${change}`, { task_id: task.id });
}

/** The hour (UTC) of its due day at which a task's reminder goes out. */
export const DUE_REMINDER_HOUR_UTC = 9;

/**
 * Keeps the task's reminder in step with it: an open task with a due date has one pending reminder
 * (sent at once when that moment has passed), any other task none.
 */
async function syncReminder(ctx: PluginContext, task: TaskView) {
  const key = `task:${task.id}`;
  if (task.status !== 'open' || !task.due_date) {
    await ctx.notifications.cancel({ user_id: ctx.user_id, key });
    return;
  }
  const reminder = {
    user_id: ctx.user_id,
    notification_type: 'task_manager_task_due',
    title: 'Task due',
    message: `"${task.title}" is due ${task.due_date < today() ? `since ${task.due_date}` : 'today'}.`,
    metadata: { task_id: task.id, due_date: task.due_date, url: '/plugins/task_manager' },
  };
  const remindAt = new Date(`${task.due_date}T${String(DUE_REMINDER_HOUR_UTC).padStart(2, '0')}:00:00Z`);
  if (remindAt.getTime() <= Date.now()) {
    await ctx.notifications.cancel({ user_id: ctx.user_id, key });
    await ctx.notifications.create(reminder);
  } else {
    await ctx.notifications.schedule({ ...reminder, message: `"${task.title}" is due today.`, scheduled_for: remindAt, key });
  }
}

export default definePlugin({
  actions: {
    list: action({
      description: 'Lists the user\'s tasks, optionally only open or done ones, or by due date.',
      input: z.object({
        /** Omitted: the user's "Show completed tasks" setting decides between all and open. */
        status: z.enum(['open', 'done', 'all']).optional(),
        due: z.enum(['overdue', 'today', 'upcoming', 'any']).default('any'),
      }),
      handler: async (input, ctx) => {
        const { due } = input;
        const status = input.status ?? ((await ctx.settings.get()).show_completed === false ? 'open' : 'all');
        const filter: Record<string, unknown> = {};
        if (status !== 'all') filter.status = status;
        if (due === 'overdue') Object.assign(filter, { due_date: { $lt: today() }, status: 'open' });
        if (due === 'today') filter.due_date = today();
        if (due === 'upcoming') filter.due_date = { $gt: today() };
        const tasks = await ctx.db.personal<Task>('tasks').find(filter, { sort: { status: -1, due_date: 1, created_at: 1 }, limit: 500 });
        return { items: tasks.map(present), count: tasks.length, status };
      },
    }),

    create: action({
      description: 'Creates a task; due_date is a day (YYYY-MM-DD) or null.',
      input: z.object({
        title: z.string({ error: 'title is required' }).trim().min(1, 'title is required').max(200),
        notes: z.string().max(5_000).default(''),
        due_date: day.nullable().default(null),
      }),
      handler: async (input, ctx) => {
        const now = new Date();
        const task: Task = { ...input, status: 'open', created_at: now, updated_at: now, completed_at: null };
        const { insertedId } = await ctx.db.personal<Task>('tasks').insertOne(task);
        const item = present({ ...task, _id: insertedId });
        announce(ctx, 'created', item);
        await syncReminder(ctx, item);
        return { item };
      },
    }),

    update: action({
      description: 'Changes a task (by id): its title, notes, due date, or status (open or done).',
      input: z.object({
        id: taskId,
        title: z.string().trim().min(1).max(200).optional(),
        notes: z.string().max(5_000).optional(),
        due_date: day.nullable().optional(),
        status: z.enum(['open', 'done']).optional(),
      }),
      handler: async ({ id, ...changes }, ctx) => {
        const now = new Date();
        const completed = changes.status === undefined ? {} : { completed_at: changes.status === 'done' ? now : null };
        const task = await ctx.db.personal<Task>('tasks').findOneAndUpdate({ _id: id }, { $set: { ...changes, ...completed, updated_at: now } });
        if (!task) return { error: 'Task not found', error_code: 'NOT_FOUND' };
        const item = present(task);
        announce(ctx, changes.status === 'done' ? 'completed' : 'updated', item);
        // A rename, a new date or a reopened task changes the reminder; other edits leave it alone.
        if (changes.due_date !== undefined || changes.status !== undefined || changes.title !== undefined) await syncReminder(ctx, item);
        return { item };
      },
    }),

    delete: action({
      description: 'Deletes a task by id, for good.',
      destructive: true,
      input: z.object({ id: taskId }),
      handler: async ({ id }, ctx) => {
        const { deletedCount } = await ctx.db.personal<Task>('tasks').deleteOne({ _id: id });
        if (deletedCount === 0) return { error: 'Task not found', error_code: 'NOT_FOUND' };
        announce(ctx, 'deleted', { id });
        await ctx.notifications.cancel({ user_id: ctx.user_id, key: `task:${id}` });
        return { deleted: true };
      },
    }),
  },
});
