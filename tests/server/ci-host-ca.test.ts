import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// scripts/ci/host-ca.sh names the CA bundle the image build's `npm install` must trust. A CI run failed on it
// (SELF_SIGNED_CERT_IN_CHAIN in the build): CI runs npm on the Node from .nvmrc, whose prefix has no global npmrc, so
// `npm config get cafile` said null although the host's npm trusted the proxy through NODE_EXTRA_CA_CERTS.
const run = promisify(execFile);
const script = path.resolve('scripts/ci/host-ca.sh');
let dir: string;
let bin: string;
let bundle: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'host-ca-'));
  // A Node whose prefix is this folder (npm reads its global npmrc from <prefix>/etc/npmrc), as CI's is.
  bin = path.join(dir, 'bin');
  await mkdir(bin);
  await symlink(process.execPath, path.join(bin, 'node'));
  bundle = path.join(dir, 'proxy-ca.crt');
  await writeFile(bundle, '-----BEGIN CERTIFICATE-----\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function hostCa(env: Record<string, string>): Promise<string> {
  const { stdout } = await run('bash', [script], {
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: dir, // no user npmrc either
      npm_config_globalconfig: path.join(dir, 'etc', 'npmrc'),
      // ProcessEnv types it as required (Next's declarations); the script does not read it.
      NODE_ENV: 'test',
      ...env,
    },
  });
  return stdout.trim();
}

describe('scripts/ci/host-ca.sh', () => {
  it("names NODE_EXTRA_CA_CERTS when npm's own cafile is unset", async () => {
    expect(await hostCa({ NODE_EXTRA_CA_CERTS: bundle })).toBe(bundle);
  });

  it("prefers npm's cafile", async () => {
    const other = path.join(dir, 'npm-ca.crt');
    await writeFile(other, '-----BEGIN CERTIFICATE-----\n');
    expect(await hostCa({ NODE_EXTRA_CA_CERTS: bundle, npm_config_cafile: other })).toBe(other);
  });

  it('prints nothing when neither names a readable file', async () => {
    expect(await hostCa({ NODE_EXTRA_CA_CERTS: path.join(dir, 'missing.crt') })).toBe('');
  });
});
