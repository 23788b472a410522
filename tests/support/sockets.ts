import type { Socket } from 'socket.io-client';

/** The reason the server gave for closing `socket`; rejects if it is still open 10 s on (a bound to fail by, not a speed). */
export function disconnection(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket was still connected 10 s later')), 10_000);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
