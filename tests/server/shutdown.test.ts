import { describe, expect, it } from 'vitest';
import { startServer } from '../support/server';

describe('graceful shutdown of the custom server', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('exits cleanly on %s and stops accepting connections', async (signal) => {
    const server = await startServer();
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const started = Date.now();
    expect(await server.stop(signal)).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.output()).toContain('shutting down');
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});
