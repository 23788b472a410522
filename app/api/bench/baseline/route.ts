// POST /api/bench/baseline — benchmarks only (MOZAIKS_BENCH_BASELINE=true): the bare route handler bench/execute compares the Director with
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/http/errors';
import { json, toErrorResponse } from '@/lib/http/respond';

const PATH = '/api/bench/baseline';

/**
 * Deliberately not wrapped in route(): no identity, no context, no database. It reads the JSON
 * body and answers what `notes.list` answers on an empty collection, so the benchmark's ratio is
 * the cost of everything the Director adds on top of Next's own handling of the same request.
 */
export async function POST(request: Request): Promise<Response> {
  const refuse = (error: ApiError) => toErrorResponse(error, { method: 'POST', path: PATH });
  if (!getEnv().benchBaseline) return refuse(new ApiError('NOT_FOUND', `No API route matches POST ${PATH}`));
  try {
    await request.json();
  } catch {
    return refuse(new ApiError('INVALID_JSON', 'Invalid JSON payload'));
  }
  return json({ items: [], count: 0 });
}
