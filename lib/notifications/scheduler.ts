/**
 * Scheduled notifications and digests, delivered by a loop whose work is persisted, so a restart
 * loses nothing and sends nothing twice:
 *
 * - A scheduled notification is a `scheduled_notifications` document. A tick claims due ones one at
 *   a time, sends each under its own id (so the in-app notification is stored once even if a crash
 *   repeats the send), then marks it sent. A claim whose lease ran out (its instance died) is
 *   claimed again. Claiming inserts `<job id>#<attempt>` into `scheduled_notification_claims`: a
 *   unique insert is atomic on every store, where a conditional update is not (FerretDB 1.24 loses
 *   concurrent updates, so two instances could both "win" a findOneAndUpdate).
 * - A digest run is a `notification_digest_runs` document with a fixed id (`daily:2026-11-22`):
 *   the first instance to insert it runs it. Each user's digest deletes the items it sent.
 * - Graceful shutdown stops claiming and waits for the tick under way.
 */
import { findUserById } from '@/lib/auth/users';
import { getConfigs } from '@/lib/config';
import { database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { ApiError, isApiError } from '@/lib/errors';
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';
import type { Channel } from './catalog';
import { isEmailConfigured, sendEmail } from './channels/email';
import { createNotification, type CreateNotificationInput, type DigestItem } from './send';
import { renderDigest } from './templates';

/** How long a claimed notification may stay "sending" before another tick may claim it again. */
export const CLAIM_LEASE_MS = 2 * 60_000;
/** Attempts before a scheduled notification that keeps failing is given up (status `failed`). */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Digest items one user's digest lists at most; the count covers them all. */
export const DIGEST_MAX_ITEMS = 50;

interface ScheduledNotification {
  [key: string]: unknown;
  user_id: string;
  type: string;
  title: string;
  message: string;
  metadata: Record<string, unknown>;
  channels: Channel[] | null;
  scheduled_for: Date;
  /** Set by callers that replace or cancel by their own key (`task:<id>`). */
  key: string | null;
  status: 'pending' | 'sending' | 'sent' | 'cancelled' | 'failed';
  claimed_until: Date | null;
  attempts: number;
  created_at: Date;
  sent_at: Date | null;
  cancelled_at?: Date;
}

/** A notification to send later: what createNotification takes, plus when and an optional replace key. */
export interface ScheduleInput extends Omit<CreateNotificationInput, 'id'> {
  scheduledFor: Date;
  /** Scheduling again under the same key (for the same user) replaces the pending notification. */
  key?: string;
}

function jobsOf(appId: string) {
  return database({ appId }).collection<ScheduledNotification>('scheduled_notifications');
}

/** Schedules a notification; returns its id. With a `key`, replaces the user's pending one under that key. */
export async function scheduleNotification(input: ScheduleInput): Promise<string> {
  if (Number.isNaN(input.scheduledFor.getTime())) throw new ApiError('VALIDATION_ERROR', 'scheduled_for must be a valid date');
  const jobs = jobsOf(input.appId);
  const fields = {
    user_id: input.userId,
    type: input.type,
    title: input.title,
    message: input.message,
    metadata: input.metadata ?? {},
    channels: input.channels ?? null,
    scheduled_for: input.scheduledFor,
  };
  if (input.key) {
    const replaced = await jobs.findOneAndUpdate(
      { user_id: input.userId, key: input.key, status: 'pending' },
      { $set: fields },
      { returnDocument: 'after' },
    );
    if (replaced) return replaced._id;
  }
  const { insertedId } = await jobs.insertOne({
    ...fields,
    key: input.key ?? null,
    status: 'pending',
    claimed_until: null,
    attempts: 0,
    created_at: new Date(),
    sent_at: null,
  });
  return insertedId;
}

/** Cancels a pending notification by id or by (user, key); false when none was pending. */
export async function cancelScheduledNotification(
  appId: string,
  target: { id: string } | { userId: string; key: string },
): Promise<boolean> {
  const filter = 'id' in target ? { _id: target.id } : { user_id: target.userId, key: target.key };
  const { modifiedCount } = await jobsOf(appId).updateMany({ ...filter, status: 'pending' }, { $set: { status: 'cancelled', cancelled_at: new Date() } });
  return modifiedCount > 0;
}

/** Due jobs one query fetches while claiming. */
const CLAIM_BATCH = 20;

/**
 * Claims the next due notification (or one whose claim expired) for this instance. `lost` collects
 * jobs another instance claimed first, so this pass does not fetch them again.
 */
async function claimNext(appId: string, now: Date, lost: Set<string>): Promise<(ScheduledNotification & { _id: string }) | null> {
  const candidates = await jobsOf(appId).find(
    {
      _id: { $nin: [...lost] },
      $or: [
        { status: 'pending', scheduled_for: { $lte: now } },
        { status: 'sending', claimed_until: { $lt: now } },
      ],
    },
    { sort: { scheduled_for: 1 }, limit: CLAIM_BATCH },
  );
  for (const job of candidates) {
    const attempts = job.attempts + 1;
    try {
      await database({ appId }).collection('scheduled_notification_claims').insertOne({ _id: `${job._id}#${attempts}`, created_at: now });
    } catch (error) {
      if (!isApiError(error) || error.errorCode !== 'DUPLICATE_KEY') throw error;
      lost.add(job._id);
      continue;
    }
    const claimedUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
    // Cancelled between the read and the claim: nothing to send.
    const { matchedCount } = await jobsOf(appId).updateOne(
      { _id: job._id, status: { $in: ['pending', 'sending'] } },
      { $set: { status: 'sending', claimed_until: claimedUntil, attempts } },
    );
    if (matchedCount === 0) continue;
    return { ...job, status: 'sending', claimed_until: claimedUntil, attempts };
  }
  return null;
}

/** Sends every due scheduled notification; returns how many were sent. */
export async function deliverDueNotifications(appId: string, now = new Date(), shouldStop = () => false): Promise<number> {
  let sent = 0;
  const lost = new Set<string>();
  while (!shouldStop()) {
    const job = await claimNext(appId, now, lost);
    if (!job) break;
    if (job.attempts > MAX_DELIVERY_ATTEMPTS) {
      await jobsOf(appId).updateOne({ _id: job._id }, { $set: { status: 'failed', claimed_until: null } });
      logger.error('scheduled notification given up after repeated failures', { id: job._id, type: job.type, attempts: job.attempts - 1 });
      continue;
    }
    await createNotification({
      appId,
      userId: job.user_id,
      id: job._id,
      type: job.type,
      title: job.title,
      message: job.message,
      metadata: job.metadata,
      ...(job.channels ? { channels: job.channels } : {}),
    });
    await jobsOf(appId).updateOne({ _id: job._id, status: 'sending' }, { $set: { status: 'sent', sent_at: new Date(), claimed_until: null } });
    sent += 1;
  }
  return sent;
}

/** The digest runs due at `now`: daily after the configured hour, weekly on the configured day. */
export function dueDigestRuns(now: Date): { id: string; period: DigestItem['period'] }[] {
  const { digestDailyHour, digestWeeklyDay } = getEnv().notifications;
  if (now.getUTCHours() < digestDailyHour) return [];
  const day = now.toISOString().slice(0, 10);
  const runs: { id: string; period: DigestItem['period'] }[] = [{ id: `daily:${day}`, period: 'daily' }];
  // getUTCDay: 0 = Sunday; the setting counts from Monday.
  if ((now.getUTCDay() + 6) % 7 === digestWeeklyDay) runs.push({ id: `weekly:${day}`, period: 'weekly' });
  return runs;
}

interface DigestRun {
  [key: string]: unknown;
  period: DigestItem['period'];
  status: 'running' | 'done';
  claimed_until: Date;
  started_at: Date;
  finished_at: Date | null;
}

/** Claims a digest run: the first instance to insert it, or anyone once its claim expired unfinished. */
async function claimDigestRun(appId: string, id: string, period: DigestItem['period'], now: Date): Promise<boolean> {
  const runs = database({ appId }).collection<DigestRun>('notification_digest_runs');
  const claimedUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  try {
    await runs.insertOne({ _id: id, period, status: 'running', claimed_until: claimedUntil, started_at: now, finished_at: null });
    return true;
  } catch (error) {
    if (!isApiError(error) || error.errorCode !== 'DUPLICATE_KEY') throw error;
  }
  const reclaimed = await runs.findOneAndUpdate({ _id: id, status: 'running', claimed_until: { $lt: now } }, { $set: { claimed_until: claimedUntil } });
  return reclaimed !== null;
}

/** Sends one period's digests, user by user; returns how many emails went out. */
export async function sendDigests(appId: string, period: DigestItem['period'], shouldStop = () => false): Promise<number> {
  const items = database({ appId }).collection<DigestItem & { user_id: string }>('notification_digest_items');
  const userIds = (await items.distinct('user_id', { period })).filter((value): value is string => typeof value === 'string');
  let sent = 0;
  for (const userId of userIds) {
    if (shouldStop()) break;
    const pending = await items.find({ period, user_id: userId }, { sort: { created_at: 1 } });
    const user = await findUserById(appId, userId);
    if (user?.email && isEmailConfigured() && pending.length) {
      const email = renderDigest(
        period,
        { app_name: getConfigs().theme.branding.app_name, user_name: user.full_name || user.username },
        pending.slice(0, DIGEST_MAX_ITEMS).map((item) => ({ title: item.title, message: item.message })),
      );
      try {
        await sendEmail(user.email, email);
        sent += 1;
      } catch (error) {
        // One refused address must not hold up everyone else's digest. Its items stay queued for the
        // next period's digest (DIGEST_ITEM_RETENTION_SECONDS bounds a permanently refused one).
        logger.warn('digest email failed; its items wait for the next digest', { user_id: userId, period, error });
        continue;
      }
    }
    await items.deleteMany({ _id: { $in: pending.map((item) => item._id) } });
  }
  return sent;
}

/** Runs the digests due at `now` that no one else has claimed; returns how many emails went out. */
async function runDigests(appId: string, now: Date, shouldStop: () => boolean): Promise<number> {
  let emails = 0;
  for (const run of dueDigestRuns(now)) {
    if (shouldStop() || !(await claimDigestRun(appId, run.id, run.period, now))) continue;
    const sent = await sendDigests(appId, run.period, shouldStop);
    emails += sent;
    if (shouldStop()) break; // unfinished: the claim expires and the run resumes after the restart
    await database({ appId })
      .collection<DigestRun>('notification_digest_runs')
      .updateOne({ _id: run.id }, { $set: { status: 'done', finished_at: new Date() } });
    logger.info('digest sent', { period: run.period, emails: sent });
  }
  return emails;
}

const state = processSingleton('notification-scheduler', () => ({
  timer: undefined as NodeJS.Timeout | undefined,
  tick: undefined as Promise<void> | undefined,
  stopping: false,
}));

/** What one pass sent. */
export interface SchedulerPass {
  scheduledSent: number;
  digestEmailsSent: number;
}

/**
 * One pass: due notifications, then due digests. The in-process timer runs it, and so does
 * `/api/internal/cron` (for hosts where no process lives long enough for a timer); the claims make
 * any number of concurrent passes send each notification and each digest once.
 */
export async function runSchedulerPass(appId: string, now = new Date()): Promise<SchedulerPass> {
  const shouldStop = () => state.stopping;
  const scheduledSent = await deliverDueNotifications(appId, now, shouldStop);
  const digestEmailsSent = await runDigests(appId, now, shouldStop);
  return { scheduledSent, digestEmailsSent };
}

/** The timer's pass. Never throws (the next tick tries again). */
async function schedulerTick(appId: string, now = new Date()): Promise<void> {
  try {
    await runSchedulerPass(appId, now);
  } catch (error) {
    logger.warn('notification scheduler tick failed; retrying next tick', { error });
  }
}

/** Starts the loop, once per process. */
export function startScheduler(): void {
  if (state.timer) return;
  const { appId, notifications } = getEnv();
  state.stopping = false;
  const run = () => {
    if (state.tick) return; // the previous tick is still running
    state.tick = schedulerTick(appId).finally(() => (state.tick = undefined));
  };
  state.timer = setInterval(run, notifications.schedulerIntervalMs);
  state.timer.unref();
  run();
}

/** Stops claiming new work and waits for the tick under way. */
export async function stopScheduler(): Promise<void> {
  state.stopping = true;
  if (state.timer) clearInterval(state.timer);
  state.timer = undefined;
  await state.tick;
}

