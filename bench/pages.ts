/**
 * What a visitor's browser pays for each shell page (issue #22), against a bare Next.js page measured in
 * the same run: bench/bare-next, an app of one server-rendered page on the same Next version, built here
 * and served by `next start` (its JavaScript is Next's runtime and React, nothing of ours).
 *
 * - First-load JavaScript: every script the page fetched until the network went quiet, sized from the
 *   build's output files (gzip level 9, as Next's build used to print it). The budget is the dashboard's:
 *   at most 150 kB gzipped.
 * - Largest Contentful Paint in Chromium (Playwright), each load in a fresh browser context (an empty
 *   cache, as a first visit), after one unmeasured load of the page warmed the server. Budget: under 1 s.
 *
 * Our side is the production build (`npm run build` first) with the shipped configuration and
 * `npm run seed`'s sample data, signed in as the seeded administrator, so pages show content rather than
 * empty states.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContextOptions } from '@playwright/test';
import { makeTempDir } from '../tests/support/config-dir';
import { PROJECT_ROOT } from '../tests/support/paths';
import { freePort, startServer } from '../tests/support/server';
import { fixed, percentile, type BenchTable } from './harness';

const LOADS = Number(process.env.BENCH_PAGES_LOADS ?? 5);
const JS_BUDGET_KB = 150;
const LCP_BUDGET_MS = 1000;
const BARE_SOURCE = path.join(PROJECT_ROOT, 'bench/bare-next');
const APP_ID = 'bench_pages';

interface Load {
  lcpMs: number;
  /** Paths under /_next/static/ of the scripts the HTML names or preloads: what the page needs to hydrate. */
  initial: string[];
  /** Paths under /_next/static/ of every script the page fetched until the network was idle. */
  scripts: string[];
}

interface Measured {
  name: string;
  path: string;
  loads: Load[];
  /** The build folder whose static/ the page's scripts come from. */
  distDir: string;
}

/** Observes LCP from the first paint on; the value is final once the page is loaded and the network quiet. */
const OBSERVE_LCP = `
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
`;

async function loadOnce(browser: Browser, url: string, context: BrowserContextOptions): Promise<Load> {
  const browserContext = await browser.newContext({ ...context, viewport: { width: 1280, height: 800 } });
  try {
    const page = await browserContext.newPage();
    await page.addInitScript(OBSERVE_LCP);
    const scripts = new Set<string>();
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (request.resourceType() === 'script' && pathname.startsWith('/_next/static/')) scripts.add(pathname);
    });
    const response = await page.goto(url, { waitUntil: 'networkidle' });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
    if (new URL(page.url()).pathname !== new URL(url).pathname) throw new Error(`${url} went on to ${page.url()}`);
    // The observer's entries arrive in a task of their own, which a busy page may hold back past network idle.
    const lcpMs = await page
      .waitForFunction(() => (window as unknown as { __lcp: number }).__lcp, undefined, { timeout: 5000 })
      .then((handle) => handle.jsonValue() as Promise<number>, () => 0);
    if (!lcpMs) throw new Error(`${url}: no largest-contentful-paint entry`);
    // Its <script src> tags and the scripts it preloads (a next/dynamic chunk rendered on the server, which
    // hydration needs); not the noModule polyfills, which a browser that runs modules never fetches.
    const html = await response.text();
    const tagged = [...html.matchAll(/<script[^>]*>/g)].map(([tag]) => (/nomodule/i.test(tag) ? undefined : /\ssrc="(\/_next\/static\/[^"]+)"/.exec(tag)?.[1]));
    const preloaded = [...html.matchAll(/<link[^>]*>/g)].map(([tag]) => (/rel="preload"/.test(tag) && /as="script"/.test(tag) ? /\shref="(\/_next\/static\/[^"]+)"/.exec(tag)?.[1] : undefined));
    const initial = [...new Set([...tagged, ...preloaded].filter((script) => script !== undefined))];
    return { lcpMs, initial, scripts: [...scripts] };
  } finally {
    await browserContext.close();
  }
}

