/**
 * Several instances acting as one, through Redis (REDIS_URL): one publishing and one subscribing
 * connection per process, shared by the real-time feed (./feed: a message for a user reaches their
 * sockets and SSE streams on every instance), the Socket.IO Redis adapter (chat rooms) and the
 * event bus transport (subscribers marked `everyInstance` hear events published elsewhere) and the
 * messages for whichever instance holds an AI run (./instances).
 * Every key and channel starts with the app's prefix, so apps can share one Redis.
 */
import { createClient } from 'redis';
import { eventTransport, receiveRemoteEvent, setEventTransport, type EventEnvelope } from '@/lib/events/bus';
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';
import { StartupProblem } from '@/lib/runtime/startup-problem';
import { closeFeed, setFeedStore } from './feed';
import { receiveInstanceMessage, setInstanceSender } from './instances';
import { redisFeed } from './feed/redis';
import { redisPrefix } from './rooms';

/** How long start-up waits for Redis before giving up with an explanation. */
export const REDIS_CONNECT_TIMEOUT_MS = 10_000;

/** A client as the runtime makes them (for tools and tests that act as an instance). */
export function newRedisClient(url: string) {
  return createClient({ url, socket: { connectTimeout: REDIS_CONNECT_TIMEOUT_MS } });
}
type RedisClient = ReturnType<typeof newRedisClient>;

export interface RedisLink {
  pub: RedisClient;
  sub: RedisClient;
}

const holder = processSingleton('redis', () => ({ link: undefined as RedisLink | undefined }));

/** REDIS_URL without its password, for messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}

function eventsChannel(appId: string): string {
  return `${redisPrefix(appId)}:events`;
}

function instancesChannel(appId: string): string {
  return `${redisPrefix(appId)}:instances`;
}

/**
 * Connects to Redis and routes the event bus through it. Called once at start-up when REDIS_URL is
 * set; rejects with a StartupProblem when Redis cannot be reached in time. Afterwards the clients
 * reconnect by themselves, and events published while Redis is away stay on their own instance.
 */
export async function connectRedis({ url, appId }: { url: string; appId: string }): Promise<RedisLink> {
  if (holder.link) return holder.link;
  const pub = newRedisClient(url);
  const sub = newRedisClient(url);
  let reported = false;
  for (const [role, client] of [['publisher', pub], ['subscriber', sub]] as const) {
    client.on('error', (error: Error) => {
      // The client retries on its own; say so once per outage rather than on every attempt.
      if (!reported) logger.warn('redis connection lost; retrying', { role, error: error.message });
      reported = true;
    });
    client.on('ready', () => {
      if (reported) logger.info('redis connection restored', { role });
      reported = false;
    });
  }
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new StartupProblem(`Cannot reach Redis at ${redactRedisUrl(url)} within ${REDIS_CONNECT_TIMEOUT_MS / 1000} s. Start Redis or unset REDIS_URL.`)), REDIS_CONNECT_TIMEOUT_MS).unref(),
  );
  try {
    await Promise.race([Promise.all([pub.connect(), sub.connect()]), timeout]);
  } catch (error) {
    await Promise.allSettled([pub.destroy(), sub.destroy()]);
    throw error instanceof StartupProblem ? error : new StartupProblem(`Cannot connect to Redis at ${redactRedisUrl(url)}: ${(error as Error).message}`);
  }

  const channel = eventsChannel(appId);
  await sub.subscribe(channel, (message) => {
    try {
      receiveRemoteEvent(JSON.parse(message) as EventEnvelope);
    } catch (error) {
      logger.warn('unreadable event from redis ignored', { error });
    }
  });
  setEventTransport({
    send: async (envelope) => {
      if (pub.isReady) await pub.publish(channel, JSON.stringify(envelope));
    },
  });
  const instances = instancesChannel(appId);
  await sub.subscribe(instances, receiveInstanceMessage);
  setInstanceSender(async (payload) => {
    if (!pub.isReady) throw new Error('Redis is not connected');
    await pub.publish(instances, payload);
  });
  const link = { pub, sub };
  setFeedStore(await redisFeed({ link, appId }));
  holder.link = link;
  logger.info('redis connected', { url: redactRedisUrl(url) });
  return link;
}

/** The process's Redis connections, when REDIS_URL is set. */
export function redisLink(): RedisLink | undefined {
  return holder.link;
}

/** How long closing may wait for Redis before the clients are dropped: it may have gone before they noticed. */
const REDIS_CLOSE_TIMEOUT_MS = 2_000;

/**
 * Closes a client: politely while it is connected; at once while it is reconnecting, where a polite close (and
 * any command) would wait for a Redis that may never come back (a shutdown after Redis went away hung on it).
 */
async function closeClient(client: RedisClient): Promise<void> {
  if (client.isReady) await client.close();
  else if (client.isOpen) client.destroy();
}

/**
 * Closes the connections; part of graceful shutdown. Rejects when Redis did not answer within
 * REDIS_CLOSE_TIMEOUT_MS: the clients are dropped then, and what they still had to send is lost.
 */
export async function closeRedis(): Promise<void> {
  const link = holder.link;
  if (!link) return;
  holder.link = undefined;
  if (eventTransport()) setEventTransport(undefined);
  setInstanceSender(undefined);
  const drop = setTimeout(() => {
    for (const client of [link.sub, link.pub]) if (client.isOpen) client.destroy();
  }, REDIS_CLOSE_TIMEOUT_MS);
  try {
    await closeFeed();
    await Promise.all([closeClient(link.sub), closeClient(link.pub)]);
  } finally {
    clearTimeout(drop);
  }
}
