'use client';

import { useId, useState, type FormEvent } from 'react';
import type { ArtifactView } from '@/lib/ai/client/transcript';
import type { Artifact } from '@/lib/ai/protocol';
import { Badge } from '@/lib/ui/badge';
import { Button } from '@/lib/ui/button';
import { Checkbox } from '@/lib/ui/checkbox';
import { DatePicker } from '@/lib/ui/date-picker';
import { Field } from '@/lib/ui/field';
import { Input, Textarea } from '@/lib/ui/input';
import { Select } from '@/lib/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '@/lib/ui/table';
import { RichText } from './rich-text';

type ActionsOf<T> = T extends { actions: infer A } ? A : never;
type ArtifactActions = ActionsOf<Artifact>;
type FormArtifact = Extract<Artifact, { type: 'core.form' }>;
type TableArtifact = Extract<Artifact, { type: 'core.table' }>;

interface SendProps {
  /** Sends a message to the chat, as if the user typed it. */
  onSend: (message: string) => Promise<boolean>;
  /** A run is in progress: actions wait. */
  isBusy: boolean;
}

function titleOf(artifact: Artifact): string {
  if (artifact.title) return artifact.title;
  const names: Record<Artifact['type'], string> = { 'core.markdown': 'Note', 'core.card': 'Card', 'core.list': 'List', 'core.table': 'Table', 'core.form': 'Form' };
  return names[artifact.type];
}

