import { isDate, isPlainObject } from './values'

/**
 * Turns the indexable part of a MongoDB-style query into conditions on key columns, so SQLite can pick
 * candidate rows from an index before mingo decides exactly. The conditions must select a superset of
 * what mingo matches: anything the planner does not understand ($or, $ne, $regex, sub-documents, null)
 * simply yields no condition, and the plan is then not `exact`.
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

export interface Prefilter {
  conditions: KeyCondition[]
  /**
   * Every part of the filter became a condition: on paths that hold no arrays, the conditions select
   * exactly the matching documents (so a count needs no document).
   */
  exact: boolean
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
export function planPrefilter(filter: Record<string, unknown>, indexedPaths: ReadonlySet<string>): Prefilter {
  const conditions: KeyCondition[] = []
  let exact = true
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition) && condition.every(isPlainObject)) {
      for (const part of condition) {
        const plan = planPrefilter(part, indexedPaths)
        conditions.push(...plan.conditions)
        exact &&= plan.exact
      }
      continue
    }
    const translated = key === '_id' || indexedPaths.has(key) ? conditionsOn(key, condition) : undefined
    if (translated) conditions.push(...translated.conditions)
    exact &&= translated?.exact ?? false
  }
  return { conditions, exact }
}

function conditionsOn(path: string, condition: unknown): Prefilter {
  if (isKeyValue(condition)) return { conditions: [{ path, operator: '=', values: [condition] }], exact: true }
  // an object without operators is sub-document equality: not indexable here
  if (!isPlainObject(condition) || !Object.keys(condition).every((key) => key.startsWith('$'))) {
    return { conditions: [], exact: false }
  }
  const conditions: KeyCondition[] = []
  let exact = true
  for (const [operator, operand] of Object.entries(condition)) {
    const comparison = COMPARISONS[operator]
    if (comparison && isKeyValue(operand)) conditions.push({ path, operator: comparison, values: [operand] })
    else if (operator === '$in' && Array.isArray(operand) && operand.every(isKeyValue)) {
      conditions.push({ path, operator: 'IN', values: operand })
    } else exact = false
  }
  return { conditions, exact }
}
