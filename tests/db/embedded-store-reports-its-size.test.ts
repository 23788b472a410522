/**
 * Regression (issue #19): the embedded store grew to 557,789 notifications with nothing telling the
 * operator, until throughput fell from 3,700 to 79 requests/s. /ready now reports its documents and
 * bytes on disk, and `npm run doctor` warns past EMBEDDED_STORE_WARN_BYTES, where MongoDB is the answer.
 */
import { mkdirSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { database, databaseDetails, EMBEDDED_STORE_WARN_BYTES } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { runDoctor } from '@/lib/doctor';
import { makeTempDir } from '../support/config-dir';

describe('the embedded store reports its size', () => {
  const dir = makeTempDir('mozaiks-size-');
  const store = new EmbeddedStore(dir);
  afterAll(() => store.close());

  it('counts documents in memory and bytes on disk for /ready', async () => {
    const db = database({ appId: 'app_a' }, store);
    await db.collection('items').insertMany(Array.from({ length: 30 }, (_, n) => ({ n })));
    await db.forPlugin('notes').collection('notes').insertMany(Array.from({ length: 12 }, (_, n) => ({ n, text: 'x'.repeat(100) })));
    const onDisk = readdirSync(dir)
      .filter((file) => file.endsWith('.db'))
      .reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
    expect(onDisk).toBeGreaterThan(12 * 100);
    expect(databaseDetails(store)).toEqual({ kind: 'embedded', documents: 42, bytes: onDisk, warn_bytes: EMBEDDED_STORE_WARN_BYTES });
  });

  it('makes the doctor warn past the size where MongoDB is the answer, and only then', () => {
    const dataDir = makeTempDir('mozaiks-size-doctor-');
    mkdirSync(path.join(dataDir, 'db'));
    const file = path.join(dataDir, 'db', 'notifications.db');
    const warnings = () => runDoctor({ MOZAIKS_CONFIGS_PATH: 'config', MOZAIKS_DATA_DIR: dataDir }).warnings.map((warning) => warning.message);
    writeFileSync(file, '');
    truncateSync(file, EMBEDDED_STORE_WARN_BYTES);
    expect(warnings()).toEqual([]);
    truncateSync(file, EMBEDDED_STORE_WARN_BYTES + 1);
    expect(warnings()).toEqual([expect.stringMatching(/embedded store holds 100\.0 MB, past 100\.0 MB: .*MongoDB \(set DATABASE_URI/)]);
    expect(runDoctor({ MOZAIKS_CONFIGS_PATH: 'config', MOZAIKS_DATA_DIR: dataDir, DATABASE_URI: 'mongodb://localhost/app' }).warnings).toEqual([]);
  });
});
