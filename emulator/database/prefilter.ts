import { isDate, isPlainObject } from './values'

/**
 * Turns the indexable part of a MongoDB-style query into conditions on key columns, so SQLite can pick
 * candidate rows from an index before mingo decides exactly. The conditions must select a superset of
 * what mingo matches: anything the planner does not understand ($or, $ne, $regex, sub-documents, null)
 * simply yields no condition.
 */

/** A value a key column holds: JSON scalars, and Dates as epoch ms (see keyColumnExpression). */
export type KeyValue = string | number | boolean | Date
export type KeyOperator = '=' | '>' | '>=' | '<' | '<=' | 'IN'

export interface KeyCondition {
  /** a field path from the manifest's indexes, or '_id' */
  path: string
  operator: KeyOperator
  values: KeyValue[]
}

const COMPARISONS: Record<string, KeyOperator> = { $eq: '=', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }

function isKeyValue(value: unknown): value is KeyValue {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (isDate(value) && !Number.isNaN(value.getTime()))
  )
}

/** Conditions implied by `filter` on `_id` and on the given indexed paths; top-level fields and $and only. */
export function planPrefilter(filter: Record<string, unknown>, indexedPaths: ReadonlySet<string>): KeyCondition[] {
  return Object.entries(filter).flatMap(([key, condition]): KeyCondition[] => {
    if (key === '$and' && Array.isArray(condition)) {
      return condition.filter(isPlainObject).flatMap((part) => planPrefilter(part, indexedPaths))
    }
    if (key !== '_id' && !indexedPaths.has(key)) return []
    return conditionsOn(key, condition)
  })
}

function conditionsOn(path: string, condition: unknown): KeyCondition[] {
  if (isKeyValue(condition)) return [{ path, operator: '=', values: [condition] }]
  // an object without operators is sub-document equality: not indexable here
  if (!isPlainObject(condition) || !Object.keys(condition).every((key) => key.startsWith('$'))) return []
  return Object.entries(condition).flatMap(([operator, operand]): KeyCondition[] => {
    const comparison = COMPARISONS[operator]
    if (comparison && isKeyValue(operand)) return [{ path, operator: comparison, values: [operand] }]
    if (operator === '$in' && Array.isArray(operand) && operand.every(isKeyValue)) {
      return [{ path, operator: 'IN', values: operand }]
    }
    return []
  })
}
