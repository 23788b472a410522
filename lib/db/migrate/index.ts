/**
 * Moving an app's data between the embedded store and MongoDB (`npm run db:migrate`, docs/data.md,
 * "Moving to MongoDB").
 */
export { CHECKPOINT_FILE, runMigration, type MigrationEvents, type MigrationResult } from './migrate';
export type { CollectionProgress } from './copy';
export { DEFAULT_BATCH_SIZE, MIGRATE_USAGE, parseMigrateCommand, type MigrateCommand, type MigrationPlan } from './options';
export { describeRefusal, describeResult, describeStart, progressPrinter } from './report';
