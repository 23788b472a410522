/**
 * Closing a connection whose request body was not read to its end. The answer says
 * `Connection: close`, on which Node destroys the socket as soon as the answer is written; with the
 * rest of the body still unread, the kernel then resets the connection, and a reset destroys the
 * answer in a client that has not read it yet (a busy client lost every 413 this way). So the socket
 * closes as a lingering close, as Apache and nginx do: our side is shut after the answer, what the
 * client still sends is read and dropped (never kept), up to a bound, then left unread so the
 * client's writes stall instead of streaming on, and the socket is destroyed after a moment.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const LINGER_MS = 2_000;
/** Read and dropped after the answer at most; a client sending more waits on a full window until the socket closes. */
const LINGER_BYTES = 1_000_000;

/** Marks `res` as the connection's last answer and drops the rest of `req`'s body until it closes. */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  const socket = req.socket;
  // Node calls destroySoon() once a `Connection: close` answer is written.
  socket.destroySoon = () => {
    socket.end();
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > LINGER_BYTES) req.pause();
    });
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  req.resume();
}
