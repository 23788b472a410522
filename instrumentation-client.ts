/**
 * Runs in the browser before the app's own code. Zod compiles its object parsers with `new Function`
 * when it may, and probes for that as its first object schema is built; the pages' Content-Security-Policy
 * refuses eval in production, and browsers report the refused probe as a violation even though Zod
 * falls back. Jitless mode skips the probe (what Zod advises under a strict CSP); the server keeps the JIT.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
