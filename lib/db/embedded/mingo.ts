/**
 * mingo as the embedded store uses it: every operator, with those that test regular expressions
 * on RE2 (./linear-regex.ts). mingo's top-level `Query`, `Aggregator` and `update` merge a caller's
 * context under their own (their operators win), so the store uses the base classes with this
 * context instead; sub-queries ($not, $elemMatch, $match stages) inherit it.
 */
import { Aggregator as BaseAggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import { Query as BaseQuery } from 'mingo/query';
import { update as baseUpdate } from 'mingo/updater';
import type { Document } from '../types';
import { LINEAR_REGEX_OPERATORS } from './linear-regex';

type Operators = NonNullable<Parameters<typeof Context.init>[0]>;

const CONTEXT = Context.init({
  accumulator: accumulator as unknown as Operators['accumulator'],
  expression: { ...(expression as unknown as Operators['expression']), ...LINEAR_REGEX_OPERATORS.expression },
  pipeline: pipeline as unknown as Operators['pipeline'],
  projection: projection as unknown as Operators['projection'],
  query: { ...(query as unknown as Operators['query']), ...LINEAR_REGEX_OPERATORS.query },
  window: window as unknown as Operators['window'],
});

const OPTIONS = { context: CONTEXT };

/** A compiled mingo query with the store's operators. */
export class Query extends BaseQuery<Document> {
  constructor(filter: Document) {
    super(filter, OPTIONS);
  }
}

/** A mingo pipeline with the store's operators. */
export class Aggregator extends BaseAggregator {
  constructor(stages: Document[]) {
    super(stages, OPTIONS);
  }
}

type Modifier = Parameters<typeof baseUpdate>[1];

/** Applies an operator update in place (conditions in `$pull` use the store's operators); returns the changed paths. */
export function applyUpdate(doc: Document, modifier: Document): string[] {
  return baseUpdate(doc, modifier as Modifier, undefined, undefined, { queryOptions: OPTIONS });
}
