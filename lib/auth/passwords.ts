import bcrypt from 'bcryptjs';

/**
 * bcrypt, as the original runtime used: hashes from its `users` collection keep working. Cost 12 is
 * about 250 ms on a server core — slow for attackers, unnoticeable at sign-in.
 */
const BCRYPT_COST = 12;
export const MIN_PASSWORD_LENGTH = 8;
/** bcrypt only reads the first 72 bytes; longer passwords would give a false sense of strength. */
export const MAX_PASSWORD_BYTES = 72;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for sign-ins to unknown usernames: otherwise the
 * response time would tell an attacker which usernames exist.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash('mozaiks-timing-equaliser', BCRYPT_COST);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
