/**
 * Server-Sent Events plumbing shared by the live streams (./stream.ts, lib/ai/transport/sse.ts): the
 * reconnect delay, heartbeat comments, an end before a host's time limit for a function (the browser
 * reconnects at once, resuming from its Last-Event-ID), and a cap on what a slow client may leave
 * unread (its stream closes; it reconnects and catches up).
 */

/** The browser waits this long before reconnecting (SSE `retry:`). */
const RECONNECT_DELAY_MS = 1_000;
/** Bytes a slow client may leave unread before its stream is closed. */
const MAX_UNREAD_BYTES = 256 * 1024;

export interface StreamTiming {
  /** The stream ends after this long (a host's function time limit); the client reconnects. */
  streamSeconds: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatSeconds: number;
}

export interface SseFrame {
  id?: string;
  event: string;
  data: unknown;
}

/** What a stream's producer gets: send frames, or end the stream. */
export interface SseChannel {
  send(frame: SseFrame): void;
  close(): void;
}

const encoder = new TextEncoder();

function format({ id, event, data }: SseFrame): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * An SSE response whose frames come from `produce`; it returns what to undo when the stream ends
 * (by the client, the time limit, or `close()`).
 */
export function sseResponse(timing: StreamTiming, produce: (channel: SseChannel) => () => void): Response {
  let finish: () => void = () => {};
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        let undo: () => void = () => {};
        const write = (text: string) => {
          if (closed) return;
          controller.enqueue(encoder.encode(text));
          if ((controller.desiredSize ?? 0) < 0) finish();
        };
        const heartbeat = setInterval(() => write(': heartbeat\n\n'), timing.heartbeatSeconds * 1000);
        const limit = setTimeout(() => finish(), timing.streamSeconds * 1000);
        finish = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          clearTimeout(limit);
          undo();
          try {
            controller.close();
          } catch {
            // Already cancelled by the client: nothing left to close.
          }
        };
        write(`retry: ${RECONNECT_DELAY_MS}\n\n`);
        undo = produce({ send: (frame) => write(format(frame)), close: () => finish() });
      },
      cancel() {
        finish();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: MAX_UNREAD_BYTES }),
  );
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // nginx and some hosts buffer responses unless told not to.
      'x-accel-buffering': 'no',
    },
  });
}
