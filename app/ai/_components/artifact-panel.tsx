'use client';

import { useId, useState, type FormEvent } from 'react';
import type { ArtifactView } from '@/lib/ai/client/transcript';
import type { Artifact } from '@/lib/ai/protocol';
import { Checkbox, DatePicker, Select } from '@/lib/ui';
import { RichText } from './rich-text';
import { buttonStyle, inputStyle } from './styles';

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
        <button key={action.label} type="button" className={buttonStyle[action.style]} disabled={isBusy} onClick={() => void onSend(action.message ?? '')}>
          {action.label}
        </button>
      ))}
    </div>
  );
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value.toLocaleString();
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Table({ artifact }: { artifact: TableArtifact }) {
  if (artifact.rows.length === 0) return <p className="text-sm text-fg-muted">No rows.</p>;
  return (
    <div className="overflow-x-auto rounded-theme border border-line">
      <table className="w-full text-left text-sm">
        <thead className="bg-surface-alt text-xs text-fg-muted">
          <tr>
            {artifact.columns.map((column) => (
              <th key={column.key} scope="col" className={`px-3 py-2 font-medium ${column.type === 'number' ? 'text-right' : ''}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {artifact.rows.map((row, index) => (
            <tr key={index}>
              {artifact.columns.map((column) => (
                <td key={column.key} className={`px-3 py-2 text-fg ${column.type === 'number' ? 'text-right tabular-nums' : ''}`}>
                  {column.type === 'badge' && cellText(row[column.key]) ? (
                    <span className="rounded-full bg-surface-alt px-2 py-0.5 text-xs">{cellText(row[column.key])}</span>
                  ) : (
                    cellText(row[column.key])
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
        return (
          <div key={field.name} className="space-y-1">
            <label htmlFor={id} className="block text-sm font-medium text-fg">
              {field.label}
              {field.required && <span aria-hidden="true"> *</span>}
            </label>
            {field.type === 'textarea' ? (
              <textarea id={id} name={field.name} required={field.required} rows={3} className={inputStyle} />
            ) : field.type === 'select' ? (
              <Select id={id} name={field.name} required={field.required} placeholder="—" options={field.options ?? []} />
            ) : field.type === 'date' ? (
              <DatePicker id={id} name={field.name} />
            ) : (
              <input id={id} name={field.name} type={field.type} required={field.required} className={inputStyle} />
            )}
          </div>
        );
      })}
      <button type="submit" className={buttonStyle.primary} disabled={isBusy || isSubmitting}>
        {artifact.submit_label}
      </button>
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
          <Table artifact={artifact} />
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
                <button type="button" className="w-full truncate rounded-theme px-2 py-1 text-left text-sm text-fg hover:bg-surface-alt" onClick={() => setChosenId(view.artifactId)}>
                  {titleOf(view.artifact)}
                </button>
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
        <button type="button" className="mb-2 text-xs text-accent hover:underline" onClick={onShowCurrent}>
          Back to the latest
        </button>
      )}
      <ArtifactBody artifact={view.artifact} onSend={onSend} isBusy={isBusy} />
    </article>
  );
}
