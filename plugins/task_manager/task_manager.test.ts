import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import * as logic from './logic';
import manifest from './plugin.json';

let tasks: PluginTester;
beforeEach(async () => {
  tasks = await createPluginTester({ manifest, module: logic });
});
afterEach(async () => tasks.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const titles = (body: { items: { title: string }[] }) => body.items.map((task) => task.title);

describe('task_manager', () => {
  it('creates, completes, reopens and deletes a task', async () => {
    const { body } = await tasks.call('create', { title: 'File taxes', due_date: day(3) });
    expect(body.item).toMatchObject({ title: 'File taxes', status: 'open', due_date: day(3), completed_at: null });
    const done = await tasks.call('update', { id: body.item.id, status: 'done' });
    expect(done.body.item.status).toBe('done');
    expect(done.body.item.completed_at).not.toBeNull();
    const reopened = await tasks.call('update', { id: body.item.id, status: 'open' });
    expect(reopened.body.item.completed_at).toBeNull();
    expect((await tasks.call('delete', { id: body.item.id })).body).toEqual({ deleted: true });
    expect((await tasks.call('list')).body.count).toBe(0);
  });

  it('filters by status and by due date', async () => {
    await tasks.call('create', { title: 'Late', due_date: day(-2) });
    await tasks.call('create', { title: 'Now', due_date: day(0) });
    await tasks.call('create', { title: 'Soon', due_date: day(5) });
    await tasks.call('create', { title: 'Someday' });
    const finished = (await tasks.call('create', { title: 'Finished', due_date: day(-1) })).body.item;
    await tasks.call('update', { id: finished.id, status: 'done' });

    expect(titles((await tasks.call('list', { due: 'overdue' })).body)).toEqual(['Late']);
    expect(titles((await tasks.call('list', { due: 'today' })).body)).toEqual(['Now']);
    expect(titles((await tasks.call('list', { due: 'upcoming' })).body)).toEqual(['Soon']);
    expect(titles((await tasks.call('list', { status: 'done' })).body)).toEqual(['Finished']);
    expect((await tasks.call('list', { status: 'open' })).body.count).toBe(4);
  });

  it("keeps each user's tasks apart", async () => {
    await tasks.call('create', { title: 'Mine' });
    const other = tasks.as({ user_id: 'someone_else' });
    expect((await other.call('list')).body.count).toBe(0);
    const mine = (await tasks.call('list')).body.items[0].id;
    expect((await other.call('update', { id: mine, status: 'done' })).status).toBe(404);
  });

  it('explains bad input', async () => {
    expect(await tasks.call('create', { title: 'x', due_date: 'tomorrow' })).toMatchObject({
      status: 422,
      body: { detail: 'Invalid request: $.due_date due_date must be a date like 2026-12-31' },
    });
    expect((await tasks.call('list', { status: 'maybe' })).status).toBe(422);
  });
});

describe('task_manager reminders', () => {
  it('notifies at once about a task that is already due, and schedules one for a later due date', async () => {
    await tasks.call('create', { title: 'Pay rent', due_date: day(-1) });
    const [reminder] = await tasks.notifications();
    expect(reminder).toMatchObject({ type: 'task_manager_task_due', title: 'Task due', read: false });
    expect(reminder?.message).toContain('Pay rent');

    const later = (await tasks.call('create', { title: 'Renew passport', due_date: day(10) })).body.item;
    const [scheduled] = await tasks.scheduledNotifications();
    expect(scheduled).toMatchObject({ type: 'task_manager_task_due', key: `task_manager:task:${later.id}` });
    expect(scheduled?.scheduled_for.toISOString()).toBe(`${day(10)}T09:00:00.000Z`);
    expect(await tasks.notifications()).toHaveLength(1);
  });

  it('moves the reminder with the due date and drops it when the task is done or deleted', async () => {
    const task = (await tasks.call('create', { title: 'Dentist', due_date: day(5) })).body.item;
    await tasks.call('update', { id: task.id, due_date: day(7) });
    const moved = await tasks.scheduledNotifications();
    expect(moved.map((job) => job.scheduled_for.toISOString())).toEqual([`${day(7)}T09:00:00.000Z`]);

    await tasks.call('update', { id: task.id, status: 'done' });
    expect(await tasks.scheduledNotifications()).toEqual([]);
    await tasks.call('update', { id: task.id, status: 'open' });
    expect(await tasks.scheduledNotifications()).toHaveLength(1);
    await tasks.call('delete', { id: task.id });
    expect(await tasks.scheduledNotifications()).toEqual([]);
  });

  it('sends nothing when the user turned task reminders off', async () => {
    const { savePreferences } = await import('@/lib/notifications');
    await savePreferences('test_app', 'test_user', { task_manager_task_due: { enabled: false } });
    await tasks.call('create', { title: 'Quiet', due_date: day(-1) });
    expect(await tasks.notifications()).toEqual([]);
  });
});

describe('task_manager settings', () => {
  it('hides completed tasks by default once the user turns "Show completed tasks" off', async () => {
    await tasks.call('create', { title: 'Open one' });
    const done = (await tasks.call('create', { title: 'Done one' })).body.item;
    await tasks.call('update', { id: done.id, status: 'done' });
    expect((await tasks.call('list')).body).toMatchObject({ status: 'all', count: 2 });

    await tasks.saveSettings({ show_completed: false });
    const list = (await tasks.call('list')).body;
    expect(list.status).toBe('open');
    expect(titles(list)).toEqual(['Open one']);
    // An explicit filter still wins.
    expect(titles((await tasks.call('list', { status: 'done' })).body)).toEqual(['Done one']);
  });
});
