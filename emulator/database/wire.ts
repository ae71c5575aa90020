import { isPlainObject } from './values'

/** The part of `bson` (the copy @cloudbase/database uses) that the wire format needs. */
export interface BsonModule {
  EJSON: {
    parse(text: string, options?: { relaxed?: boolean }): unknown
    stringify(value: unknown, options?: { relaxed?: boolean }): string
  }
}

/** RegExp flags MongoDB and JavaScript share; the SDK documents i, m and s (contract item 44). */
const JS_REGEXP_FLAGS = new Set(['i', 'm', 's'])

/**
 * The database API's wire format: the SDK sends queries, updates, documents and stages as EJSON strings
 * (canonical, `stringifyByEJSON` in @cloudbase/database utils) and parses each result document with
 * `EJSON.parse` (D/query.ts get). Using the SDK's own bson copy keeps both sides of the wire in one dialect.
 */
export class WireCodec {
  constructor(
    private readonly bson: BsonModule,
    private readonly now: () => Date,
  ) {}

  /**
   * An EJSON request value as JavaScript: numbers, Dates and RegExps, with every `db.serverDate({offset})`
   * (sent as `{$tcb_server_date:{offset}}`, item 51) resolved to the server clock plus offset.
   * An empty string is an empty query: remove() without where() sends `""` (item 28).
   */
  decode(text: string | undefined): unknown {
    if (!text) return {}
    return resolveServerValues(this.bson.EJSON.parse(text, { relaxed: true }), this.now().getTime())
  }

  /** A result document as the server sends it: canonical EJSON, which the SDK turns back into Dates (item 13). */
  encode(doc: unknown): string {
    return this.bson.EJSON.stringify(doc, { relaxed: false })
  }
}

function resolveServerValues(value: unknown, serverNow: number): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveServerValues(item, serverNow))
  if (isBsonRegExp(value)) {
    const flags = [...value.options].filter((flag) => JS_REGEXP_FLAGS.has(flag)).join('')
    return new RegExp(value.pattern, flags)
  }
  if (!isPlainObject(value)) return value
  const serverDate = value.$tcb_server_date
  if (isPlainObject(serverDate)) return new Date(serverNow + (Number(serverDate.offset) || 0))
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveServerValues(item, serverNow)]))
}

/** EJSON.parse yields a BSONRegExp (not a RegExp) for `{$regularExpression}`; `_bsontype` is bson's own tag. */
function isBsonRegExp(value: unknown): value is { pattern: string; options: string } {
  return typeof value === 'object' && value !== null && (value as { _bsontype?: unknown })._bsontype === 'BSONRegExp'
}
