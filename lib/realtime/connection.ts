/**
 * One client connection's live messages (a socket or an SSE stream): the user's room and the app's,
 * followed from where the client left off. Its place in both is one resume id, sent with every
 * message (SSE's `id:`): `<user room event id>_<app room event id>`. A resume id that is not one of
 * ours is ignored: the connection starts from now.
 */
import type { Identity } from '@/lib/auth/identity';
import { followRoom, isEventId, latestInRoom, type FeedEvent, type Following } from './feed';
import { appRoom, userRoom } from './rooms';

interface Place {
  user: string;
  app: string;
}

export function parseResumeId(value: string | null | undefined): Place | undefined {
  const [user, app, ...rest] = (value ?? '').split('_');
  return user && app && rest.length === 0 && isEventId(user) && isEventId(app) ? { user, app } : undefined;
}

const formatResumeId = (place: Place) => `${place.user}_${place.app}`;

export interface ConnectionHandlers {
  /** A message, and the resume id that follows it. */
  deliver(event: FeedEvent, resumeId: string): void;
  /** Messages after the client's resume id were dropped: it should reload what it shows. */
  resync(): void;
}

export interface LiveConnection {
  /** Where the client is now; a reconnect with it misses nothing and receives nothing twice. */
  resumeId(): string;
  stop(): void;
}

/** Follows the identity's user and app rooms from `resumeId` (or from now) for one connection. */
export async function followConnection(identity: Identity, resumeId: string | null | undefined, handlers: ConnectionHandlers): Promise<LiveConnection> {
  const rooms = { user: userRoom(identity.app_id, identity.user_id), app: appRoom(identity.app_id) };
  const place: Place = parseResumeId(resumeId) ?? { user: await latestInRoom(rooms.user), app: await latestInRoom(rooms.app) };
  let stopped = false;
  const followings: Following[] = [];
  const follow = (key: keyof Place) =>
    followRoom(rooms[key], place[key], {
      deliver: (event) => {
        if (stopped) return;
        place[key] = event.id;
        handlers.deliver(event, formatResumeId(place));
      },
      resync: () => !stopped && handlers.resync(),
    });
  const stop = () => {
    stopped = true;
    for (const following of followings.splice(0)) following.stop();
  };
  // A connection may close while it is still being set up: what it followed by then stops at once.
  const keep = (following: Following) => (stopped ? following.stop() : followings.push(following));
  try {
    keep(await follow('user'));
    keep(await follow('app'));
  } catch (error) {
    stop();
    throw error;
  }
  return { resumeId: () => formatResumeId(place), stop };
}
