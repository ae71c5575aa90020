import { DbError } from './db-error'
import { isDate, isPlainObject, type Doc } from './values'

/**
 * MongoDB refuses an update whose operator meets a value of the wrong type, and then applies none of it:
 * `$inc`/`$mul` on a non-number (null included), `$push`/`$addToSet`/`$pull`/`$pop` on a non-array, a path
 * that would have to create a field inside a string, null or array. mingo instead skips the offending
 * operator and applies the rest (`{a:_.inc(1), s:_.inc(1)}` changed `a`), which would hide the bug from a
 * test. This check runs before anything is applied and throws the server's failure (-502001, contract items
 * 46-50: the update is one atomic operation) with MongoDB's own wording.
 */

type LeafRule = (value: unknown, path: string, id: unknown) => string | undefined

const numeric =
  (operator: string): LeafRule =>
  (value, path, id) =>
    value === undefined || typeof value === 'number'
      ? undefined
      : `Cannot apply ${operator} to a value of non-numeric type. {_id: ${JSON.stringify(id)}} has the field '${lastSegment(path)}' of non-numeric type ${bsonType(value)}`

const LEAF_RULES: Record<string, LeafRule> = {
  $inc: numeric('$inc'),
  $mul: numeric('$mul'),
  $push: (value, path, id) =>
    value === undefined || Array.isArray(value)
      ? undefined
      : `The field '${path}' must be an array but is of type ${bsonType(value)} in document {_id: ${JSON.stringify(id)}}`,
  $addToSet: (value, path) =>
    value === undefined || Array.isArray(value)
      ? undefined
      : `Cannot apply $addToSet to non-array field. Field named '${lastSegment(path)}' has non-array type ${bsonType(value)}`,
  $pull: (value) =>
    value === undefined || Array.isArray(value) ? undefined : 'Cannot apply $pull to a non-array value',
  $pullAll: (value) =>
    value === undefined || Array.isArray(value) ? undefined : 'Cannot apply $pull to a non-array value',
  $pop: (value, path) =>
    value === undefined || Array.isArray(value)
      ? undefined
      : `Path '${path}' contains an element of non-array type '${bsonType(value)}'`,
}

/** Operators that only take away: a path through a scalar simply has nothing to remove (MongoDB: no-op). */
const REMOVING = new Set(['$unset', '$pull', '$pullAll', '$pop'])

/** Throws DATABASE_REQUEST_FAILED if MongoDB would refuse `modifier` on `doc`; returns when it would apply. */
export function checkUpdateTypes(doc: Doc, modifier: Record<string, unknown>): void {
  for (const [operator, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields)) continue
    for (const [path, operand] of Object.entries(fields)) {
      const problem = operandProblem(operator, path, operand) ?? problemAt(doc, operator, path)
      if (problem) throw new DbError('DATABASE_REQUEST_FAILED', problem)
    }
  }
}

function operandProblem(operator: string, path: string, operand: unknown): string | undefined {
  if (typeof operand === 'number') return undefined
  const verb = ({ $inc: 'increment', $mul: 'multiply' } as Record<string, string | undefined>)[operator]
  return verb && `Cannot ${verb} with non-numeric argument: {${path}: ${JSON.stringify(operand)}}`
}

function problemAt(doc: Doc, operator: string, path: string): string | undefined {
  const segments = path.split('.')
  // positional updates ('a.$.b', 'a.$[]') are mingo's to resolve
  if (segments.some((segment) => segment.startsWith('$'))) return undefined
  let value: unknown = doc
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    if (value === undefined) return undefined // the rest of the path is created (or nothing to remove)
    const index = /^\d+$/.test(segment) ? Number(segment) : undefined
    if (isPlainObject(value)) value = value[segment]
    else if (Array.isArray(value) && index !== undefined) value = value[index]
    else {
      if (REMOVING.has(operator)) return undefined
      // MongoDB's PathNotViable: a field cannot be created inside a string, a number, null or an array
      const parent = segments.slice(0, i).join('.')
      return `Cannot create field '${segment}' in element {${lastSegment(parent)}: ${JSON.stringify(value)}}`
    }
  }
  return LEAF_RULES[operator]?.(value, path, doc._id)
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1)
}

/** The BSON type name MongoDB's messages use. */
function bsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (isDate(value)) return 'date'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double'
  return typeof value === 'object' ? 'object' : typeof value
}
