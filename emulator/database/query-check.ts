import { types } from 'node:util'
import { DbError } from './db-error'
import { isPlainObject } from './values'

/**
 * The operand checks MongoDB makes before it runs a query (BadValue), with its wording. mingo skips some of
 * them and crashes on others with a TypeError (`where({n:_.in(1)})` → "input[...] is not iterable"), which
 * reached a function as errCode -1; the server answers a database failure (-502001, contract items 2-3, 41).
 */
export function checkFilter(filter: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(value) || value.length === 0) refuse(`${key} argument must be a non-empty array`)
      for (const part of value as unknown[]) {
        if (!isPlainObject(part)) refuse(`${key} argument's entries must be objects`)
        checkFilter(part)
      }
    } else if (isPlainObject(value) && Object.keys(value).some((operator) => operator.startsWith('$'))) {
      checkOperators(value)
    }
  }
}

function checkOperators(condition: Record<string, unknown>): void {
  for (const [operator, operand] of Object.entries(condition)) {
    switch (operator) {
      case '$in':
      case '$nin':
      case '$all':
        if (!Array.isArray(operand)) refuse(`${operator} needs an array`)
        break
      case '$size':
        if (typeof operand !== 'number' || !Number.isInteger(operand) || operand < 0) {
          refuse(`Failed to parse $size. Expected a non-negative integer in: $size: ${JSON.stringify(operand)}`)
        }
        break
      case '$mod':
        if (!Array.isArray(operand)) refuse('malformed mod, needs to be an array')
        if (operand.length !== 2 || !operand.every((item) => typeof item === 'number')) {
          refuse('malformed mod, needs to be an array of two numbers')
        }
        if (operand[0] === 0) refuse('divisor cannot be 0')
        break
      case '$elemMatch':
        if (!isPlainObject(operand)) refuse('$elemMatch needs an Object')
        break
      case '$not':
        if (isPlainObject(operand)) checkOperators(operand)
        else if (!types.isRegExp(operand)) refuse('$not needs a regex or a document')
        break
      case '$regex':
        if (typeof operand !== 'string' && !types.isRegExp(operand)) refuse('$regex has to be a string')
        break
    }
  }
}

function refuse(message: string): never {
  throw new DbError('DATABASE_REQUEST_FAILED', message)
}
