import { test as base, expect, type BrowserContext } from '@playwright/test';
import { RUNTIME_VERSION_HEADER } from '../../lib/runtime/version';

export { expect };
export type { Page } from '@playwright/test';

/** What the browser reports when the page's Content-Security-Policy blocks something. */
interface Violation {
  document: string;
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/** Keycloak's own pages (e2e/keycloak.spec.ts) follow Keycloak's policy, not ours. */
const FOREIGN_ORIGINS = new Set(process.env.KEYCLOAK_TEST_URL ? [new URL(process.env.KEYCLOAK_TEST_URL).origin] : []);

/**
 * Collects a browser context's CSP violations, in every page and frame it opens, and the HTML pages
 * our servers answer without a policy (a run without the header would find no violations and prove nothing).
 */
async function watch(context: BrowserContext, problems: string[]): Promise<void> {
  await context.exposeBinding('__mozaiksCspViolation', (_source, violation: Violation) => {
    if (FOREIGN_ORIGINS.has(new URL(violation.document).origin)) return;
    problems.push(`${violation.document}: ${violation.directive} blocked ${violation.blocked || 'inline'} (${violation.source}) ${violation.sample}`.trim());
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __mozaiksCspViolation: (violation: Violation) => Promise<void> }).__mozaiksCspViolation;
      void report({
        document: event.documentURI,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        sample: event.sample,
      });
    });
  });
  context.on('response', (response) => {
    const headers = response.headers();
    const isOurPage = response.request().resourceType() === 'document' && RUNTIME_VERSION_HEADER.toLowerCase() in headers && headers['content-type']?.startsWith('text/html');
    if (isOurPage && !headers['content-security-policy']) problems.push(`${response.url()}: answered without a Content-Security-Policy`);
  });
}

/**
 * Playwright's `test`, failing any test whose pages report a Content-Security-Policy violation. Every
 * spec imports it from here; contexts a test opens itself (`browser.newContext()`) are watched too.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, runTest) => {
      const problems: string[] = [];
      await watch(context, problems);
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const created = await newContext.apply(browser, args);
        await watch(created, problems);
        return created;
      };
      try {
        await runTest(problems);
      } finally {
        browser.newContext = newContext;
      }
      expect(problems, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});
