import { randomBytes } from 'node:crypto'
import { types } from 'node:util'

/** A document `_id`: the SDK's doc() takes a string or a number, and 5 is not '5' (contract item 32). */
export type DocId = string | number
export type Doc = { _id: DocId } & Record<string, unknown>

/**
 * True for `{…}` literals and JSON/EJSON-parsed objects, whatever realm made them (jest runs test code
 * in its own vm context), and false for Dates, RegExps, arrays and class instances such as BSON types.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

export function isDocId(value: unknown): value is DocId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
}

export const isDate = types.isDate

/**
 * A deep copy of a document made in this realm. (structuredClone's copies belong to Node's own realm,
 * not to jest's, and mingo tests Dates with instanceof.)
 */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(deepCopy) as T
  if (isDate(value)) return new Date(value.getTime()) as T
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepCopy(item)])) as T
  return value
}

/** A fresh _id: 32 hex characters, the shape of the ids the cloud generates [UNC]. */
export function newDocId(): string {
  return randomBytes(16).toString('hex')
}
