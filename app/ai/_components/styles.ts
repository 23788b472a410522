/** Button looks shared by the chat UI (artifact actions use the same four styles by name). */
export const buttonStyle = {
  primary: 'inline-flex items-center justify-center gap-2 rounded-theme bg-accent px-3 py-2 text-sm font-medium text-accent-contrast hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50',
  secondary: 'inline-flex items-center justify-center gap-2 rounded-theme border border-line bg-surface px-3 py-2 text-sm font-medium text-fg hover:bg-surface-alt disabled:cursor-not-allowed disabled:opacity-50',
  ghost: 'inline-flex items-center justify-center gap-2 rounded-theme px-3 py-2 text-sm font-medium text-fg-muted hover:bg-surface-alt hover:text-fg disabled:cursor-not-allowed disabled:opacity-50',
  danger: 'inline-flex items-center justify-center gap-2 rounded-theme bg-danger px-3 py-2 text-sm font-medium text-white hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50',
} as const;

export const iconButtonStyle =
  'inline-flex size-9 shrink-0 items-center justify-center rounded-theme text-fg-muted hover:bg-surface-alt hover:text-fg disabled:cursor-not-allowed disabled:opacity-50';

export const inputStyle = 'block w-full rounded-theme border border-line bg-surface px-3 py-2 text-sm text-fg outline-none focus:border-accent';
