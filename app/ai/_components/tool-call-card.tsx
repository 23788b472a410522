import type { ToolCallItem, ToolStatus } from '@/lib/ai/client/transcript';

const STATUS: Record<ToolStatus, { label: string; className: string }> = {
  pending: { label: 'Running…', className: 'bg-surface-alt text-fg-muted' },
  awaiting_approval: { label: 'Needs your approval', className: 'bg-warning/15 text-warning' },
  ok: { label: 'Done', className: 'bg-success/15 text-success' },
  error: { label: 'Failed', className: 'bg-danger/15 text-danger' },
  denied: { label: 'Denied', className: 'bg-surface-alt text-fg-muted' },
  cancelled: { label: 'Cancelled', className: 'bg-surface-alt text-fg-muted' },
};

/** A value as one short line: strings quoted, objects as compact JSON, long ones cut. */
function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** `title: "Buy milk", due_date: "2026-12-03"`: what a tool was called with, in one line. */
export function summarizeArgs(args: Record<string, unknown>): string {
  return Object.entries(args)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}: ${shortValue(value)}`)
    .join(', ');
}

function formatResult(result: unknown): string {
  return typeof result === 'string' ? result : JSON.stringify(result, null, 2);
}

/** A tool the assistant called: what, with what, how it went, and (on demand) what it returned. */
export function ToolCallCard({ item }: { item: ToolCallItem }) {
  const status = STATUS[item.status];
  const args = summarizeArgs(item.args);
  return (
    <div className="rounded-theme border border-line bg-surface px-3 py-2 text-sm" data-testid="tool-call" data-status={item.status}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-fg">{item.title || item.toolName}</span>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${status.className}`} data-testid="tool-status">
          {status.label}
        </span>
      </div>
      {args && <p className="mt-1 font-mono text-xs break-all text-fg-muted">{args}</p>}
      {item.error && (
        <p className="mt-1 text-danger" data-testid="tool-error">
          {item.error.detail}
        </p>
      )}
      {item.result !== undefined && (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-accent hover:underline">Show result</summary>
          <pre className="mt-1 max-h-64 overflow-auto rounded-theme bg-surface-alt p-2 font-mono text-xs whitespace-pre-wrap break-words">{formatResult(item.result)}</pre>
        </details>
      )}
    </div>
  );
}
