/**
 * Under `next start` (how serverless hosts run the app), work a request leaves running after its
 * answer is handed to the host through `after()`, so the host keeps the function alive until it is
 * done (lib/runtime/after-response.ts). The server runs with a stand-in for a serverless host's
 * request context (tests/support/wait-until-host.mjs): the spec sees what the host was asked to wait
 * for, and that it was held until the work ended.
 *
 * What this cannot show: a real host freezing the function. `next start` keeps the process alive
 * anyway; the proof is that the promise the host waits on is the work's own, pending while the work is.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { PROJECT_ROOT } from '../support/paths';
import { startServer, type RunningServer } from '../support/server';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer';

let server: RunningServer;
let smtp: SmtpPeer;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  server = await startServer({
    mode: 'next-start',
    env: {
      MOZAIKS_APP_ID: 'after_app',
      SMTP_URL: smtp.url,
      NODE_OPTIONS: `--import ${path.join(PROJECT_ROOT, 'tests/support/wait-until-host.mjs')}`,
    },
  });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const until = async (condition: () => boolean, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${server.output().slice(-3_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** The promises the host was handed by requests to `path`, and whether each has settled. */
function handedBy(path: string): { id: string; settled: boolean }[] {
  const output = server.output();
  const handed = [...output.matchAll(/^\[wait-until\] (#\d+) handed by \w+ (\S+)$/gm)].filter((match) => match[2] === path);
  return handed.map(([, id]) => ({ id: id!, settled: output.includes(`[wait-until] ${id} settled\n`) }));
}

describe('work started by a request under next start', () => {
  it('is handed to the host, which is held until the email it sends has gone out', async () => {
    const admin = await registerAccount(server.url);
    const user = await registerAccount(server.url);
    const path = '/__mozaiks/admin/notifications/broadcast';
    const release = smtp.hold();
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Kept alive', message: 'Sent after the answer', channels: ['email'], target: { type: 'user_ids', ids: [user.user_id] } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sent_count: 1 });

    // Answered, the email still on its way (the SMTP peer holds it): the host has been handed work it must wait for.
    await until(() => handedBy(path).length > 0, 'the host was handed work');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received).toEqual([]);
    expect(handedBy(path).filter((promise) => !promise.settled).length, 'pending while the email is').toBeGreaterThan(0);

    release();
    await until(() => smtp.received.some((email) => email.subject.includes('Kept alive') || email.text.includes('Sent after the answer')), 'the email arrived');
    await until(() => handedBy(path).every((promise) => promise.settled), 'the host released once the work ended');
  });
});