async function measure(browser: Browser, name: string, base: string, pathname: string, distDir: string, context: BrowserContextOptions = {}): Promise<Measured> {
  await loadOnce(browser, `${base}${pathname}`, context);
  const loads: Load[] = [];
  for (let i = 0; i < LOADS; i += 1) loads.push(await loadOnce(browser, `${base}${pathname}`, context));
  return { name, path: pathname, loads, distDir };
}

interface Weight {
  count: number;
  rawKb: number;
  gzipKb: number;
}

/**
 * Raw and gzipped kilobytes of a page's scripts, read from the build's output: those its HTML names (first
 * load, what Next's build used to print as "First Load JS") and those it fetched after them until idle.
 */
function scriptWeight({ loads, distDir }: Measured): { initial: Weight; later: Weight } {
  // Every load of a page fetches the same scripts; the union guards against one that raced the idle mark.
  const initial = new Set(loads.flatMap((load) => load.initial));
  const later = new Set(loads.flatMap((load) => load.scripts).filter((script) => !initial.has(script)));
  return { initial: weigh([...initial], distDir), later: weigh([...later], distDir) };
}

function weigh(scripts: string[], distDir: string): Weight {
  let raw = 0;
  let gzip = 0;
  for (const script of scripts) {
    const file = readFileSync(path.join(distDir, 'static', decodeURIComponent(script.slice('/_next/static/'.length))));
    raw += file.length;
    gzip += gzipSync(file, { level: 9 }).length;
  }
  return { count: scripts.length, rawKb: raw / 1000, gzipKb: gzip / 1000 };
}

/**
 * Builds and serves the bare app from a folder of its own (with this project's node_modules, hard-linked:
 * Turbopack compiles nothing outside its root, so a symlink will not do); resolves with its URL, build
 * folder and a stop function.
 */
