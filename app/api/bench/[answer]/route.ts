// POST /api/bench/{answer} — benchmarks only (MOZAIKS_BENCH_BASELINE=true): the bare route handler bench/execute compares the Director with
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { answerResponse, errorAnswer, jsonAnswer, type JsonAnswer } from '@/lib/http/respond';

/**
 * What the benchmarked plugin actions answer, by name: `notes` is `notes.list` on an empty
 * collection, `hosting` is `moz.platform.hosting`'s `list_apps` on a self-hosted app (an action that
 * reads nothing). bench/execute checks over HTTP that each answer equals the action's before measuring.
 */
const BENCH_ANSWERS: Record<string, unknown> = {
  notes: { items: [], count: 0 },
  hosting: { mode: 'self_hosted', available: false, reason: 'self_hosted' },
};

/**
 * Deliberately not wrapped in route(): no identity, no context, no database. It reads the JSON
 * body and answers what the named action answers, so the benchmark's ratio is the cost of
 * everything the Director adds on top of the same request. Like the Director's route it takes
 * its one path parameter from the same dispatch, and answers in the same two forms: as data for
 * server.ts's direct routes (`answer`), as a Response for Next's router (`POST`).
 */
async function answer(request: Request, params: { answer: string }): Promise<JsonAnswer> {
  const path = `/api/bench/${params.answer}`;
  const refuse = (error: ApiError) => errorAnswer(error, { method: 'POST', path });
  if (!getEnv().benchBaseline || !Object.hasOwn(BENCH_ANSWERS, params.answer)) return refuse(new ApiError('NOT_FOUND', `No API route matches POST ${path}`));
  try {
    await request.json();
  } catch {
    return refuse(new ApiError('INVALID_JSON', 'Invalid JSON payload'));
  }
  return jsonAnswer(BENCH_ANSWERS[params.answer]);
}

export const POST = Object.assign(
  async (request: Request, { params }: { params: Promise<{ answer: string }> }): Promise<Response> => answerResponse(await answer(request, await params)),
  { answer },
);
