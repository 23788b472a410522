/**
 * Closing a connection whose request body was not read to its end. The answer says
 * `Connection: close`, on which Node destroys the socket as soon as the answer is written; with the
 * rest of the body still unread, the kernel then resets the connection, and a reset destroys the
 * answer in a client that has not read it yet (a busy client lost every 413 this way). So the socket
 * closes as a lingering close, as Apache and nginx do: our side is shut after the answer, what the
 * client still sends is read and dropped (never kept) for a moment, then the socket is destroyed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const LINGER_MS = 2_000;

/** Marks `res` as the connection's last answer and drops the rest of `req`'s body until it closes. */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  const socket = req.socket;
  // Node calls destroySoon() once a `Connection: close` answer is written.
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  req.resume();
}
