import Database from 'better-sqlite3'
import { Query, find as mingoFind } from 'mingo'
import type { DbManifest } from '../types'
import { DbError, duplicateKey } from './db-error'
import { planPrefilter, type KeyCondition, type KeyValue } from './prefilter'
import { isDate, isDocId, isPlainObject, type Doc, type DocId } from './values'

/**
 * The documents, persisted in SQLite: one table per collection holding each document as JSON, plus a
 * virtual key column (and SQLite index) for every field path the manifest indexes. A query is answered
 * by a SQL pre-filter on those columns (see prefilter.ts), then mingo on the parsed candidates for exact
 * MongoDB semantics, so a scheduler's range query on an indexed due time reads only the rows it needs.
 */

export interface FindOptions {
  sort?: Record<string, 1 | -1>
  skip?: number
  limit?: number
  projection?: Record<string, unknown>
}

/** A document with its store-wide write sequence number, which transactions compare at commit. */
export interface StoredDoc {
  doc: Doc
  rev: number
}

/** mingo without $where/$function: the cloud database does not run client JavaScript. */
const MINGO_OPTIONS = { scriptEnabled: false } as const

/** Bumped when the table layout changes; an older data folder is refused rather than misread. */
const STORAGE_FORMAT = 1

/** Key-column value of a document whose indexed path goes through an array: always a candidate. */
const MULTIKEY = "x'00'"

/** Reading candidates in the order of a sort's first key (DocumentStore.find). */
interface OrderedWalk {
  column: string
  descending: boolean
}

export class DocumentStore {
  private readonly db: Database.Database
  private readonly tables = new Map<string, CollectionTable>()
  private lastRev: number

  constructor(file: string, manifest: DbManifest) {
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    // WAL + NORMAL is durable across process crashes, which is all a dev database needs
    this.db.pragma('synchronous = NORMAL')
    checkStorageFormat(this.db)
    for (const [name, spec] of Object.entries(manifest.collections)) {
      this.tables.set(name, new CollectionTable(this.db, name, spec.indexes))
    }
    this.lastRev = Math.max(0, ...[...this.tables.values()].map((table) => table.maxRev()))
  }

