/**
 * Finding 3 of the hardening issue: the per-address sign-in limit believed any X-Forwarded-For, so
 * 40 tries with varied headers all got 401 and none 429. Forwarded headers now count only from the
 * proxies TRUST_PROXY names. Also the sign-up limit per address (finding 2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS_PER_ADDRESS } from '@/lib/auth/login-guard';
import { startServer, type RunningServer } from '../support/server';

const TRIES = MAX_ATTEMPTS_PER_ADDRESS + 3;

function signIn(server: RunningServer, index: number) {
  return fetch(`${server.url}/api/auth/token`, {
    method: 'POST',
    headers: { 'x-forwarded-for': `198.51.100.${index}`, 'x-real-ip': `198.51.100.${index}` },
    body: new URLSearchParams({ username: `nobody${index}`, password: 'wrong-password' }),
  });
}

async function statusesOf(server: RunningServer): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < TRIES; index++) statuses.push((await signIn(server, index)).status);
  return statuses;
}

describe('sign-in attempts with a different X-Forwarded-For each', () => {
  let server: RunningServer;
  afterAll(async () => {
    await server?.stop();
  });

  it('count as one client when no proxy is trusted (the default)', async () => {
    server = await startServer();
    const statuses = await statusesOf(server);
    expect(statuses.slice(0, MAX_ATTEMPTS_PER_ADDRESS)).toEqual(Array(MAX_ATTEMPTS_PER_ADDRESS).fill(401));
    expect(statuses.slice(MAX_ATTEMPTS_PER_ADDRESS)).toEqual(Array(TRIES - MAX_ATTEMPTS_PER_ADDRESS).fill(429));
  }, 120_000);
});

describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { TRUST_PROXY: 'loopback' } });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('counts each forwarded client on its own', async () => {
    expect(await statusesOf(server)).toEqual(Array(TRIES).fill(401));
  }, 120_000);
});

describe('sign-ups per address', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { MOZAIKS_SIGNUPS_PER_HOUR: '3' } });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('are limited to MOZAIKS_SIGNUPS_PER_HOUR, with 429 and Retry-After beyond it', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let index = 0; index < 5; index++) {
      last = await fetch(`${server.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${index}` },
        body: JSON.stringify({ username: `signup${index}`, password: `signup-${index}-password`, email: `signup${index}@example.com`, full_name: 'Sign Up' }),
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ error_code: 'RATE_LIMITED' });
  }, 120_000);
});
