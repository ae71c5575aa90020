import { isPlainObject } from './values'

/**
 * The top-level fields an aggregation reads, so the store can hand it only those (SQLite cuts them from
 * each document's JSON) instead of parsing whole documents: a summary over 100,000 tickets reads a dozen
 * small fields, not each ticket's timeline. Answers undefined whenever the whole document may matter; a
 * field named here that the pipeline does not read only costs a little, a field missed would change the
 * answer, so anything not understood answers undefined.
 *
 * Understood: the find part (a query filter of field conditions under $and/$or/$nor, a sort), then a first
 * remaining stage that replaces each document by what it names: $group, or an inclusion $project. Those
 * stages read fields only through `$path` strings, except for the operators below and `$$ROOT`/`$$CURRENT`.
 */
const WHOLE_DOCUMENT_OPERATORS = new Set(['$getField', '$setField', '$unsetField', '$function', '$accumulator'])

export function fieldsRead(
  filter: Record<string, unknown>,
  sort: Record<string, unknown> | undefined,
  rest: ReadonlyArray<Record<string, unknown>>,
): string[] | undefined {
  const fields = new Set<string>(['_id'])
  if (!filterFields(filter, fields)) return undefined
  for (const path of Object.keys(sort ?? {})) fields.add(topField(path))
  const [first] = rest
  if (!first || Object.keys(first).length !== 1) return undefined
  if (isPlainObject(first.$group)) {
    if (!expressionFields(first.$group, fields)) return undefined
  } else if (isPlainObject(first.$project)) {
    const spec = first.$project
    if (Object.keys(spec).length === 0 || excludes(spec, true)) return undefined
    for (const [key, value] of Object.entries(spec)) if (namesItself(value)) fields.add(topField(key))
    if (!expressionFields(spec, fields)) return undefined
  } else return undefined
  return [...fields]
}

/**
 * Whether a $project entry reads the field it names: an inclusion (a number or boolean, as mingo takes it),
 * a nested inclusion, or a projection operator on it ($slice, $elemMatch); not a computed value.
 */
function namesItself(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return true
  if (!isPlainObject(value)) return false
  const keys = Object.keys(value)
  return !keys.some((k) => k.startsWith('$')) || keys.some((k) => k === '$slice' || k === '$elemMatch')
}

function topField(path: string): string {
  return path.split('.')[0]
}

/** A query filter's fields; false when it holds a top-level operator other than $and/$or/$nor ($expr…). */
function filterFields(filter: Record<string, unknown>, fields: Set<string>): boolean {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(condition) || !condition.every(isPlainObject)) return false
      if (!condition.every((part) => filterFields(part, fields))) return false
    } else if (key.startsWith('$')) return false
    else fields.add(topField(key))
  }
  return true
}

/** An exclusion projection (outputs every field but some): a 0/false outside expressions, `_id` at the top aside. */
function excludes(spec: Record<string, unknown>, top: boolean): boolean {
  return Object.entries(spec).some(([key, value]) => {
    if (top && key === '_id') return false
    if (value === 0 || value === false) return true
    return isPlainObject(value) && !Object.keys(value).some((k) => k.startsWith('$')) && excludes(value, false)
  })
}

/** Adds the top-level fields of every `$path` in `value`; false when it may read the whole document. */
function expressionFields(value: unknown, fields: Set<string>): boolean {
  if (typeof value === 'string') {
    if (value.startsWith('$$')) return !/^\$\$(ROOT|CURRENT)\b/.test(value)
    if (value.startsWith('$')) fields.add(topField(value.slice(1)))
    return true
  }
  if (Array.isArray(value)) return value.every((item) => expressionFields(item, fields))
  if (isPlainObject(value)) {
    return Object.entries(value).every(
      ([key, item]) => !WHOLE_DOCUMENT_OPERATORS.has(key) && expressionFields(item, fields),
    )
  }
  return true
}
