import { ApiError } from '@/lib/errors';

/** Seconds a client should wait before retrying while the database is down. */
export const DB_RETRY_AFTER_SECONDS = 5;

export function databaseUnavailable(): ApiError {
  return new ApiError('DB_UNAVAILABLE', 'The database is unavailable. Try again in a few seconds.', {
    headers: { 'Retry-After': String(DB_RETRY_AFTER_SECONDS) },
  });
}

export function duplicateKey(collection: string): ApiError {
  return new ApiError('DUPLICATE_KEY', `A record with the same unique key already exists in ${collection}.`);
}

/** A filter, update or pipeline that would reach outside its tenant scope, or run code on the server. */
export function queryNotAllowed(detail: string): ApiError {
  return new ApiError('QUERY_NOT_ALLOWED', detail);
}

/** A value the database cannot store or an update it cannot apply (e.g. $inc on text). */
export function invalidWrite(detail: string): ApiError {
  return new ApiError('INVALID_WRITE', detail);
}

/** A valid query this database server cannot run (FerretDB lacks some operators and stages). */
export function queryNotSupported(reason: string): ApiError {
  return new ApiError('QUERY_NOT_SUPPORTED', `This database cannot run the query: ${reason}`);
}
