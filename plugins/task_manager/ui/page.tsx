'use client';

import { ListTodo, Trash2 } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiRequestError, errorMessage, pluginClient } from '@/lib/plugins/client';
import { useRealtimeEvent } from '@/lib/realtime/client';
import { Badge, Button, Card, Checkbox, ConfirmDialog, DatePicker, EmptyState, Field, Input, Select, SkeletonList, toast, toIsoDay } from '@/lib/ui';
import type taskManager from '../logic';
import type { TaskView } from '../logic';

const tasks = pluginClient<typeof taskManager>('task_manager');

type Status = 'all' | 'open' | 'done';
type Due = 'any' | 'overdue' | 'today' | 'upcoming';

const statusOptions = [
  { value: 'all', label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'done', label: 'Done' },
] as const;
const dueOptions = [
  { value: 'any', label: 'Any time' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'today', label: 'Today' },
  { value: 'upcoming', label: 'Upcoming' },
] as const;

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** "Overdue", "Today" or the day, for an open task's due date (the user's own calendar). */
function DueBadge({ task }: { task: TaskView }) {
  if (!task.due_date) return null;
  const today = toIsoDay(new Date());
  const [year, month, day] = task.due_date.split('-').map(Number);
  const label = `Due ${dayFormat.format(new Date(year!, month! - 1, day))}`;
  if (task.status === 'done') return <span className="text-xs text-fg-muted">{label}</span>;
  if (task.due_date < today) return <Badge tone="danger">Overdue · {label}</Badge>;
  if (task.due_date === today) return <Badge tone="warning">Due today</Badge>;
  return <Badge>{label}</Badge>;
}

/** Tasks with due dates: add, complete, filter, delete; other tabs follow along live. */
export default function TaskManagerPage() {
  const [items, setItems] = useState<TaskView[] | null>(null);
  // null until the user picks one: the server applies their "Show completed tasks" setting.
  const [status, setStatus] = useState<Status | null>(null);
  const [appliedStatus, setAppliedStatus] = useState<Status>('all');
  const [due, setDue] = useState<Due>('any');
  const [version, setVersion] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Readonly<Record<string, string>>>({});
  const [adding, setAdding] = useState(false);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const refresh = () => setVersion((value) => value + 1);

  useEffect(() => {
    let current = true;
    tasks.call('list', { due, ...(status ? { status } : {}) }).then(
      (result) => {
        if (!current) return;
        setItems(result.items);
        setAppliedStatus(result.status);
        setLoadError(null);
      },
      (caught: unknown) => {
        if (current) setLoadError(errorMessage(caught, 'Could not load tasks.'));
      },
    );
    return () => {
      current = false;
    };
  }, [status, due, version]);

  // Another tab (or device) of this user changed something.
  useRealtimeEvent('task_manager:update', refresh);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const title = String(new FormData(form).get('title') ?? '');
    setAdding(true);
    try {
      await tasks.call('create', { title, due_date: dueDate });
      form.reset();
      setDueDate(null);
      setFieldErrors({});
      refresh();
    } catch (caught) {
      setFieldErrors(caught instanceof ApiRequestError ? caught.fields : {});
      toast.error('The task was not added', errorMessage(caught));
    } finally {
      setAdding(false);
    }
  };

  /** Ticks at once; the server's answer confirms it, or the tick is taken back and the user told. */
  const toggle = async (task: TaskView) => {
    const next = task.status === 'done' ? 'open' : 'done';
    const setStatusOf = (value: TaskView['status']) =>
      setItems((list) => list?.map((item) => (item.id === task.id ? { ...item, status: value } : item)) ?? list);
    setStatusOf(next);
    try {
      await tasks.call('update', { id: task.id, status: next });
      refresh();
    } catch (caught) {
      setStatusOf(task.status);
      toast.error(`Could not ${next === 'done' ? 'complete' : 'reopen'} “${task.title}”`, errorMessage(caught));
    }
  };

  const remove = async (task: TaskView) => {
    try {
      await tasks.call('delete', { id: task.id });
      setItems((list) => list?.filter((item) => item.id !== task.id) ?? list);
      toast.success('Task deleted', task.title);
      refresh();
    } catch (caught) {
      toast.error(`Could not delete “${task.title}”`, errorMessage(caught));
    }
  };

  const filtered = (status ?? appliedStatus) !== 'all' || due !== 'any';

  return (
    <div className="space-y-5">
      <Card>
        <form onSubmit={(event) => void create(event)} aria-label="New task" className="flex flex-wrap items-start gap-3 p-4" noValidate>
          <Field label="Task" error={fieldErrors.title} className="min-w-48 flex-1">
            <Input name="title" maxLength={200} placeholder="What needs doing?" autoComplete="off" />
          </Field>
          <Field label="Due" error={fieldErrors.due_date} className="w-48">
            <DatePicker value={dueDate} onValueChange={setDueDate} placeholder="No due date" />
          </Field>
          <Button type="submit" pending={adding} pendingLabel="Adding…" className="mt-6">
            Add task
          </Button>
        </form>
      </Card>

      <div className="flex flex-wrap gap-3" role="group" aria-label="Filters">
        <Field label="Status" className="w-36">
          <Select options={statusOptions} value={status ?? appliedStatus} onValueChange={setStatus} />
        </Field>
        <Field label="Due" className="w-40">
          <Select options={dueOptions} value={due} onValueChange={setDue} />
        </Field>
      </div>

      {loadError && (
        <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {loadError}
        </p>
      )}

      {items === null ? (
        !loadError && <SkeletonList rows={3} label="Loading tasks" />
      ) : items.length === 0 ? (
        <EmptyState
          icon={ListTodo}
          data-testid="tasks-empty"
          title={filtered ? 'No tasks match these filters.' : 'No tasks yet. Add the first one above.'}
          description={filtered ? 'Change the filters to see your other tasks.' : 'Give a task a due date and you will be reminded on the day.'}
        />
      ) : (
        <Card>
          <ul className="divide-y divide-line" data-testid="tasks-list">
            {items.map((task) => (
              <li key={task.id} className="flex items-center gap-3 px-4 py-3">
                <Checkbox
                  checked={task.status === 'done'}
                  onCheckedChange={() => void toggle(task)}
                  aria-label={`${task.status === 'done' ? 'Reopen' : 'Complete'} ${task.title}`}
                />
                <span className={`min-w-0 flex-1 truncate ${task.status === 'done' ? 'text-fg-muted line-through' : 'text-fg'}`} data-testid="task-title">
                  {task.title}
                </span>
                <DueBadge task={task} />
                <ConfirmDialog
                  title="Delete this task?"
                  description={`“${task.title}” will be deleted, with its reminder.`}
                  confirmLabel="Delete task"
                  onConfirm={() => remove(task)}
                  trigger={
                    <Button variant="ghost" size="icon" aria-label={`Delete ${task.title}`}>
                      <Trash2 aria-hidden className="size-4" />
                    </Button>
                  }
                />
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
