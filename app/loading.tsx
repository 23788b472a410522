/** Shown while a page's data loads. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4" data-testid="page-loading">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-1/3 animate-pulse rounded-theme bg-surface-alt" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {[0, 1, 2].map((index) => (
          <div key={index} className="h-28 animate-pulse rounded-theme bg-surface-alt" />
        ))}
      </div>
    </div>
  );
}
