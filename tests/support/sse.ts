/** A Server-Sent Events client for tests, over fetch: reads frames as they come, as EventSource would. */

export interface SseFrame {
  id?: string;
  event: string;
  data: unknown;
}

export interface SseStream {
  status: number;
  /** Every frame so far, in order (comments and `retry:` lines are counted apart). */
  frames: SseFrame[];
  comments: () => number;
  retry: () => number | undefined;
  /** The next frame named `event` after the `index`-th frame (default: any not yet awaited), or a timeout. */
  next(event: string, timeoutMs?: number): Promise<SseFrame>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string, { headers = {}, lastEventId }: { headers?: Record<string, string>; lastEventId?: string } = {}): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw Object.assign(new Error(`stream refused: ${response.status}`), { response });
  const frames: SseFrame[] = [];
  let comments = 0;
  let retry: number | undefined;
  let taken = 0;
  const waiters = new Set<() => void>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const frame: Partial<SseFrame> & { data?: string } = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments++;
            else if (line.startsWith('retry: ')) retry = Number(line.slice(7));
            else if (line.startsWith('id: ')) frame.id = line.slice(4);
            else if (line.startsWith('event: ')) frame.event = line.slice(7);
            else if (line.startsWith('data: ')) frame.data = line.slice(6);
          }
          if (frame.event) frames.push({ id: frame.id, event: frame.event, data: frame.data === undefined ? undefined : JSON.parse(frame.data) });
          for (const wake of [...waiters]) wake();
        }
      }
    } catch {
      // Closed by us.
    } finally {
      for (const wake of [...waiters]) wake();
    }
  })();
  let finished = false;
  void ended.then(() => (finished = true));
  return {
    status: response.status,
    frames,
    comments: () => comments,
    retry: () => retry,
    next(event, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const index = frames.findIndex((frame, at) => at >= taken && frame.event === event);
          if (index !== -1) {
            taken = index + 1;
            waiters.delete(look);
            clearTimeout(timer);
            resolve(frames[index]!);
          } else if (finished) {
            waiters.delete(look);
            clearTimeout(timer);
            reject(new Error(`stream ended before a "${event}" frame; got ${JSON.stringify(frames.map((f) => f.event))}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no "${event}" frame within ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => f.event))}`));
        }, timeoutMs);
        waiters.add(look);
        look();
      });
    },
    ended,
    close: () => abort.abort(),
  };
}
