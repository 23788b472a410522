'use client';

import './globals.css';
import { Button } from '@/lib/ui/button';

/**
 * Replaces the whole page when the shell itself fails (for example, a config file broke during development).
 * Outside the root layout: the kit's Button needs no provider, only the classes globals.css brings.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh items-center justify-center p-6">
        <main className="max-w-lg text-center" role="alert">
          <h1 className="text-3xl">The app could not load</h1>
          <p className="mt-4 text-fg-muted">
            Something failed before the page could be drawn. If you are developing this app, the terminal running it says what; `npm run doctor` checks the
            configuration.
          </p>
          {error.digest && <p className="mt-2 text-xs text-fg-muted">Reference: {error.digest}</p>}
          <Button onClick={reset} className="mt-8">
            Try again
          </Button>
        </main>
      </body>
    </html>
  );
}
