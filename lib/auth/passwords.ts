/**
 * Password hashing, off the event loop. New hashes are scrypt, computed on libuv's thread pool by
 * Node's crypto: a sign-up never stalls the requests beside it (bcryptjs, used before, hashed in
 * JavaScript on the main thread, and 40 sign-ups at once froze the server for 18 s). Hashes from the
 * original runtime's `users` collection are bcrypt; they still verify, and the caller rehashes them
 * with scrypt at the next successful sign-in (see `needsRehash`).
 *
 * Hashing is bounded: at most HASH_CONCURRENCY at a time (the thread pool also serves file and DNS
 * work, and the embedded store writes through it) and at most MAX_WAITING_HASHES queued; past that
 * the caller gets 503 with Retry-After instead of a growing queue.
 */
import { availableParallelism } from 'node:os';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { ApiError } from '@/lib/errors';
import { processSingleton } from '@/lib/runtime/global';

export const MIN_PASSWORD_LENGTH = 8;
/** bcrypt only read the first 72 bytes; kept as the limit so a password means the same under either hash. */
export const MAX_PASSWORD_BYTES = 72;

/**
 * scrypt's cost: N = 2^15, r = 8, p = 1 (32 MiB and about 50-100 ms per hash on a server core), the
 * parameters OWASP recommends for interactive sign-in.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** scrypt needs 128·N·r bytes; Node refuses more than `maxmem`, 32 MiB by default, which is just too little. */
const SCRYPT_OPTIONS: ScryptOptions = { ...SCRYPT, maxmem: 64 * 1024 * 1024 };
/** `scrypt$<N>$<r>$<p>$<salt>$<key>`, base64url: the parameters travel with the hash, so they can rise later. */
const SCRYPT_PREFIX = 'scrypt$';

/** Hashes computing at once: leave a core (and thread-pool threads) for everything else. */
export const HASH_CONCURRENCY = Math.max(1, availableParallelism() - 1);
/** Hashes waiting for a turn; beyond this a sign-up or sign-in is refused with 503 and Retry-After. */
export const MAX_WAITING_HASHES = 32;

const slots = processSingleton('password-hash-slots', () => ({ running: 0, waiting: [] as Array<() => void> }));

function busy(): ApiError {
  return new ApiError('SERVICE_UNAVAILABLE', 'Too many sign-ins and sign-ups at once; try again in a moment', { headers: { 'Retry-After': '2' } });
}

/** Runs `work` when a hashing slot is free; 503 when too many are already waiting. */
async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots.running >= HASH_CONCURRENCY) {
    if (slots.waiting.length >= MAX_WAITING_HASHES) throw busy();
    await new Promise<void>((resolve) => slots.waiting.push(resolve));
  } else {
    slots.running += 1;
  }
  try {
    return await work();
  } finally {
    // The slot passes to the next waiter as it is; only when nobody waits does it become free.
    const next = slots.waiting.shift();
    if (next) next();
    else slots.running -= 1;
  }
}

function deriveKey(password: string, salt: Buffer, params: { N: number; r: number; p: number }, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, bytes, { ...params, maxmem: SCRYPT_OPTIONS.maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

async function scryptHash(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, SCRYPT, KEY_BYTES);
  return `${SCRYPT_PREFIX}${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

async function scryptVerify(password: string, hash: string): Promise<boolean> {
  const [, n, r, p, salt, key] = hash.split('$');
  const expected = Buffer.from(key ?? '', 'base64url');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!expected.length || !salt || !Object.values(params).every((value) => Number.isInteger(value) && value > 0)) return false;
  const actual = await deriveKey(password, Buffer.from(salt, 'base64url'), params, expected.length);
  return timingSafeEqual(actual, expected);
}

function isBcrypt(hash: string): boolean {
  return /^\$2[aby]\$\d\d\$/.test(hash);
}

export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => scryptHash(password));
}

/** Checks a password against a scrypt hash, or a bcrypt one from the original runtime. */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (hash.startsWith(SCRYPT_PREFIX)) return withHashSlot(() => scryptVerify(password, hash));
  if (isBcrypt(hash)) return withHashSlot(() => bcrypt.compare(password, hash));
  return Promise.resolve(false);
}

/** A hash made before the current parameters (bcrypt, or weaker scrypt): replace it after the next correct password. */
export function needsRehash(hash: string): boolean {
  return !hash.startsWith(`${SCRYPT_PREFIX}${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$`);
}

const dummy = processSingleton('password-dummy-hash', () => ({ hash: undefined as Promise<string> | undefined }));

/**
 * Spends the same time as checking a real password, for sign-ins to unknown usernames: otherwise the
 * response time would tell an attacker which usernames exist.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy.hash ??= scryptHash('mozaiks-timing-equaliser');
  await verifyPassword(password, await dummy.hash);
  return false;
}
