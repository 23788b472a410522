// The container files agree with each other and with the runtime: what scripts/ci/image.sh checks on a built image,
// kept from drifting between its runs (which need buildah and minutes).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (file: string) => readFileSync(file, 'utf8');

/** The Dockerfile's last stage, with continuation lines joined: the image that runs. */
function runtimeStage(): string[] {
  const lines = read('Dockerfile').replace(/\\\n/g, ' ').split('\n');
  const lastFrom = lines.findLastIndex((line) => line.startsWith('FROM '));
  return lines.slice(lastFrom).filter((line) => line.trim() && !line.startsWith('#'));
}

const instruction = (name: string) => runtimeStage().filter((line) => line.startsWith(`${name} `));

describe('Dockerfile', () => {
  it('runs the server as a user other than root, under an init that reaps children', () => {
    const user = instruction('USER').at(-1)?.split(/\s+/)[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
    expect(instruction('ENTRYPOINT').at(-1)).toContain('tini');
    expect(instruction('CMD').at(-1)).toContain('dist/server.cjs');
  });

  it('checks health on /ready, on the port it exposes', () => {
    const port = instruction('ENV').join(' ').match(/\bPORT=(\d+)/)?.[1];
    expect(port).toBeDefined();
    expect(instruction('EXPOSE').at(-1)).toBe(`EXPOSE ${port}`);
    expect(instruction('HEALTHCHECK').at(-1)).toContain('/ready');
    // Reachable from outside the container: every interface.
    expect(instruction('ENV').join(' ')).toMatch(/\bHOST=0\.0\.0\.0\b/);
  });

  it('keeps dependencies, builds, history and local secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.next', 'dist', '.git', '.env', '.env.*', '.data']));
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, { image?: string }> };
  const appServices = Object.entries(compose.services)
    .filter(([, service]) => service.image === compose.services.app1?.image)
    .map(([name]) => name);

  it('puts every app instance, and only those, behind the proxy', () => {
    const port = runtimeStage().join(' ').match(/\bPORT=(\d+)/)?.[1];
    const upstream = [...read('nginx/mozaiks.conf').matchAll(/^\s*server\s+([\w.-]+):(\d+)/gm)];
    expect(appServices.length).toBeGreaterThan(1);
    expect(upstream.map(([, host]) => host).sort()).toEqual([...appServices].sort());
    expect(new Set(upstream.map(([, , upstreamPort]) => upstreamPort))).toEqual(new Set([port]));
  });
});
