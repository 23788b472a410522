/**
 * The task assistant under the built-in local model (no API key): a deterministic script that
 * recognises a few phrasings, so the whole loop — tool calls through the Director, the approval of a
 * delete, the answer — runs offline in development and in tests. A real model replaces all of this.
 */
import type { LocalReply, LocalTurn } from '@/lib/ai/workflows/definition';

interface TaskItem {
  id: string;
  title: string;
  status: string;
}

const QUOTES = /^["“'‘]|["”'’.!]$/g;
const clean = (text: string) => text.trim().replace(QUOTES, '').replace(QUOTES, '').trim();

function dayOf(word: string | undefined): string | null {
  if (!word) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(word)) return word;
  const date = new Date();
  if (/^tomorrow$/i.test(word)) date.setUTCDate(date.getUTCDate() + 1);
  else if (!/^today$/i.test(word)) return null;
  return date.toISOString().slice(0, 10);
}

type Intent = { kind: 'create'; title: string; due: string | null } | { kind: 'delete' | 'complete'; title: string } | { kind: 'list' } | null;

function intentOf(text: string | null): Intent {
  if (!text) return null;
  const create = /\b(?:add|create|new)\b(?:\s+(?:a|an|the))?\s+tasks?\b(?:\s+(?:called|named|to))?[:\s]+(.+?)(?:\s+due\s+(\S+))?\s*$/i.exec(text);
  if (create) return { kind: 'create', title: clean(create[1]!), due: dayOf(create[2]) };
  const remove = /\b(?:delete|remove)\b(?:\s+(?:the|my))?\s+tasks?\b(?:\s+(?:called|named))?[:\s]+(.+?)\s*$/i.exec(text);
  if (remove) return { kind: 'delete', title: clean(remove[1]!) };
  const complete = /\b(?:complete|finish|mark)\b(?:\s+(?:the|my))?\s+tasks?\b(?:\s+(?:called|named))?[:\s]+(.+?)(?:\s+as\s+done)?\s*$/i.exec(text);
  if (complete) return { kind: 'complete', title: clean(complete[1]!) };
  if (/\b(?:list|show|what)\b.*\btasks?\b/i.test(text)) return { kind: 'list' };
  return null;
}

function find(items: TaskItem[], title: string): TaskItem | undefined {
  const wanted = title.toLowerCase();
  return items.find((task) => task.title.toLowerCase() === wanted) ?? items.find((task) => task.title.toLowerCase().includes(wanted));
}

const failed = (result: unknown) => (typeof result === 'object' && result !== null && 'error' in result ? String((result as { error: unknown }).error) : null);

export function taskAssistantScript(turn: LocalTurn): LocalReply {
  const intent = intentOf(turn.lastUserText);
  const results = turn.toolResults;
  const last = results.at(-1);
  if (!intent) return { text: 'I can add, list, complete or delete tasks — for example “add a task Water the plants due today” or “delete the task Water the plants”.' };

  if (intent.kind === 'list') {
    if (!last) return { tool_calls: [{ name: 'list_tasks', args: { status: 'all' } }] };
    const items = (last.result as { items?: TaskItem[] }).items ?? [];
    if (items.length === 0) return { text: 'You have no tasks yet.' };
    return { text: `You have ${items.length} task${items.length === 1 ? '' : 's'}: ${items.map((task) => `${task.title} (${task.status})`).join(', ')}.` };
  }

  if (intent.kind === 'create') {
    if (!last) return { tool_calls: [{ name: 'create_task', args: { title: intent.title, due_date: intent.due } }] };
    const error = failed(last.result);
    return { text: error ? `I could not add it: ${error}` : `Added “${intent.title}”${intent.due ? `, due ${intent.due}` : ''}.` };
  }

  // Delete or complete: look the task up first, then act on its id.
  if (!last) return { tool_calls: [{ name: 'list_tasks', args: { status: 'all' } }] };
  if (last.tool_name === 'list_tasks') {
    const task = find((last.result as { items?: TaskItem[] }).items ?? [], intent.title);
    if (!task) return { text: `I could not find a task called “${intent.title}”.` };
    return intent.kind === 'delete'
      ? { tool_calls: [{ name: 'delete_task', args: { id: task.id } }] }
      : { tool_calls: [{ name: 'complete_task', args: { id: task.id, status: 'done' } }] };
  }
  const result = last.result as { denied?: boolean };
  if (result?.denied) return { text: `OK, I kept “${intent.title}”.` };
  const error = failed(last.result);
  if (error) return { text: `That did not work: ${error}` };
  return { text: intent.kind === 'delete' ? `Deleted “${intent.title}”.` : `Marked “${intent.title}” as done.` };
}
