import { describeStartupFailure, startRuntime } from './startup';

// `next build` also loads instrumentation; runtime secrets and configs are checked when the app starts.
if (process.env.NEXT_PHASE !== 'phase-production-build') {
  try {
    await startRuntime();
  } catch (error) {
    console.error(describeStartupFailure(error));
    process.exit(1);
  }
}
