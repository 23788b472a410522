/**
 * `/api/internal/cron` runs the periodic work for hosts where no process lives long enough for the
 * scheduler's timer. It answers only to `Authorization: Bearer $CRON_SECRET`, and however many calls
 * run at once beside the timers, each due scheduled notification goes out once (the scheduler's claims).
 *
 * The race runs on two instances sharing a MongoDB-wire database (FerretDB): there, passes really
 * interleave. Within one process on the embedded store they cannot: the store answers without I/O,
 * so a pass runs to its end before another request or timer gets the event loop (seen: one call sent
 * all 60 while every other call and tick found nothing, and a pass with its duplicate-claim check
 * removed still sent each once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from '../support/ferretdb';
import { startServer, type RunningServer } from '../support/server';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer';

const CRON_SECRET = 'cron-secret-for-the-tests-0123456789';
/** Enough that a pass takes a while, so passes overlap. */
const SCHEDULED = 60;

const ferretBin = ferretDbBinary();
if (process.env.CI && !ferretBin) throw new Error('CI runs the cron race on FerretDB: build it (.ci/run does)');

const cron = (base: string, init: RequestInit = {}) => fetch(`${base}/api/internal/cron`, init);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the cron route', () => {
  let server: RunningServer;
  let unconfigured: RunningServer;

  beforeAll(async () => {
    // One after the other, so that afterAll stops the first if the second fails to start.
    server = await startServer({ env: { MOZAIKS_APP_ID: 'cron_app', CRON_SECRET } });
    // How Vercel runs the app; CRON_SECRET forgotten.
    unconfigured = await startServer({ mode: 'next-start', env: { MOZAIKS_APP_ID: 'cron_unset', CRON_SECRET: undefined } });
  });

  afterAll(async () => {
    await Promise.all([server?.stop(), unconfigured?.stop()]);
  });

  it('answers 401 without the secret, with a wrong one, or with another scheme', async () => {
    const cases: [HeadersInit, string][] = [
      [{}, 'AUTH_REQUIRED'],
      [bearer('not-the-secret-not-the-secret'), 'TOKEN_INVALID'],
      [bearer(`${CRON_SECRET}x`), 'TOKEN_INVALID'],
      [{ authorization: `Basic ${Buffer.from(`cron:${CRON_SECRET}`).toString('base64')}` }, 'TOKEN_INVALID'],
    ];
    for (const [headers, code] of cases) {
      for (const method of ['GET', 'POST']) {
        const response = await cron(server.url, { method, headers });
        expect(response.status, `${method} ${JSON.stringify(headers)}`).toBe(401);
        expect(await response.json()).toEqual({ detail: expect.any(String), error_code: code });
      }
    }
  });

  it('refuses every call while CRON_SECRET is unset, saying to set it', async () => {
    const response = await cron(unconfigured.url, { headers: bearer(CRON_SECRET) });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail: expect.stringContaining('set CRON_SECRET'), error_code: 'AUTH_REQUIRED' });
    expect(unconfigured.output()).toContain('a cron call was refused: CRON_SECRET is not set');
  });

  it('runs the periodic work and says what it did, by GET (Vercel Cron) and by POST', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await cron(server.url, { method, headers: bearer(CRON_SECRET) });
      expect(response.status, method).toBe(200);
      expect(await response.json()).toEqual({ scheduled_notifications_sent: 0, digest_emails_sent: expect.any(Number), expired_documents_removed: expect.any(Number) });
    }
  });
});

describe.skipIf(!ferretBin)('cron calls beside the scheduler’s timers, on two instances', () => {
  let ferret: RunningFerretDb;
  let smtp: SmtpPeer;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    [ferret, smtp] = await Promise.all([startFerretDb(ferretBin!), startSmtpPeer()]);
    const env = {
      MOZAIKS_APP_ID: 'cron_race',
      DATABASE_URI: ferret.uri(`cron_${Date.now()}`),
      JWT_SECRET: 'cron-race-secret-cron-race-secret-0123',
      CRON_SECRET,
      SMTP_URL: smtp.url,
      // Each instance's timer ticks every 200 ms, beside the cron calls.
      MOZAIKS_SCHEDULER_INTERVAL_MS: '200',
    };
    a = await startServer({ env });
    b = await startServer({ env });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([ferret?.stop(), smtp?.close()]);
  });

  it('deliver each due scheduled notification exactly once', async () => {
    const admin = await registerAccount(a.url);
    const user = await registerAccount(a.url);
    const dueAt = Date.now() + 10_000;
    const titles = Array.from({ length: SCHEDULED }, (_, index) => `Due ${index} ${Math.random().toString(36).slice(2)}`);
    const schedule = async (title: string) => {
      const scheduled = await fetch(`${a.url}/__mozaiks/admin/notifications/schedule`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: user.user_id, title, message: title, channels: ['in_app', 'email'], scheduled_for: new Date(dueAt).toISOString() }),
      });
      expect(scheduled.status).toBe(200);
    };
    for (let start = 0; start < SCHEDULED; start += 10) await Promise.all(titles.slice(start, start + 10).map(schedule));
    expect(Date.now(), 'scheduled before they fell due').toBeLessThan(dueAt);

    // From just before they fall due until every email is in: two cron calls to each instance at a time,
    // round after round, while both timers tick.
    const emailsOf = (title: string) => smtp.received.filter((email) => email.subject.includes(title) || email.text.includes(title));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt - Date.now() - 300)));
    const answers: { scheduled_notifications_sent: number }[] = [];
    const deadline = Date.now() + 45_000;
    while (titles.some((title) => emailsOf(title).length === 0) && Date.now() < deadline) {
      await Promise.all(
        [a, b, a, b].map(async (server, index) => {
          const response = await cron(server.url, { method: index < 2 ? 'GET' : 'POST', headers: bearer(CRON_SECRET) });
          expect(response.status).toBe(200);
          answers.push((await response.json()) as { scheduled_notifications_sent: number });
        }),
      );
    }
    // More timer ticks and cron calls: none may send anything again.
    await Promise.all([...[a, b, a, b].map((server) => cron(server.url, { headers: bearer(CRON_SECRET) })), new Promise((resolve) => setTimeout(resolve, 1_000))]);

    expect(titles.map((title) => emailsOf(title).length)).toEqual(titles.map(() => 1));
    const inbox = (await (await fetch(`${b.url}/api/notifications?limit=100`, { headers: user.headers })).json()) as { notifications: { title: string }[] };
    expect(inbox.notifications.map((notification) => notification.title).sort()).toEqual([...titles].sort());
    const sentByCron = answers.reduce((sum, answer) => sum + answer.scheduled_notifications_sent, 0);
    expect(sentByCron, 'the cron calls sent some, the timers the rest').toBeGreaterThan(0);
    expect(sentByCron).toBeLessThanOrEqual(SCHEDULED);
  }, 120_000);
});
