/**
 * Where an interrupted migration stopped, so running the same command again continues there instead of
 * copying everything again. Documents are copied in `_id` order, so per collection the last `_id`
 * written says what is done. Saved (through a temporary file and a rename) after every batch, and
 * removed once a run completes. A checkpoint left by another command (another app, direction or
 * database) is not this run's: that run starts from the beginning, which is safe because every
 * write is an upsert by `_id`.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const savedSchema = z.object({
  run: z.string(),
  finished: z.array(z.string()),
  copiedThrough: z.record(z.string(), z.string()),
});

type Saved = z.infer<typeof savedSchema>;

function readSaved(file: string): Saved | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    // A damaged checkpoint only costs copying again: every write is an upsert.
    return savedSchema.parse(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export class Checkpoint {
  private constructor(
    private readonly file: string,
    private readonly saved: Saved,
    /** A checkpoint of the same command was found: this run continues it. */
    readonly isResumed: boolean,
  ) {}

  /** The checkpoint of `run` (a description of the command) in `file`, or a fresh one. */
  static open(file: string, run: string): Checkpoint {
    const saved = readSaved(file);
    return saved?.run === run ? new Checkpoint(file, saved, true) : new Checkpoint(file, { run, finished: [], copiedThrough: {} }, false);
  }

  isFinished(collection: string): boolean {
    return this.saved.finished.includes(collection);
  }

  /** The last `_id` written to the target, when a previous run stopped inside this collection. */
  copiedThrough(collection: string): string | undefined {
    return this.saved.copiedThrough[collection];
  }

  advance(collection: string, lastId: string): void {
    this.saved.copiedThrough[collection] = lastId;
    this.save();
  }

  finish(collection: string): void {
    this.saved.finished.push(collection);
    delete this.saved.copiedThrough[collection];
    this.save();
  }

  /** The run completed: the next one starts from the beginning. */
  clear(): void {
    rmSync(this.file, { force: true });
  }

  private save(): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.saved));
    renameSync(temporary, this.file);
  }
}
