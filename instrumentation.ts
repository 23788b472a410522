/**
 * Runs once when a Next.js server starts, including plain `next start` and serverless hosts where
 * server.ts is not used: validate env and configs, and refuse to serve with a broken setup.
 */
export async function register(): Promise<void> {
  // Written as one `if` so the Edge build drops the Node-only module entirely.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('./lib/runtime/instrumentation-node');
  }
}
