import type { z } from 'zod';
import { ApiError } from '@/lib/errors';

/**
 * Parses a value code hands over (a plugin's ctx argument, a model's tool input, a socket message)
 * or throws 422 VALIDATION_ERROR naming what was wrong and where: `ctx.http.fetch: method Invalid
 * option…`. Request bodies go through readJson instead, which answers with every issue.
 */
export function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown, { what, subject = 'input' }: { what: string; subject?: string }): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ApiError('VALIDATION_ERROR', `${what}: ${issue?.path.join('.') || subject} ${issue?.message ?? 'is invalid'}`);
}