function Actions({ actions, onSend, isBusy }: { actions: ArtifactActions } & SendProps) {
  // An action without a message has nothing to do in the chat.
  const usable = actions.filter((action) => action.message);
  if (usable.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2 pt-2">
      {usable.map((action) => (
        <Button key={action.label} variant={action.style} size="sm" disabled={isBusy} onClick={() => void onSend(action.message ?? '')}>
          {action.label}
        </Button>
      ))}
    </div>
  );
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value.toLocaleString();
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function ArtifactTable({ artifact }: { artifact: TableArtifact }) {
  if (artifact.rows.length === 0) return <p className="text-sm text-fg-muted">No rows.</p>;
  return (
    <Table>
      <THead className="text-xs">
        <TR>
          {artifact.columns.map((column) => (
            <TH key={column.key} className={column.type === 'number' ? 'text-right' : undefined}>
              {column.label}
            </TH>
          ))}
        </TR>
      </THead>
      <TBody>
        {artifact.rows.map((row, index) => (
          <TR key={index}>
            {artifact.columns.map((column) => (
              <TD key={column.key} className={column.type === 'number' ? 'text-right tabular-nums' : undefined}>
                {column.type === 'badge' && cellText(row[column.key]) ? <Badge>{cellText(row[column.key])}</Badge> : cellText(row[column.key])}
              </TD>
            ))}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

/** The form's values as the message the workflow reads: the submit label, then one `Label: value` line per field. */
export function formMessage(artifact: FormArtifact, data: FormData): string {
  const lines = artifact.fields.map((field) => {
    const value = field.type === 'checkbox' ? (data.get(field.name) ? 'yes' : 'no') : String(data.get(field.name) ?? '').trim();
    const shown = field.type === 'select' ? (field.options?.find((option) => option.value === value)?.label ?? value) : value;
    return `${field.label}: ${shown}`;
  });
  return [artifact.submit_label, ...lines].join('\n');
}

function Form({ artifact, onSend, isBusy }: { artifact: FormArtifact } & SendProps) {
  const formId = useId();
  const [isSubmitting, setSubmitting] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setSubmitting(true);
    if (await onSend(formMessage(artifact, new FormData(form)))) form.reset();
    setSubmitting(false);
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={titleOf(artifact)}>
      {artifact.fields.map((field) => {
        const id = `${formId}-${field.name}`;
        if (field.type === 'checkbox') {
          return (
            <label key={field.name} htmlFor={id} className="flex items-center gap-2 text-sm text-fg">
              <Checkbox id={id} name={field.name} />
              {field.label}
            </label>
          );
        }
        const label = (
          <>
            {field.label}
            {field.required && <span aria-hidden="true"> *</span>}
          </>
        );
        return (
          <Field key={field.name} label={label}>
            {field.type === 'textarea' ? (
              <Textarea name={field.name} required={field.required} rows={3} />
            ) : field.type === 'select' ? (
              <Select name={field.name} required={field.required} placeholder="—" options={field.options ?? []} />
            ) : field.type === 'date' ? (
              <DatePicker name={field.name} />
            ) : (
              <Input name={field.name} type={field.type} required={field.required} />
            )}
          </Field>
        );
      })}
      <Button type="submit" disabled={isBusy} pending={isSubmitting}>
        {artifact.submit_label}
      </Button>
    </form>
  );
}

/** One `core.*` artifact, whatever its type. */
export function ArtifactBody({ artifact, onSend, isBusy }: { artifact: Artifact } & SendProps) {
  const heading = <h3 className="text-base font-semibold text-fg">{titleOf(artifact)}</h3>;
  switch (artifact.type) {
    case 'core.markdown':
      return (
        <div className="space-y-2" data-testid="artifact" data-type={artifact.type}>
          {artifact.title && heading}
          <RichText text={artifact.body} className="text-sm text-fg" />
          <Actions actions={artifact.actions} onSend={onSend} isBusy={isBusy} />
        </div>
      );
    case 'core.card':
      return (
        <div className="space-y-2" data-testid="artifact" data-type={artifact.type}>
          {heading}
          {artifact.subtitle && <p className="text-sm text-fg-muted">{artifact.subtitle}</p>}
          {artifact.body && <RichText text={artifact.body} className="text-sm text-fg" />}
          {artifact.metadata.length > 0 && (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              {artifact.metadata.map((entry) => (
                <div key={entry.label} className="contents">
                  <dt className="text-fg-muted">{entry.label}</dt>
                  <dd className="break-words text-fg">{entry.value}</dd>
                </div>
              ))}
            </dl>
          )}
          <Actions actions={artifact.actions} onSend={onSend} isBusy={isBusy} />
        </div>
      );
    case 'core.list':
      return (
        <div className="space-y-2" data-testid="artifact" data-type={artifact.type}>
          {heading}
          {artifact.items.length === 0 ? (
            <p className="text-sm text-fg-muted">Nothing here.</p>
          ) : (
            <ul className="divide-y divide-line rounded-theme border border-line">
              {artifact.items.map((item) => (
                <li key={item.id} className="px-3 py-2 text-sm">
                  <span className="block text-fg">{item.title}</span>
                  {item.subtitle && <span className="block text-xs text-fg-muted">{item.subtitle}</span>}
                </li>
              ))}
            </ul>
          )}
          <Actions actions={artifact.actions} onSend={onSend} isBusy={isBusy} />
        </div>
      );
    case 'core.table':
      return (
        <div className="space-y-2" data-testid="artifact" data-type={artifact.type}>
          {heading}
          <ArtifactTable artifact={artifact} />
          <Actions actions={artifact.actions} onSend={onSend} isBusy={isBusy} />
        </div>
      );
    case 'core.form':
      return (
        <div className="space-y-2" data-testid="artifact" data-type={artifact.type}>
          {heading}
          <Form artifact={artifact} onSend={onSend} isBusy={isBusy} />
        </div>
      );
  }
}

/** The chat's artifacts: the current one in full, earlier ones a click away. */
export function ArtifactPanel({ artifacts, onSend, isBusy }: { artifacts: ArtifactView[] } & SendProps) {
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [seenNewest, setSeenNewest] = useState(artifacts[0]?.artifactId ?? null);
  // A new artifact arriving takes the panel over from an earlier one the user was looking at.
  const newest = artifacts[0]?.artifactId ?? null;
  if (newest !== seenNewest) {
    setSeenNewest(newest);
    setChosenId(null);
  }
  if (artifacts.length === 0) {
    return (
      <p className="p-4 text-sm text-fg-muted" data-testid="artifacts-empty">
        Nothing here yet. Lists, tables and forms the assistant makes appear here.
      </p>
    );
  }
  const shown = artifacts.find((view) => view.artifactId === chosenId) ?? artifacts[0]!;
  const earlier = artifacts.filter((view) => view.artifactId !== shown.artifactId);
  return (
    <div className="space-y-4 p-4" data-testid="artifact-panel">
      <ArtifactCard key={shown.artifactId} view={shown} isCurrent={shown === artifacts[0]} onShowCurrent={() => setChosenId(null)} onSend={onSend} isBusy={isBusy} />
      {earlier.length > 0 && (
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">Earlier</h3>
          <ul className="mt-1 space-y-1">
            {earlier.map((view) => (
              <li key={view.artifactId}>
                <Button variant="ghost" size="sm" className="max-w-full" onClick={() => setChosenId(view.artifactId)}>
                  <span className="min-w-0 truncate">{titleOf(view.artifact)}</span>
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function ArtifactCard({ view, isCurrent, onShowCurrent, onSend, isBusy }: { view: ArtifactView; isCurrent: boolean; onShowCurrent: () => void } & SendProps) {
  return (
    <article className="rounded-theme border border-line bg-surface p-4" aria-label={titleOf(view.artifact)} data-current={isCurrent ? 'true' : 'false'}>
      {!isCurrent && (
        <Button variant="ghost" size="sm" className="mb-2" onClick={onShowCurrent}>
          Back to the latest
        </Button>
      )}
      <ArtifactBody artifact={view.artifact} onSend={onSend} isBusy={isBusy} />
    </article>
  );
}
