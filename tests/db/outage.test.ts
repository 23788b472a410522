/**
 * Database outage: the MongoDB-wire server (FerretDB) dies under load. Requests fail fast with 503
 * DB_UNAVAILABLE instead of hanging, /ready reports it, and everything recovers by itself once the
 * server is back — no restart of the app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database } from '@/lib/db';
import { MongoStore } from '@/lib/db/mongo';
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from '../support/ferretdb';
import { startServer, type RunningServer } from '../support/server';

const binary = ferretDbBinary();
if (!binary && process.env.CI) throw new Error('CI must run the outage test: build FerretDB with scripts/ci/ferretdb.sh');

const TIMEOUT_MS = 1_500;

describe.skipIf(!binary)('database outage (FerretDB)', () => {
  let ferret: RunningFerretDb;
  let server: RunningServer;
  let store: MongoStore;

  beforeAll(async () => {
    ferret = await startFerretDb(binary!);
    server = await startServer({ env: { DATABASE_URI: ferret.uri('outage_app'), DATABASE_TIMEOUT_MS: String(TIMEOUT_MS) } });
    store = new MongoStore({ uri: ferret.uri('outage_direct'), timeoutMs: TIMEOUT_MS });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await ferret?.stop();
  });

  const ready = async () => (await fetch(`${server.url}/ready`)).status;

  it('fails fast with DB_UNAVAILABLE while down, reports 503 on /ready, and recovers by itself', async () => {
    const items = database({ appId: 'outage' }, store).collection('items');
    await items.insertOne({ n: 0 });
    expect(await ready()).toBe(200);

    // A steady load of reads and writes, recording how each one ended and how long it took.
    const outcomes: { ok: boolean; code?: string; ms: number; at: number }[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        const started = Date.now();
        try {
          await items.insertOne({ n: 1 });
          await items.countDocuments();
          outcomes.push({ ok: true, ms: Date.now() - started, at: started });
        } catch (error) {
          outcomes.push({ ok: false, code: (error as { errorCode?: string }).errorCode ?? `${(error as Error).name}: ${(error as Error).message}`, ms: Date.now() - started, at: started });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const downAt = Date.now();
    await ferret.stop();
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 2));
    const readyStarted = Date.now();
    const readyWhileDown = await fetch(`${server.url}/ready`);
    expect(readyWhileDown.status).toBe(503);
    expect(await readyWhileDown.json()).toMatchObject({ status: 'not_ready', reason: 'dependency_unavailable: database' });
    expect(Date.now() - readyStarted).toBeLessThan(3_000);

    await ferret.restart();
    const upAt = Date.now();
    const deadline = Date.now() + 20_000;
    while ((await ready()) !== 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await ready()).toBe(200);
    // Let the load run against the recovered server for a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    running = false;
    await load;

    const failures = outcomes.filter((outcome) => !outcome.ok);
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures.map((failure) => failure.code))).toEqual(new Set(['DB_UNAVAILABLE']));
    // Fail fast: nothing waits much longer than the deadline (two operations per attempt).
    expect(Math.max(...failures.map((failure) => failure.ms))).toBeLessThan(TIMEOUT_MS * 2 + 1_000);
    expect(outcomes.some((outcome) => outcome.ok && outcome.at < downAt)).toBe(true);
    expect(outcomes.some((outcome) => outcome.ok && outcome.at > upAt)).toBe(true);
  }, 60_000);
});
