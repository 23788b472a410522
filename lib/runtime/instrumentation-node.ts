import { after } from 'next/server';
import { provideAfter } from './after-response';
import { describeStartupFailure, startRuntime } from './startup';
// Registers the AI runtime's operations for the socket server (lib/ai/hub.ts) before the first chat message.
import '@/lib/ai/runtime/chats';

// Work requests leave running is handed to the host through after() (lib/runtime/after-response.ts explains why from here).
provideAfter(after);

// `next build` also loads instrumentation; runtime secrets and configs are checked when the app starts.
if (process.env.NEXT_PHASE !== 'phase-production-build') {
  try {
    await startRuntime({ server: 'next' });
  } catch (error) {
    console.error(describeStartupFailure(error));
    process.exit(1);
  }
}
