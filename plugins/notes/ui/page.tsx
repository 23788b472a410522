'use client';

import { NotebookPen, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiRequestError, errorMessage, pluginClient, usePreloaded } from '@/lib/plugins/client';
import { Badge, Button, Card, CardContent, CardHeader, ConfirmDialog, EmptyState, Field, Input, SkeletonList, Textarea, toast } from '@/lib/ui';
import type notesPlugin from '../logic';

type Note = { id: string; title: string; body: string; tags: string[]; updated_at: string };

const notes = pluginClient<typeof notesPlugin>('notes');

/** The notes page: write a note, search, delete. */
export default function NotesPage() {
  // The list the server fetched with the page (plugin.json's page.preload), so it paints with the HTML.
  const first = usePreloaded(notes, 'list', {});
  const [items, setItems] = useState<Note[] | null>(first?.items ?? null);
  const hasFirst = useRef(first !== undefined);
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Readonly<Record<string, string>>>({});
  const [saving, setSaving] = useState(false);

  const load = useCallback(async (search: string) => {
    try {
      const result = search.trim() ? await notes.call('search', { query: search.trim() }) : await notes.call('list', {});
      setItems(result.items);
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught, 'Could not load your notes. Try again.'));
    }
  }, []);

  useEffect(() => {
    if (hasFirst.current) {
      hasFirst.current = false;
      return;
    }
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
      setFieldErrors({});
      toast.success('Note added');
      await load(query);
    } catch (caught) {
      setFieldErrors(caught instanceof ApiRequestError ? caught.fields : {});
      toast.error('The note was not added', errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (note: Note) => {
    try {
      await notes.call('delete', { id: note.id });
      toast.success('Note deleted', note.title);
      await load(query);
    } catch (caught) {
      toast.error(`Could not delete “${note.title}”`, errorMessage(caught));
    }
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
      <Card className="self-start">
        <CardHeader title="New note" />
        <form onSubmit={(event) => void create(event)} className="space-y-3 p-4" aria-label="New note" noValidate>
          <Field label="Title" error={fieldErrors.title}>
            <Input name="title" maxLength={200} autoComplete="off" />
          </Field>
          <Field label="Details" error={fieldErrors.body}>
            <Textarea name="body" rows={4} />
          </Field>
          <Field label="Tags" hint="Separate tags with commas." error={fieldErrors.tags}>
            <Input name="tags" autoComplete="off" />
          </Field>
          <Button type="submit" pending={saving} pendingLabel="Saving…" className="w-full">
            Add note
          </Button>
        </form>
      </Card>

      <section aria-label="Your notes" className="space-y-3">
        <Input type="search" aria-label="Search notes" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search notes" />
        {error && (
          <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="notes-error">
            {error}
          </p>
        )}
        {items === null ? (
          !error && <SkeletonList rows={3} label="Loading notes" />
        ) : items.length === 0 ? (
          <EmptyState
            icon={NotebookPen}
            data-testid="notes-empty"
            title={query ? 'No notes match your search.' : 'No notes yet. Write your first one.'}
            description={query ? 'Search looks in titles, details and tags.' : 'Notes are private to you; tags help you find them again.'}
          />
        ) : (
          <ul className="space-y-3" data-testid="notes-list">
            {items.map((note) => (
              <li key={note.id}>
                <Card>
                  <CardContent>
                    <div className="flex items-start justify-between gap-3">
                      <h3 className="font-medium text-fg">{note.title}</h3>
                      <ConfirmDialog
                        title="Delete this note?"
                        description={`“${note.title}” will be deleted for good.`}
                        confirmLabel="Delete note"
                        onConfirm={() => remove(note)}
                        trigger={
                          <Button variant="ghost" size="icon" aria-label={`Delete ${note.title}`}>
                            <Trash2 aria-hidden className="size-4" />
                          </Button>
                        }
                      />
                    </div>
                    {note.body && <p className="mt-1 text-sm whitespace-pre-wrap text-fg-muted">{note.body}</p>}
                    {note.tags.length > 0 && (
                      <ul className="mt-2 flex flex-wrap gap-1" aria-label="Tags">
                        {note.tags.map((tag) => (
                          <li key={tag}>
                            <Badge>{tag}</Badge>
                          </li>
                        ))}
                      </ul>
                    )}
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
