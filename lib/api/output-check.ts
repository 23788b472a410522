/**
 * Holds an endpoint's answers to its declared output schema where MOZAIKS_CHECK_OUTPUTS asks (the
 * test servers do): every integration test and the API fuzzing then fail on an answer the API
 * reference does not describe. Off in production, where it would only cost time.
 */
import type { z } from 'zod';
import { getEnv } from '@/lib/env';
import { isThenable } from '@/lib/runtime/thenable';

/** The JSON the answer becomes (dates as strings, undefined fields gone), as the client will parse it. */
function asSent(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

/**
 * The path of the first field the answer has and the parsed value lost: a field the schema does not
 * declare (z.object drops those, and the reference says `additionalProperties: false`).
 */
function undeclaredField(sent: unknown, parsed: unknown, path: string): string | undefined {
  if (typeof sent !== 'object' || sent === null || typeof parsed !== 'object' || parsed === null) return undefined;
  for (const [key, value] of Object.entries(sent)) {
    const at = path ? `${path}.${key}` : key;
    if (!Object.hasOwn(parsed, key)) return at;
    const inner = undeclaredField(value, (parsed as Record<string, unknown>)[key], at);
    if (inner) return inner;
  }
  return undefined;
}

function check(schema: z.ZodType, value: unknown): unknown {
  if (value instanceof Response) return value;
  const sent = asSent(value);
  const parsed = schema.safeParse(sent);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`The answer does not match the endpoint's output schema: ${issue?.path.join('.') || '(root)'} ${issue?.message}`);
  }
  const undeclared = undeclaredField(sent, parsed.data, '');
  if (undeclared) throw new Error(`The answer does not match the endpoint's output schema: ${undeclared} is not declared`);
  return value;
}

/** A function that passes a handler's result through, checked when asked; the identity when the endpoint declares no output. */
export function checkedOutput(schema: z.ZodType | undefined): (result: unknown) => unknown {
  if (!schema) return (result) => result;
  return (result) => {
    if (!getEnv().checkOutputs) return result;
    return isThenable(result) ? Promise.resolve(result).then((value) => check(schema, value)) : check(schema, result);
  };
}
