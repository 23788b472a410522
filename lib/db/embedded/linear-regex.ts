/**
 * Regular expressions on the embedded store run on RE2 (re2js, pure JavaScript), never on V8's
 * backtracking engine: a filter such as `{name: {$regex: "^(a+)+$"}}` takes time exponential in the
 * input there, and the store runs on the event loop, so one such query froze every request for
 * seconds. RE2 matches in time linear in the input; patterns it cannot run that way (backreferences,
 * lookarounds) are refused with QUERY_NOT_ALLOWED.
 *
 * mingo compiles every pattern into a RegExp (`$regex` with `$options`, `{field: /re/}`, `$in` lists,
 * `$all`, `$regexMatch`…), so the operators that test one are replaced, in the context of every
 * Query, Aggregator and update (./mingo.ts), by versions that test a LinearRegExp instead.
 */
import type { Context } from 'mingo';
import { evalExpr } from 'mingo/core';
import { $all, $in, $nin, $regex } from 'mingo/operators/query';
import { RE2JS } from 're2js';
import { queryNotAllowed } from '../errors';

/** Compiled patterns kept for reuse, by flags and source; the oldest goes first. */
const MAX_PATTERNS = 500;
const patterns = new Map<string, RE2JS>();

/** JavaScript's `\uHHHH` and `\u{H…}` escapes in RE2's spelling (`\x{H…}`); other escapes are the same in both. */
function toRe2Syntax(source: string): string {
  return source.replace(/\\(\\|u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4}))/g, (escape, _body, braced?: string, plain?: string) =>
    braced || plain ? `\\x{${braced ?? plain}}` : escape,
  );
}

function re2Flags(flags: string): number {
  let result = 0;
  for (const flag of flags) {
    if (flag === 'i') result |= RE2JS.CASE_INSENSITIVE;
    else if (flag === 'm') result |= RE2JS.MULTILINE;
    else if (flag === 's') result |= RE2JS.DOTALL;
    // u (always Unicode here), g, y and d change nothing for a single test.
    else if (!'ugyd'.includes(flag)) throw queryNotAllowed(`Regular expression option "${flag}" is not supported`);
  }
  return result;
}

function compileRe2(source: string, flags: string): RE2JS {
  const key = `${flags}/${source}`;
  let compiled = patterns.get(key);
  if (compiled) return compiled;
  try {
    compiled = RE2JS.compile(toRe2Syntax(source), re2Flags(flags));
  } catch (error) {
    if (error instanceof Error && error.name !== 'RE2JSSyntaxException') throw error;
    throw queryNotAllowed(
      `The regular expression /${source}/ cannot be matched in linear time (${(error as Error).message}); backreferences and lookarounds are not supported`,
    );
  }
  if (patterns.size >= MAX_PATTERNS) patterns.delete(patterns.keys().next().value!);
  patterns.set(key, compiled);
  return compiled;
}

/** A RegExp whose `exec` and `test` run on RE2; mingo and String methods accept it as a RegExp. */
export class LinearRegExp extends RegExp {
  private readonly re2: RE2JS;

  constructor(source: string, flags = '') {
    const re2 = compileRe2(source, flags);
    super(source, flags.replace(/[gy]/g, ''));
    this.re2 = re2;
  }

  override exec(input: string): RegExpExecArray | null {
    const text = String(input);
    const matcher = this.re2.matcher(text);
    if (!matcher.find()) return null;
    const groups: (string | undefined)[] = [];
    for (let group = 0; group <= matcher.groupCount(); group += 1) groups.push(matcher.group(group) ?? undefined);
    return Object.assign(groups, { index: matcher.start(), input: text, groups: undefined }) as RegExpExecArray;
  }

  override test(input: string): boolean {
    return this.re2.matcher(String(input)).find();
  }

  /** RE2's matcher over `input`, for callers that walk every match. */
  matcher(input: string) {
    return this.re2.matcher(input);
  }
}

/** The pattern as a LinearRegExp (a query's RegExp, or a `$regex` string with its `$options`). */
export function linearRegExp(pattern: unknown, options?: unknown): LinearRegExp {
  if (pattern instanceof LinearRegExp && options === undefined) return pattern;
  if (pattern instanceof RegExp) return new LinearRegExp(pattern.source, typeof options === 'string' ? options : pattern.flags);
  if (typeof pattern === 'string') return new LinearRegExp(pattern, typeof options === 'string' ? options : '');
  throw queryNotAllowed('$regex takes a string or a regular expression');
}

const linearItems = (values: unknown) => (Array.isArray(values) ? values.map((value) => (value instanceof RegExp ? linearRegExp(value) : value)) : values);

type RegexSearch = { input?: unknown; regex?: unknown; options?: unknown };

/** `$regexFind`'s matches on RE2, as mingo reports them (`idx` in UTF-16 units). */
function regexSearch(obj: unknown, expr: unknown, options: Options, global: boolean) {
  const { input, regex, options: flags } = evalExpr(obj, expr, options) as RegexSearch;
  if (typeof input !== 'string') return [];
  if (typeof flags === 'string' && /[xg]/.test(flags)) throw queryNotAllowed('Regular expression options "x" and "g" are not supported here');
  const matcher = linearRegExp(regex, flags ?? undefined).matcher(input);
  const matches: { match: string; idx: number; captures: (string | null)[] }[] = [];
  let from = 0;
  while (from <= input.length && matcher.find(from)) {
    const captures: (string | null)[] = [];
    for (let group = 1; group <= matcher.groupCount(); group += 1) captures.push(matcher.group(group));
    matches.push({ match: matcher.group(0) ?? '', idx: matcher.start(), captures });
    if (!global) break;
    // An empty match moves on one character, as MongoDB's does.
    from = matcher.end() > matcher.start() ? matcher.end() : matcher.end() + 1;
  }
  return matches;
}

type Operators = NonNullable<Parameters<typeof Context.init>[0]>;
type Options = Parameters<typeof evalExpr>[2];
type QueryOperator = (selector: string, value: unknown, options: Options) => unknown;
type ExpressionOperator = (obj: unknown, expr: unknown, options: Options) => unknown;
/** mingo's own operators, called with a LinearRegExp where they had a RegExp (their typings are a union too complex to check). */
const original = { $regex, $in, $nin, $all } as unknown as Record<'$regex' | '$in' | '$nin' | '$all', QueryOperator>;

const query: Record<string, QueryOperator> = {
  $regex: (selector, value, options) => original.$regex(selector, linearRegExp(value), options),
  $in: (selector, value, options) => original.$in(selector, linearItems(value), options),
  $nin: (selector, value, options) => original.$nin(selector, linearItems(value), options),
  $all: (selector, value, options) => original.$all(selector, linearItems(value), options),
};

const expression: Record<string, ExpressionOperator> = {
  $regexMatch: (obj, expr, options) => regexSearch(obj, expr, options, false).length > 0,
  $regexFind: (obj, expr, options) => regexSearch(obj, expr, options, false)[0] ?? null,
  $regexFindAll: (obj, expr, options) => regexSearch(obj, expr, options, true),
};

/** Every mingo operator that tests a regular expression, on RE2: to be merged over mingo's own. */
export const LINEAR_REGEX_OPERATORS = {
  query: query as unknown as NonNullable<Operators['query']>,
  expression: expression as unknown as NonNullable<Operators['expression']>,
};
