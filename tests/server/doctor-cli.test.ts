import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeConfigDir } from '../support/config-dir';
import { PROJECT_ROOT } from '../support/paths';

function doctor(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/doctor.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run doctor', () => {
  it('exits 0 with a readable report for a valid setup', () => {
    const { code, output } = doctor({ MOZAIKS_CONFIGS_PATH: 'config' });
    expect(code).toBe(0);
    expect(output).toContain('✔ config/theme_config.json: valid');
    expect(output).toContain('All good: the app will start.');
  });

  it('exits 1 and names the file and path of each problem', () => {
    const dir = makeConfigDir({ 'subscription_config.json': { subscription_plans: [] } });
    const { code, output } = doctor({ MOZAIKS_CONFIGS_PATH: dir });
    expect(code).toBe(1);
    expect(output).toContain(`✖ ${dir}/subscription_config.json $.subscription_plans: must list at least one plan`);
    expect(output).toContain('2 errors: the app will not start until they are fixed.');
  });
});
