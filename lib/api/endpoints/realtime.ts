/** Real time without sockets: live messages as Server-Sent Events (lib/realtime/stream.ts). */
import { z } from 'zod';
import { getEnv } from '@/lib/env';
import { eventStream } from '@/lib/realtime/stream';
import { endpoint } from '../endpoint';

export const stream = endpoint({
  method: 'GET',
  path: '/api/realtime/stream',
  tags: ['Realtime'],
  summary: 'Live messages for the caller as Server-Sent Events (what a socket receives), resumable with Last-Event-ID',
  description:
    'Events: `ready` first (its id is where the stream starts), then each message under its own name (`notification`, `<plugin>:update`) with an `id:`; ' +
    '`resync` when messages after the given Last-Event-ID were dropped (reload what you show). A Last-Event-ID that is not one of ours is ignored. ' +
    'The stream ends after MOZAIKS_REALTIME_STREAM_SECONDS; EventSource reconnects and resumes by itself.',
  queryToken: true,
  query: z.object({
    last_event_id: z.string().max(200).optional().describe('For clients that cannot send the Last-Event-ID header; the header wins'),
  }),
  produces: 'text/event-stream',
  handler: ({ request, identity, query }) =>
    eventStream(identity, request.headers.get('last-event-id') ?? query.last_event_id ?? null, getEnv().realtime),
});
