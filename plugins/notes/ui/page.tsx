'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiRequestError, pluginClient } from '@/lib/plugins/client';
import type notesPlugin from '../logic';

type Note = { id: string; title: string; body: string; tags: string[]; updated_at: string };

const notes = pluginClient<typeof notesPlugin>('notes');

function message(error: unknown): string {
  return error instanceof ApiRequestError ? error.message : 'Something went wrong. Try again.';
}

/** The notes page: write a note, search, delete. */
export default function NotesPage() {
  const [items, setItems] = useState<Note[] | null>(null);
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async (search: string) => {
    try {
      const result = search.trim() ? await notes.call('search', { query: search.trim() }) : await notes.call('list', {});
      setItems(result.items);
      setError(null);
    } catch (caught) {
      setError(message(caught));
    }
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void load(query), query ? 250 : 0);
    return () => clearTimeout(timer);
  }, [query, load]);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setSaving(true);
    try {
      const tags = String(data.get('tags') ?? '')
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean);
      await notes.call('create', { title: String(data.get('title') ?? ''), body: String(data.get('body') ?? ''), tags });
      form.reset();
      await load(query);
    } catch (caught) {
      setError(message(caught));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (id: string) => {
    try {
      await notes.call('delete', { id });
      await load(query);
    } catch (caught) {
      setError(message(caught));
    }
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
      <form onSubmit={create} className="space-y-3 rounded-theme border border-line bg-surface p-4" aria-label="New note">
        <h2 className="font-medium text-fg">New note</h2>
        <label className="block text-sm text-fg">
          Title
          <input name="title" required maxLength={200} className="mt-1 block w-full rounded-theme border border-line bg-surface px-3 py-2" />
        </label>
        <label className="block text-sm text-fg">
          Details
          <textarea name="body" rows={4} className="mt-1 block w-full rounded-theme border border-line bg-surface px-3 py-2" />
        </label>
        <label className="block text-sm text-fg">
          Tags <span className="text-fg-muted">(comma-separated)</span>
          <input name="tags" className="mt-1 block w-full rounded-theme border border-line bg-surface px-3 py-2" />
        </label>
        <button type="submit" disabled={saving} className="w-full rounded-theme bg-accent px-4 py-2 font-medium text-accent-contrast disabled:opacity-60">
          {saving ? 'Saving…' : 'Add note'}
        </button>
      </form>

      <section aria-label="Your notes" className="space-y-3">
        <label className="block">
          <span className="sr-only">Search notes</span>
          <input
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Search notes"
            className="block w-full rounded-theme border border-line bg-surface px-3 py-2"
          />
        </label>
        {error && (
          <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="notes-error">
            {error}
          </p>
        )}
        {items === null ? (
          <p role="status" className="text-fg-muted">
            Loading notes…
          </p>
        ) : items.length === 0 ? (
          <p className="rounded-theme border border-dashed border-line bg-surface p-6 text-center text-fg-muted" data-testid="notes-empty">
            {query ? 'No notes match your search.' : 'No notes yet. Write your first one.'}
          </p>
        ) : (
          <ul className="space-y-3" data-testid="notes-list">
            {items.map((note) => (
              <li key={note.id} className="rounded-theme border border-line bg-surface p-4">
                <div className="flex items-start justify-between gap-3">
                  <h3 className="font-medium text-fg">{note.title}</h3>
                  <button type="button" onClick={() => void remove(note.id)} className="text-sm text-fg-muted hover:text-danger" aria-label={`Delete ${note.title}`}>
                    Delete
                  </button>
                </div>
                {note.body && <p className="mt-1 text-sm whitespace-pre-wrap text-fg-muted">{note.body}</p>}
                {note.tags.length > 0 && (
                  <ul className="mt-2 flex flex-wrap gap-1" aria-label="Tags">
                    {note.tags.map((tag) => (
                      <li key={tag} className="rounded-full bg-surface-alt px-2 py-0.5 text-xs text-fg-muted">
                        {tag}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
