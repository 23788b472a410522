/**
 * A value that is there at once or later. Hot paths (every plugin call, every request's identity)
 * answer from memory when they can and only make a promise when something must be read: each promise
 * costs, more so under the async-context tracking Next turns on. One type and one combinator, instead
 * of pairs of functions (`xNow()` beside `x()`) for the two cases.
 */
import { isThenable } from './thenable';

export type Awaitable<T> = T | Promise<T>;

/** `next(value)` at once when `value` is there, else once it is. A throw in `next` is the caller's (or the promise's). */
export function andThen<T, U>(value: Awaitable<T>, next: (value: T) => Awaitable<U>): Awaitable<U> {
  return isThenable(value) ? Promise.resolve(value).then(next) : next(value);
}