async function startBareNext(): Promise<{ url: string; distDir: string; stop: () => void }> {
  const dir = makeTempDir('mozaiks-bare-next-');
  cpSync(BARE_SOURCE, dir, { recursive: true });
  const linked = spawnSync('cp', ['-al', path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules')]);
  if (linked.status !== 0) cpSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'), { recursive: true });
  const nextBin = path.join(dir, 'node_modules/next/dist/bin/next');
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  const built = spawnSync(process.execPath, [nextBin, 'build'], { cwd: dir, env, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building bench/bare-next failed:\n${built.stdout}\n${built.stderr}`);
  const port = await freePort();
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], { cwd: dir, env, stdio: 'ignore', detached: true });
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = () => {
    // next start serves from a child of its own: end the whole group, then the folder.
    if (!exited && child.pid) process.kill(-child.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://localhost:${port}`;
  for (let attempt = 0; attempt < 300 && !exited; attempt += 1) {
    if (await fetch(url).then((response) => response.ok, () => false)) return { url, distDir: path.join(dir, '.next'), stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(exited ? 'bench/bare-next exited during start-up' : 'bench/bare-next did not start within 30 s');
}

/** Seeds an app on the shipped configuration; resolves with the seeded administrator's password. */
function seed(dataDir: string): string {
  const env = { ...process.env, MOZAIKS_DATA_DIR: dataDir, MOZAIKS_APP_ID: APP_ID, ENV: 'development', MOZAIKS_CONFIGS_PATH: path.join(PROJECT_ROOT, 'config') };
  const seeded = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/seed.ts'], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
  const password = /username: admin\s+password: (\S+)/.exec(seeded.stdout)?.[1];
  if (seeded.status !== 0 || !password) throw new Error(`npm run seed failed:\n${seeded.stdout}\n${seeded.stderr}`);
  return password;
}

/** The shell's pages as the signed-in administrator reaches them: fixed ones, the sidebar's, a chat. */
async function shellPages(browser: Browser, base: string, storageState: BrowserContextOptions['storageState']): Promise<{ name: string; path: string }[]> {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  await page.goto(base);
  const sidebar = await page
    .locator('nav a[href^="/plugins/"], nav a[href="/subscriptions"]')
    .evaluateAll((links) => links.map((link) => ({ name: (link.textContent ?? '').trim(), path: link.getAttribute('href') ?? '' })));
  await page.goto(`${base}/ai`);
  const chat = await page.locator('a[href^="/ai/"]').first().getAttribute('href');
  await context.close();
  return [
    { name: 'Dashboard', path: '/' },
    ...sidebar,
    { name: 'Assistant', path: '/ai' },
    ...(chat ? [{ name: 'Assistant chat', path: chat }] : []),
    { name: 'Notifications', path: '/notifications' },
    { name: 'Settings', path: '/settings' },
    { name: 'Admin', path: '/admin' },
  ];
}

export async function benchPages(): Promise<BenchTable[]> {
  const bare = await startBareNext();
  const dataDir = makeTempDir('mozaiks-bench-pages-');
  const password = seed(dataDir);
  const server = await startServer({ env: { MOZAIKS_DATA_DIR: dataDir, MOZAIKS_APP_ID: APP_ID, MOZAIKS_CHECK_OUTPUTS: undefined } });
  const browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const signing = await browser.newContext();
    const page = await signing.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('user-menu').waitFor();
    const storageState = await signing.storageState();
    await signing.close();

    const ours = path.join(PROJECT_ROOT, '.next');
    const baseline = await measure(browser, 'Bare Next page (baseline)', bare.url, '/', bare.distDir);
    const measured: Measured[] = [];
    for (const shown of await shellPages(browser, server.url, storageState)) {
      measured.push(await measure(browser, shown.name, server.url, shown.path, ours, { storageState }));
    }
    measured.push(await measure(browser, 'Sign in (signed out)', server.url, '/sign-in', ours));

    const bareWeight = scriptWeight(baseline);
    const bareLcp = percentile(baseline.loads.map((load) => load.lcpMs), 0.5);
    const weightRow = (page: Measured) => {
      const { initial, later } = scriptWeight(page);
      return [
        page.name,
        `\`${page.path}\``,
        initial.count,
        fixed(initial.rawKb, 1),
        fixed(initial.gzipKb, 1),
        `${(initial.gzipKb / bareWeight.initial.gzipKb).toFixed(2)}×`,
        later.count ? `${later.count}: ${fixed(later.gzipKb, 1)}` : '–',
      ];
    };
    const lcpRow = (page: Measured) => {
      const values = page.loads.map((load) => load.lcpMs);
      const median = percentile(values, 0.5);
      return [page.name, `\`${page.path}\``, `${fixed(median)} (${fixed(Math.min(...values))}–${fixed(Math.max(...values))})`, `${(median / bareLcp).toFixed(2)}×`, Math.max(...values) < LCP_BUDGET_MS ? 'yes' : 'NO'];
    };
    const dashboard = scriptWeight(measured[0]!).initial;
    return [
      {
        title: 'First-load JavaScript per page',
        note:
          `The scripts a page's HTML names or preloads (what it needs to hydrate; what Next's build used to print as First Load JS), sized from the build's ` +
          `files (gzip -9); the last column adds the scripts fetched after them until the network was idle (count: gzip kB). Baseline: a bare ` +
          `Next page of the same Next version built and served in the same run (bench/bare-next). Budget: the dashboard at most ${JS_BUDGET_KB} kB ` +
          `gzipped; it is ${fixed(dashboard.gzipKb, 1)} kB (${dashboard.gzipKb <= JS_BUDGET_KB ? 'within' : 'OVER'} budget).`,
        columns: ['page', 'path', 'scripts', 'raw kB', 'gzip kB', '÷ bare page', 'later scripts: gzip kB'],
        rows: [weightRow(baseline), ...measured.map(weightRow)],
      },
      {
        title: 'Largest Contentful Paint per page',
        note:
          `Chromium through Playwright at 1280×800, ${LOADS} loads per page, each in a fresh context (empty cache) after one unmeasured load; median ` +
          `(min–max) ms. Our pages: the production build on the shipped configuration with \`npm run seed\`'s data, signed in as its administrator. ` +
          `Baseline: the bare Next page in the same run. Budget: every load under ${LCP_BUDGET_MS} ms.`,
        columns: ['page', 'path', 'LCP ms', '÷ bare page', `every load < ${LCP_BUDGET_MS} ms`],
        rows: [lcpRow(baseline), ...measured.map(lcpRow)],
      },
    ];
  } finally {
    await browser.close();
    await server.stop();
    bare.stop();
  }
}
