/**
 * Runs in the browser before the app's own code. Zod compiles its object parsers with `new Function`
 * when it may, and probes for that as its first object schema is built; the pages' Content-Security-Policy
 * refuses eval in production, and browsers report the refused probe as a violation even though Zod
 * falls back. Jitless mode skips the probe (what Zod advises under a strict CSP); the server keeps the JIT.
 *
 * Set on the global object Zod's core reads its configuration from (zod/v4/core/core.js,
 * `globalThis.__zod_globalConfig`), not through `config()` from zod/v4/core: importing that would put
 * Zod in every page's first-load JavaScript, where only the chat's lazily loaded code parses with it.
 * The e2e fixture fails any journey that sees a CSP violation, so a Zod that moved the object is caught.
 */
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
// In place: Zod keeps a reference to the object once it has loaded.
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;
