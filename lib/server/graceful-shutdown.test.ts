import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { shutdownGracefully } from './graceful-shutdown';

let server: Server | undefined;

/** A real HTTP server whose /slow route answers after `delayMs`, holding the request in flight. */
async function listen(delayMs: number): Promise<string> {
  server = createServer((req, res) => {
    const reply = () => res.end(`done ${req.url}`);
    if (req.url === '/slow') setTimeout(reply, delayMs);
    else reply();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(() => {
  server?.closeAllConnections();
  server = undefined;
});

describe('shutdownGracefully', () => {
  it('lets an in-flight request finish, then stops accepting connections', async () => {
    const url = await listen(400);
    const inFlight = fetch(`${url}/slow`).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const order: string[] = [];
    const clean = await shutdownGracefully({
      server: server!,
      timeoutMs: 5_000,
      beforeClose: () => void order.push('before'),
      afterClose: [{ name: 'after', run: () => void order.push('after') }],
    });
    expect(clean).toBe(true);
    expect(await inFlight).toBe('done /slow');
    expect(order).toEqual(['before', 'after']);
    await expect(fetch(`${url}/`)).rejects.toThrow();
  });

  it('does not wait for idle keep-alive connections', async () => {
    const url = await listen(0);
    await fetch(`${url}/`, { headers: { connection: 'keep-alive' } }).then((response) => response.text());
    const started = Date.now();
    await shutdownGracefully({ server: server!, timeoutMs: 5_000 });
    // Waiting for the idle socket would take the keep-alive timeout (5 s); closing it is immediate.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('cuts requests that outlive the timeout and reports an unclean stop', async () => {
    const url = await listen(10_000);
    const inFlight = fetch(`${url}/slow`).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const clean = await shutdownGracefully({ server: server!, timeoutMs: 200 });
    expect(clean).toBe(false);
    expect(await inFlight).toBe('cut');
  });

  it('leaves a closing step that never settles behind within the budget, and still runs the next ones', async () => {
    await listen(0);
    const order: string[] = [];
    const started = Date.now();
    const clean = await shutdownGracefully({
      server: server!,
      timeoutMs: 5_000,
      closeTimeoutMs: 300,
      afterClose: [
        // A client waiting for a dependency that is gone: it never answers.
        { name: 'hangs', run: () => new Promise(() => order.push('hangs')) },
        { name: 'fails', run: () => Promise.reject(new Error('gone')) },
        { name: 'closes', run: () => void order.push('closes') },
      ],
    });
    expect(clean).toBe(false);
    expect(order).toEqual(['hangs', 'closes']);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
