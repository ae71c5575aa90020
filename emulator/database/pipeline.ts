import { Aggregator } from 'mingo/aggregator'
import { Context, evalExpr } from 'mingo/core'
import { Lazy, type Iterator } from 'mingo/lazy'
import * as accumulator from 'mingo/operators/accumulator'
import * as expression from 'mingo/operators/expression'
import * as pipeline from 'mingo/operators/pipeline'
import * as projection from 'mingo/operators/projection'
import * as query from 'mingo/operators/query'
import * as window from 'mingo/operators/window'
import type { Options } from 'mingo/types'
import { compare, isNil, MingoError, typeOf } from 'mingo/util'

/**
 * `$bucket` as MongoDB defines it, replacing mingo 7.2's: each bucket holds lower bound ≤ groupBy < upper
 * bound (mingo put a value equal to a boundary into the bucket below), only buckets that received a
 * document are output (mingo also output the empty ones), in boundary order with `default` last; a value
 * outside the boundaries without a `default` fails the aggregation. Contract item 55 lists bucket among
 * the working stages; its semantics are the server's (MongoDB).
 */
interface BucketSpec {
  groupBy: unknown
  boundaries: unknown[]
  default?: unknown
  output?: Record<string, unknown>
}

function $bucket(collection: Iterator, spec: BucketSpec, options: Options): Iterator {
  const bounds = Array.isArray(spec.boundaries) ? spec.boundaries : []
  const fail = (message: string): never => {
    throw new MingoError(message)
  }
  if (bounds.length < 2) fail("The $bucket 'boundaries' field must have at least 2 values")
  const ascending = bounds.every(
    (bound, i) => i === 0 || (typeOf(bound) === typeOf(bounds[i - 1]) && compare(bound, bounds[i - 1]) > 0),
  )
  if (!ascending) fail("The $bucket 'boundaries' field must be an array of values of the same type, sorted ascending")
  const lower = bounds[0]
  const upper = bounds[bounds.length - 1]
  const hasDefault = spec.default !== undefined
  if (hasDefault && typeOf(spec.default) === typeOf(lower)) {
    if (compare(spec.default, lower) >= 0 && compare(spec.default, upper) < 0) {
      fail(
        "The $bucket 'default' field must be less than the lowest boundary or greater than or equal to the highest boundary",
      )
    }
  }
  const output = spec.output ?? { count: { $sum: 1 } }
  const members: unknown[][] = bounds.slice(1).map(() => [])
  const others: unknown[] = []
  for (const doc of collection.collect()) {
    const key = evalExpr(doc, spec.groupBy, options)
    const inRange = !isNil(key) && typeOf(key) === typeOf(lower) && compare(key, lower) >= 0 && compare(key, upper) < 0
    if (!inRange) {
      if (!hasDefault) fail('$switch could not find a matching branch for an input, and no default was specified.')
      others.push(doc)
      continue
    }
    // the last boundary not above the key: its bucket is [bounds[i], bounds[i + 1])
    let i = members.length - 1
    while (compare(key, bounds[i]) < 0) i--
    members[i].push(doc)
  }
  const groups: Array<[unknown, unknown[]]> = members.map((docs, i) => [bounds[i], docs])
  if (hasDefault) groups.push([spec.default, others])
  return Lazy(
    groups
      .filter(([, docs]) => docs.length > 0)
      .map(([id, docs]) => ({ _id: id, ...(evalExpr(docs, output, options) as Record<string, unknown>) })),
  )
}

/**
 * mingo's operators with the server's $bucket. mingo's own `aggregate()` merges a given context *under* its
 * defaults (its $bucket would win), so the pipeline runs on the base Aggregator with this full context.
 */
const SERVER_CONTEXT = Context.init({
  accumulator,
  expression,
  pipeline: { ...pipeline, $bucket: $bucket as never },
  projection,
  query,
  window,
})

/** Runs a pipeline as the database server would (mingo, with the operators above). */
export function runPipeline(
  documents: Iterable<unknown>,
  stages: Array<Record<string, unknown>>,
  options: Omit<Partial<Options>, 'context'>,
): Array<Record<string, unknown>> {
  return new Aggregator(stages, { ...options, context: SERVER_CONTEXT }).run(documents as never) as Array<
    Record<string, unknown>
  >
}
