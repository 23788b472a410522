/**
 * The two stores of a migration, opened with the checks that stop a wrong command at once with one
 * line: a source that does not exist, a MongoDB that does not answer, an embedded store that a running
 * app holds (its LOCK, lib/db/embedded).
 */
import { existsSync } from 'node:fs';
import { StartupProblem } from '@/lib/runtime/startup-problem';
import { EmbeddedStore } from '../embedded';
import { embeddedStoreDir } from '../index';
import { MongoStore } from '../mongo';
import type { Store } from '../types';
import type { MigrationPlan } from './options';

/**
 * The deadline of one operation during a migration. A batch of upserts or the list of a large
 * collection's ids is far more work than a request's query; a server that does not answer at all is
 * caught before, by the ping within DATABASE_TIMEOUT_MS.
 */
export const MIGRATION_OPERATION_TIMEOUT_MS = 120_000;

export interface Endpoint {
  store: Store;
  /** For the operator: the folder, or the URI without credentials or options. */
  label: string;
}

export interface Endpoints {
  source: Endpoint;
  target: Endpoint;
  close(): Promise<void>;
}

/** The URI as it may be printed and saved: no user, password or options. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//').replace(/\?.*$/, '');
}

async function openMongo(plan: MigrationPlan): Promise<Endpoint> {
  const label = redactUri(plan.uri);
  const flag = plan.direction === 'to-mongodb' ? '--to' : '--from';
  const store = new MongoStore({ uri: plan.uri, uriSource: flag, timeoutMs: MIGRATION_OPERATION_TIMEOUT_MS });
  if (!(await store.ping(plan.connectTimeoutMs))) {
    await store.close();
    throw new StartupProblem(
      `MongoDB at ${label} did not answer within ${plan.connectTimeoutMs / 1000} s (DATABASE_TIMEOUT_MS): check the address, that the server is running, and the credentials.`,
    );
  }
  return { store, label };
}

function openEmbedded(plan: MigrationPlan): Endpoint {
  const dir = embeddedStoreDir(plan.dataDir);
  if (plan.direction === 'to-mongodb' && !existsSync(dir)) {
    throw new StartupProblem(`There is no embedded store in ${dir}: nothing to copy (is MOZAIKS_DATA_DIR, or --data-dir, right?).`);
  }
  return { store: new EmbeddedStore(dir), label: `the embedded store in ${dir}` };
}

/** Opens the source, then the target; whatever opened is closed again when the other cannot be. */
export async function openEndpoints(plan: MigrationPlan): Promise<Endpoints> {
  const opened: Store[] = [];
  const track = (endpoint: Endpoint) => (opened.push(endpoint.store), endpoint);
  try {
    const embedded = () => track(openEmbedded(plan));
    const mongo = async () => track(await openMongo(plan));
    const source = plan.direction === 'to-mongodb' ? embedded() : await mongo();
    if ((await source.store.collectionNames()).length === 0) throw new StartupProblem(`${source.label} holds no collections: nothing to copy.`);
    const target = plan.direction === 'to-mongodb' ? await mongo() : embedded();
    return { source, target, close: async () => void (await Promise.all(opened.map((store) => store.close()))) };
  } catch (error) {
    await Promise.all(opened.map((store) => store.close()));
    throw error;
  }
}
