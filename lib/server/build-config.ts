import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Production: Next takes its configuration from the build (`.next/required-server-files.json`), as the server of
 * Next's own standalone output does, instead of loading next.config.ts at start-up. Loading it would need the SWC
 * compiler and webpack, which the container image leaves out (scripts/trace-runtime.mjs), and a next.config.ts edited
 * after the build would disagree with the build anyway. `__NEXT_PRIVATE_STANDALONE_CONFIG` is the variable that
 * standalone server reads (next/dist/server/config.js).
 */
export function applyBuildConfig(dir: string): void {
  const file = path.join(dir, '.next', 'required-server-files.json');
  const { config } = JSON.parse(readFileSync(/* turbopackIgnore: true */ file, 'utf8')) as { config: Record<string, unknown> };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(config);
}
