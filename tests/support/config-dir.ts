import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './paths';

/**
 * A scratch copy of a config folder (the shipped config/ by default) with some files replaced:
 * an object value is written as JSON, a string is written as is (to test broken JSON), and
 * `null` deletes the file from the copy.
 */
export function makeConfigDir(overrides: Record<string, unknown> = {}, from = path.join(PROJECT_ROOT, 'config')): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mozaiks-config-'));
  cpSync(from, dir, { recursive: true });
  for (const [file, content] of Object.entries(overrides)) {
    const target = path.join(dir, file);
    if (content === null) rmSync(target, { force: true });
    else writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

export function makeTempDir(prefix = 'mozaiks-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
