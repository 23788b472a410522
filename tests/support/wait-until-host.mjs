/**
 * Preloaded into `next start` (NODE_OPTIONS=--import) to play a serverless host: every request runs
 * with a request context whose `waitUntil` is what keeps a function alive after its answer, exactly
 * the hook Next's docs tell platforms to provide for `after()` (next/dist/docs, after.md, "supporting
 * after for serverless platforms"). It reports on stderr each promise it is handed and when it settles,
 * so a spec can see what the host was asked to wait for.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';

const storage = new AsyncLocalStorage();
globalThis[Symbol.for('@next/request-context')] = { get: () => storage.getStore() };

let handed = 0;
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, ...rest) {
  if (event !== 'request') return emit.call(this, event, request, ...rest);
  const by = `${request.method} ${request.url}`;
  const waitUntil = (promise) => {
    const id = ++handed;
    process.stderr.write(`[wait-until] #${id} handed by ${by}\n`);
    const settled = () => process.stderr.write(`[wait-until] #${id} settled\n`);
    promise.then(settled, settled);
  };
  return storage.run({ waitUntil }, () => emit.call(this, event, request, ...rest));
};