  /** Runs `work` as one SQLite transaction: one emulated request is one atomic server operation. */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work)()
  }

  find(collection: string, filter: Record<string, unknown>, options: FindOptions = {}): Doc[] {
    const { sort, skip = 0, limit = Infinity, projection } = options
    // without a sort, rows come in insertion order and the scan can stop once the page is full; sorted on an
    // indexed key, rows come in that key's order (as an index walk would) and the scan stops once the page is
    // full and the key has moved past the last row's value (ties are all read, so the full sort decides them)
    const walk = sort ? this.table(collection).orderedWalk(sort) : undefined
    const matches = this.matching(collection, filter, sort && !walk ? Infinity : skip + limit, walk)
    let cursor = mingoFind(matches, {}, projection, MINGO_OPTIONS)
    if (sort) cursor = cursor.sort(sort)
    cursor = cursor.skip(skip)
    return (Number.isFinite(limit) ? cursor.limit(limit) : cursor).all() as Doc[]
  }

  count(collection: string, filter: Record<string, unknown>): number {
    return this.matching(collection, filter, Infinity).length
  }

  byId(collection: string, id: DocId): StoredDoc | undefined {
    const row = this.table(collection).byId.get(idKey(id)) as { rev: number; doc: string } | undefined
    return row && { rev: row.rev, doc: decodeStored(row.doc) }
  }

  insert(collection: string, doc: Doc): void {
    const table = this.table(collection)
    const { _id, ...fields } = doc
    if (!isDocId(_id))
      throw new DbError('INVALID_PARAM', `_id must be a string or a number, got ${JSON.stringify(_id)}`)
    // MongoDB stores _id first; keeping that order makes set() of identical content a no-op (item 35)
    const text = encodeStored({ _id, ...fields })
    try {
      table.insert.run(idKey(_id), this.nextRev(), text)
    } catch (error) {
      throw duplicateKeyError(collection, _id, error)
    }
  }

  /** Replaces the stored document with the same _id. */
  replace(collection: string, doc: Doc): void {
    const table = this.table(collection)
    const text = encodeStored(doc)
    let changes: number
    try {
      changes = table.replace.run(this.nextRev(), text, idKey(doc._id)).changes
    } catch (error) {
      throw duplicateKeyError(collection, doc._id, error)
    }
    if (changes !== 1) throw new Error(`local cloud: replace of missing ${collection}/${idKey(doc._id)}`)
  }

  remove(collection: string, id: DocId): void {
    this.table(collection).remove.run(idKey(id))
  }

  clear(collection?: string): void {
    const tables = collection === undefined ? [...this.tables.values()] : [this.table(collection)]
    this.atomically(() => tables.forEach((table) => table.clear.run()))
  }

  close(): void {
    this.db.close()
  }

  private matching(collection: string, filter: Record<string, unknown>, max: number, walk?: OrderedWalk): Doc[] {
    const table = this.table(collection)
    const query = new Query(filter, MINGO_OPTIONS)
    const matches: Doc[] = []
    const { statement, params } = table.candidates(planPrefilter(filter, table.keyPaths), walk)
    let boundary: unknown = undefined
    for (const row of statement.iterate(...params) as Iterable<{ doc: string; k?: unknown }>) {
      if (boundary !== undefined && row.k !== boundary) break // past the last page row's key: done
      const doc = decodeStored(row.doc)
      if (!query.test(doc)) continue
      matches.push(doc)
      if (matches.length >= max) {
        if (!walk) break // leaving the loop resets the statement
        if (boundary === undefined) boundary = row.k ?? null
      }
    }
    return matches
  }

  private table(collection: string): CollectionTable {
    const table = this.tables.get(collection)
    if (!table) {
      // the server's text for -502005 [UNC]; the suffix tells a developer where collections come from
      throw new DbError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us. (local cloud: collection '${collection}' is not in the manifest)`,
      )
    }
    return table
  }

  private nextRev(): number {
    this.lastRev += 1
    return this.lastRev
  }
}

type SqlValue = string | number

/** One collection's table, its key columns and indexes, kept in step with the manifest on open. */
class CollectionTable {
  readonly keyPaths: ReadonlySet<string>
  readonly byId: Database.Statement
  readonly insert: Database.Statement
  readonly replace: Database.Statement
  readonly remove: Database.Statement
  readonly clear: Database.Statement
  /** the table's name, and the same quoted for SQL */
  private readonly tableName: string
  private readonly name: string
  private readonly statements = new Map<string, Database.Statement>()

  constructor(
    private readonly db: Database.Database,
    collection: string,
    indexes: DbManifest['collections'][string]['indexes'],
  ) {
    this.tableName = `coll:${collection}`
    this.name = quoteIdentifier(this.tableName)
    this.keyPaths = new Set(indexes.flatMap((index) => Object.keys(index.keys)))
    db.exec(
      // id is the JSON text of _id, so 5 and '5' are different documents (item 32);
      // rev sits before doc so that reading it does not page through the document
      `CREATE TABLE IF NOT EXISTS ${this.name} (id TEXT PRIMARY KEY, rev INTEGER NOT NULL, doc TEXT NOT NULL)`,
    )
    this.syncKeyColumns()
    this.syncIndexes(collection, indexes)
    this.byId = db.prepare(`SELECT rev, doc FROM ${this.name} WHERE id = ?`)
    this.insert = db.prepare(`INSERT INTO ${this.name} (id, rev, doc) VALUES (?, ?, ?)`)
    this.replace = db.prepare(`UPDATE ${this.name} SET rev = ?, doc = ? WHERE id = ?`)
    this.remove = db.prepare(`DELETE FROM ${this.name} WHERE id = ?`)
    this.clear = db.prepare(`DELETE FROM ${this.name}`)
  }

  maxRev(): number {
    return (this.db.prepare(`SELECT max(rev) AS rev FROM ${this.name}`).get() as { rev: number | null }).rev ?? 0
  }

  /**
   * A sort whose first key is an indexed path holding no arrays: the rows can be read in that key's order
   * (SQLite orders NULL first ascending and numbers before text, as MongoDB orders missing/null and types).
   */
  orderedWalk(sort: Record<string, unknown>): OrderedWalk | undefined {
    const [first] = Object.entries(sort)
    if (!first || !this.keyPaths.has(first[0]) || first[0] === '_id') return undefined
    const column = keyColumn(first[0])
    if (this.prepared(`SELECT 1 FROM ${this.name} WHERE ${column} = ${MULTIKEY} LIMIT 1`).get() !== undefined)
      return undefined
    return { column, descending: first[1] === -1 || first[1] === 'desc' }
  }

  /** The rows that may match: all conditions hold on the key columns (multikey rows always qualify). */
  candidates(conditions: KeyCondition[], walk?: OrderedWalk): { statement: Database.Statement; params: SqlValue[] } {
    const clauses: string[] = []
    const params: SqlValue[] = []
    for (const condition of conditions) {
      const clause = this.clause(condition)
      if (!clause) continue
      clauses.push(clause.sql)
      params.push(...clause.params)
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
    const order = walk ? `${walk.column} ${walk.descending ? 'DESC' : 'ASC'}, rowid` : 'rowid'
    const key = walk ? `, ${walk.column} AS k` : ''
    return { statement: this.prepared(`SELECT doc${key} FROM ${this.name} ${where} ORDER BY ${order}`), params }
  }

  /** Query shapes are few (they come from code) and values are bound, so statements are cached by text. */
  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  private clause({ path, operator, values }: KeyCondition): { sql: string; params: SqlValue[] } | undefined {
    // one statement shape whatever the length of an $in list
    const operand = operator === 'IN' ? 'IN (SELECT value FROM json_each(?))' : `${operator} ?`
    const bind = (encoded: SqlValue[]) => (operator === 'IN' ? [JSON.stringify(encoded)] : encoded)
    if (path === '_id') {
      // _id is matched on its JSON text: equality only, as text order is not value order
      if (!(operator === '=' || operator === 'IN') || !values.every(isDocId)) return undefined
      return { sql: `id ${operand}`, params: bind(values.map(idKey)) }
    }
    const column = keyColumn(path)
    const multikey =
      this.prepared(`SELECT 1 FROM ${this.name} WHERE ${column} = ${MULTIKEY} LIMIT 1`).get() !== undefined
    const test = `${column} ${operand}`
    return { sql: multikey ? `(${test} OR ${column} = ${MULTIKEY})` : test, params: bind(values.map(keyParam)) }
  }

  private syncKeyColumns(): void {
    const existing = (
      this.db.prepare(`SELECT name, hidden FROM pragma_table_xinfo(?)`).all(this.tableName) as Array<{
        name: string
        hidden: number
      }>
    )
      .filter((column) => column.hidden !== 0)
      .map((column) => column.name)
    const wanted = new Set([...this.keyPaths].map((path) => `key:${path}`))
    for (const column of existing) {
      if (wanted.has(column)) continue
      this.dropIndexesOn(column)
      this.db.exec(`ALTER TABLE ${this.name} DROP COLUMN ${quoteIdentifier(column)}`)
    }
    for (const path of this.keyPaths) {
      if (existing.includes(`key:${path}`)) continue
      this.db.exec(`ALTER TABLE ${this.name} ADD COLUMN ${keyColumn(path)} AS (${keyColumnExpression(path)}) VIRTUAL`)
    }
  }

  /** Creates, replaces or drops SQLite indexes so that they are exactly those the manifest implies. */
  private syncIndexes(collection: string, indexes: DbManifest['collections'][string]['indexes']): void {
    const wanted = new Map<string, string>()
    for (const index of indexes) {
      const name = quoteIdentifier(`index:${collection}:${index.name}`)
      const columns = Object.entries(index.keys).map(
        ([path, order]) => `${keyColumn(path)} ${order === -1 ? 'DESC' : 'ASC'}`,
      )
      // a unique index skips multikey rows: their key column holds the marker, not the values [UNC]
      const where = index.unique
        ? ` WHERE ${Object.keys(index.keys)
            .map((path) => `${keyColumn(path)} IS NOT ${MULTIKEY}`)
            .join(' AND ')}`
        : ''
      wanted.set(
        name,
        `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${name} ON ${this.name} (${columns.join(', ')})${where}`,
      )
    }
    for (const path of this.keyPaths) {
      // small partial index: tells the planner in one lookup whether a path holds arrays anywhere
      const name = quoteIdentifier(`multikey:${collection}:${path}`)
      wanted.set(
        name,
        `CREATE INDEX ${name} ON ${this.name} (${keyColumn(path)}) WHERE ${keyColumn(path)} = ${MULTIKEY}`,
      )
    }
    const existing = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
      .all(this.tableName) as Array<{ name: string; sql: string }>
    for (const index of existing) {
      const name = quoteIdentifier(index.name)
      if (wanted.get(name) === index.sql) wanted.delete(name)
      else this.db.exec(`DROP INDEX ${name}`)
    }
    for (const sql of wanted.values()) this.db.exec(sql)
  }

  private dropIndexesOn(column: string): void {
    const indexes = this.db
      .prepare(
        `SELECT DISTINCT m.name FROM sqlite_master m, pragma_index_xinfo(m.name) c
         WHERE m.type = 'index' AND m.tbl_name = ? AND c.name = ?`,
      )
      .all(this.tableName, column) as Array<{ name: string }>
    for (const { name } of indexes) this.db.exec(`DROP INDEX ${quoteIdentifier(name)}`)
  }
}

/**
 * SQL for a key column: the JSON scalar at `path` (Dates as their epoch ms), the multikey marker when the
 * path passes through an array (MongoDB would match any element), NULL when missing or a sub-document.
 */
function keyColumnExpression(path: string): string {
  const segments = path.split('.')
  if (segments.some((segment) => segment === '' || segment.includes('"'))) {
    throw new Error(`local cloud: index field path '${path}' is not supported`)
  }
  const jsonPath = (parts: string[]) => sqlString(`$${parts.map((part) => `."${part}"`).join('')}`)
  const arrayTests = segments.map(
    (_, i) => `WHEN json_type(doc, ${jsonPath(segments.slice(0, i + 1))}) = 'array' THEN ${MULTIKEY}`,
  )
  const full = jsonPath(segments)
  return `CASE ${arrayTests.join(' ')} WHEN json_type(doc, ${full}) = 'object' THEN json_extract(doc, ${jsonPath([...segments, '$date'])}) ELSE json_extract(doc, ${full}) END`
}

/** A query value as its key column stores it (json_extract yields 1/0 for booleans). */
function keyParam(value: KeyValue): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  return isDate(value) ? value.getTime() : value
}

function keyColumn(path: string): string {
  return quoteIdentifier(`key:${path}`)
}

function idKey(id: DocId): string {
  return JSON.stringify(id)
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

function checkStorageFormat(db: Database.Database): void {
  const format = db.pragma('user_version', { simple: true }) as number
  const isEmpty = !db.prepare(`SELECT 1 FROM sqlite_master LIMIT 1`).get()
  if (isEmpty) db.pragma(`user_version = ${STORAGE_FORMAT}`)
  else if (format !== STORAGE_FORMAT) {
    throw new Error(
      `local cloud: ${db.name} has storage format ${format}, this emulator writes ${STORAGE_FORMAT}; delete the data folder`,
    )
  }
}

/**
 * SQLite's constraint failure as the duplicate key error MongoDB would raise. Duck-typed: better-sqlite3's
 * native part keeps the SqliteError class of the first jest realm that loaded it.
 */
function duplicateKeyError(collection: string, id: DocId, error: unknown): unknown {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return error
  return duplicateKey(collection, id, code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ? undefined : String(message))
}

/**
 * Documents are JSON with Dates as EJSON `{"$date": <epoch ms>}` (the legacy form EJSON.parse also reads),
 * so they come back as Dates (item 52) and key columns compare them as numbers.
 */
function encodeStored(doc: Doc): string {
  return JSON.stringify(toStorable(doc, ''))
}

/** Same fields, values and order: what MongoDB compares to decide that an update modified nothing. */
export function sameContent(a: Doc, b: Doc): boolean {
  return encodeStored(a) === encodeStored(b)
}

function decodeStored(text: string): Doc {
  return revive(JSON.parse(text)) as Doc
}

/** Turns stored `{"$date"}` objects back into Dates, in place (a walk is several times faster than a reviver). */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i])
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    if (typeof record.$date === 'number') return new Date(record.$date)
    for (const key in record) record[key] = revive(record[key])
  }
  return value
}

/**
 * The JSON form of a value, refusing what JSON-with-Dates cannot hold faithfully and `$`-prefixed field
 * names, which MongoDB refuses in stored documents and which would make `{"$date": …}` ambiguous.
 */
function toStorable(value: unknown, path: string): unknown {
  // undefined is dropped (in arrays: null), as the SDK drops it before sending (item 20)
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : refuse(String(value), path)
  if (isDate(value)) return Number.isNaN(value.getTime()) ? refuse('an invalid Date', path) : { $date: value.getTime() }
  if (Array.isArray(value)) return value.map((item, i) => toStorable(item, `${path}.${i}`))
  if (!isPlainObject(value)) return refuse(Object.prototype.toString.call(value), path)
  const storable: Record<string, unknown> = {}
  for (const key in value) {
    if (key.startsWith('$')) refuse(`the field name '${key}'`, path)
    storable[key] = toStorable(value[key], path ? `${path}.${key}` : key)
  }
  return storable
}

function refuse(what: string, path: string): never {
  throw new DbError('DATABASE_REQUEST_FAILED', `local cloud cannot store ${what} at '${path || '(document)'}'`)
}
