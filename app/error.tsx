'use client';

import Link from 'next/link';
import { Button } from '@/lib/ui/button';

/** Shown inside the shell when a page fails to render; the digest lets an operator find the log entry. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="mx-auto max-w-lg py-16 text-center" aria-labelledby="error-title" role="alert">
      <h1 id="error-title" className="text-3xl">
        Something went wrong
      </h1>
      <p className="mt-4 text-fg-muted">This page could not be shown. Try again; if it keeps happening, contact the app&apos;s administrator.</p>
      {error.digest && <p className="mt-2 text-xs text-fg-muted">Reference: {error.digest}</p>}
      <div className="mt-8 flex justify-center gap-3">
        <Button onClick={reset}>Try again</Button>
        <Button asChild variant="secondary">
          <Link href="/">Go to the dashboard</Link>
        </Button>
      </div>
    </section>
  );
}
