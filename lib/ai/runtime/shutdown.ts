import { allRuns } from './runs';

/** Stops every run in progress and waits until each has stored its state (graceful shutdown). */
export async function stopAllRuns(): Promise<void> {
  const runs = allRuns();
  for (const run of runs) run.controller.abort();
  await Promise.all(runs.map((run) => run.finished));
}
