/**
 * Task Manager: tasks with due dates and a status, filtered by status and due date. Every change is
 * pushed to the owner's other open tabs (`task_manager:update`), so they stay current without polling.
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

/** Tells the user's other tabs what changed. */
function announce(ctx: PluginContext, change: 'created' | 'updated' | 'deleted', task: { id: string }) {
  ctx.realtime.sendToUser(ctx.user_id, { type: 'task_manager_update', change, task });
}

export default definePlugin({
  actions: {
    list: action({
      input: z.object({
        status: z.enum(['open', 'done', 'all']).default('all'),
        due: z.enum(['overdue', 'today', 'upcoming', 'any']).default('any'),
      }),
      handler: async ({ status, due }, ctx) => {
        const filter: Record<string, unknown> = {};
        if (status !== 'all') filter.status = status;
        if (due === 'overdue') Object.assign(filter, { due_date: { $lt: today() }, status: 'open' });
        if (due === 'today') filter.due_date = today();
        if (due === 'upcoming') filter.due_date = { $gt: today() };
        const tasks = await ctx.db.personal<Task>('tasks').find(filter, { sort: { status: -1, due_date: 1, created_at: 1 }, limit: 500 });
        return { items: tasks.map(present), count: tasks.length };
      },
    }),

    create: action({
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
        return { item };
      },
    }),

    update: action({
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
        announce(ctx, 'updated', item);
        return { item };
      },
    }),

    delete: action({
      input: z.object({ id: taskId }),
      handler: async ({ id }, ctx) => {
        const { deletedCount } = await ctx.db.personal<Task>('tasks').deleteOne({ _id: id });
        if (deletedCount === 0) return { error: 'Task not found', error_code: 'NOT_FOUND' };
        announce(ctx, 'deleted', { id });
        return { deleted: true };
      },
    }),
  },
});
