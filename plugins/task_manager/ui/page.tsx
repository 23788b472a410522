'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { ApiRequestError, pluginClient } from '@/lib/plugins/client';
import { useRealtimeEvent } from '@/lib/realtime/client';
import type taskManager from '../logic';
import type { TaskView } from '../logic';

const tasks = pluginClient<typeof taskManager>('task_manager');

type Status = 'all' | 'open' | 'done';
type Due = 'any' | 'overdue' | 'today' | 'upcoming';

const selectClass = 'rounded-theme border border-line bg-surface px-2 py-1.5 text-sm text-fg';

/** Tasks with due dates: add, complete, filter, delete; other tabs follow along live. */
export default function TaskManagerPage() {
  const [items, setItems] = useState<TaskView[] | null>(null);
  // null until the user picks one: the server applies their "Show completed tasks" setting.
  const [status, setStatus] = useState<Status | null>(null);
  const [appliedStatus, setAppliedStatus] = useState<Status>('all');
  const [due, setDue] = useState<Due>('any');
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => setVersion((value) => value + 1);

  useEffect(() => {
    let current = true;
    tasks.call('list', { due, ...(status ? { status } : {}) }).then(
      (result) => {
        if (!current) return;
        setItems(result.items);
        setAppliedStatus(result.status);
        setError(null);
      },
      (caught: unknown) => {
        if (current) setError(caught instanceof ApiRequestError ? caught.message : 'Could not load tasks.');
      },
    );
    return () => {
      current = false;
    };
  }, [status, due, version]);

  // Another tab (or device) of this user changed something.
  useRealtimeEvent('task_manager:update', refresh);

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      refresh();
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'That did not work. Try again.');
    }
  };

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const dueDate = String(data.get('due_date') ?? '');
    void run(async () => {
      await tasks.call('create', { title: String(data.get('title') ?? ''), due_date: dueDate || null });
      form.reset();
    });
  };

  return (
    <div className="space-y-5">
      <form onSubmit={create} aria-label="New task" className="flex flex-wrap items-end gap-2 rounded-theme border border-line bg-surface p-4">
        <label className="min-w-48 flex-1 text-sm text-fg">
          Task
          <input name="title" required maxLength={200} className="mt-1 block w-full rounded-theme border border-line bg-surface px-3 py-2" />
        </label>
        <label className="text-sm text-fg">
          Due
          <input name="due_date" type="date" className="mt-1 block rounded-theme border border-line bg-surface px-3 py-2" />
        </label>
        <button type="submit" className="rounded-theme bg-accent px-4 py-2 font-medium text-accent-contrast">
          Add task
        </button>
      </form>

      <div className="flex flex-wrap gap-3" role="group" aria-label="Filters">
        <label className="text-sm text-fg-muted">
          Status{' '}
          <select value={status ?? appliedStatus} onChange={(event) => setStatus(event.target.value as Status)} className={selectClass}>
            <option value="all">All</option>
            <option value="open">Open</option>
            <option value="done">Done</option>
          </select>
        </label>
        <label className="text-sm text-fg-muted">
          Due{' '}
          <select value={due} onChange={(event) => setDue(event.target.value as Due)} className={selectClass}>
            <option value="any">Any time</option>
            <option value="overdue">Overdue</option>
            <option value="today">Today</option>
            <option value="upcoming">Upcoming</option>
          </select>
        </label>
      </div>

      {error && (
        <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {error}
        </p>
      )}

      {items === null ? (
        <p role="status" className="text-fg-muted">
          Loading tasks…
        </p>
      ) : items.length === 0 ? (
        <p className="rounded-theme border border-dashed border-line bg-surface p-6 text-center text-fg-muted" data-testid="tasks-empty">
          {(status ?? appliedStatus) === 'all' && due === 'any' ? 'No tasks yet. Add the first one above.' : 'No tasks match these filters.'}
        </p>
      ) : (
        <ul className="divide-y divide-line rounded-theme border border-line bg-surface" data-testid="tasks-list">
          {items.map((task) => (
            <li key={task.id} className="flex items-center gap-3 px-4 py-3">
              <input
                type="checkbox"
                checked={task.status === 'done'}
                onChange={() => void run(() => tasks.call('update', { id: task.id, status: task.status === 'done' ? 'open' : 'done' }))}
                aria-label={`${task.status === 'done' ? 'Reopen' : 'Complete'} ${task.title}`}
                className="size-4 accent-[var(--mz-accent)]"
              />
              <span className={`flex-1 ${task.status === 'done' ? 'text-fg-muted line-through' : 'text-fg'}`} data-testid="task-title">
                {task.title}
              </span>
              {task.due_date && <span className="text-xs text-fg-muted">due {task.due_date}</span>}
              <button
                type="button"
                onClick={() => void run(() => tasks.call('delete', { id: task.id }))}
                className="text-sm text-fg-muted hover:text-danger"
                aria-label={`Delete ${task.title}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
