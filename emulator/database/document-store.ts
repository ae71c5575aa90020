import Database from 'better-sqlite3'
import { Query, find as mingoFind } from 'mingo'
import type { DbManifest } from '../types'
import { DbError, duplicateKey } from './db-error'
import { planPrefilter, type KeyCondition, type KeyValue, type Prefilter } from './prefilter'
import { isDate, isDocId, isPlainObject, type Doc, type DocId } from './values'

/**
 * The documents, persisted in SQLite: one table per collection holding each document as JSON, plus a
 * virtual key column (and SQLite index) for every field path the manifest indexes. A query is answered
 * by a SQL pre-filter on those columns (see prefilter.ts), then mingo on the parsed candidates for exact
 * MongoDB semantics, so a scheduler's range query on an indexed due time reads only the rows it needs.
 * Each key column has a rank column beside it (MongoDB's BSON type order), and the SQLite indexes are on
 * (rank, value) pairs: a range stays within its type as MongoDB's does, and an index returns rows in
 * MongoDB's sort order, so a sorted page reads its rows in order and stops when the page is full.
 */

export interface FindOptions {
  sort?: Record<string, 1 | -1>
  skip?: number
  limit?: number
  projection?: Record<string, unknown>
  /**
   * Read only these top-level fields of each document (from its JSON, in SQLite): the caller promises that
   * neither the filter nor what it does with the documents looks at any other field (see fields.ts).
   */
  fields?: readonly string[]
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

/**
 * Rank-column values: MongoDB's comparison order of BSON types (null and missing are equal; numbers are
 * one type). Objects and arrays (multikey) cannot be ordered by their key column: a sort on a path that
 * holds one anywhere is left to mingo.
 */
const RANK = { null: 2, number: 3, string: 4, object: 5, array: 6, boolean: 9, date: 10 } as const

export class DocumentStore {
  private readonly db: Database.Database
  private readonly tables = new Map<string, CollectionTable>()
  private lastRev: number
  /** documents parsed from their JSON so far: what an index saves shows here (tests, benchmarks) */
  documentsRead = 0

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
    const { sort, skip = 0, limit = Infinity, projection, fields } = options
    const table = this.table(collection)
    // rows in the sort's order straight from an index, when SQLite can order them as MongoDB would;
    // without a sort, in insertion order. Either way the scan stops once the page is full.
    const order = sort ? table.sqlOrder(sort) : 'rowid'
    if (order === undefined) {
      let cursor = mingoFind(this.matching(table, filter, Infinity, 'rowid', fields), {}, projection, MINGO_OPTIONS)
      cursor = cursor.sort(sort as Record<string, 1 | -1>).skip(skip)
      return (Number.isFinite(limit) ? cursor.limit(limit) : cursor).all() as Doc[]
    }
    const page = this.matching(table, filter, skip + limit, order, fields).slice(skip)
    return projection ? (mingoFind(page, {}, projection, MINGO_OPTIONS).all() as Doc[]) : page
  }

  /** Counted in SQL when the pre-filter is the whole filter (item 14 ignores order and limit); else by mingo. */
  count(collection: string, filter: Record<string, unknown>): number {
    const table = this.table(collection)
    const counted = table.countExactly(planPrefilter(filter, table.keyPaths))
    return counted ?? this.matching(table, filter, Infinity, 'rowid').length
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

  private matching(
    table: CollectionTable,
    filter: Record<string, unknown>,
    max: number,
    order: string,
    fields?: readonly string[],
  ): Doc[] {
    const query = new Query(filter, MINGO_OPTIONS)
    const matches: Doc[] = []
    if (max <= 0) return matches
    const { statement, params } = table.candidates(planPrefilter(filter, table.keyPaths).conditions, order, fields)
    for (const row of statement.iterate(...params) as Iterable<{ doc: string }>) {
      const doc = decodeStored(row.doc)
      this.documentsRead += 1
      if (!query.test(doc)) continue
      matches.push(doc)
      if (matches.length >= max) break // leaving the loop resets the statement
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

  /** The rows that may match, in `order`: all conditions hold on the key columns (multikey rows always qualify). */
  candidates(
    conditions: KeyCondition[],
    order: string,
    fields?: readonly string[],
  ): { statement: Database.Statement; params: SqlValue[] } {
    const { where, params } = this.where(conditions)
    if (!fields) return { statement: this.prepared(`SELECT doc FROM ${this.name} ${where} ORDER BY ${order}`), params }
    // only the wanted top-level fields, in the document's own order, cut from its JSON by SQLite; json_each
    // gives true/false as 1/0 (put back), and reals as SQLite renders them (17 digits: they read back the same)
    const picked = `(SELECT json_group_object(key, CASE type WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') ELSE value END)
      FROM json_each(doc) WHERE key IN (SELECT value FROM json_each(?)))`
    const statement = this.prepared(`SELECT ${picked} AS doc FROM ${this.name} ${where} ORDER BY ${order}`)
    return { statement, params: [JSON.stringify(fields), ...params] }
  }

  /**
   * The number of matches without reading a document, when the pre-filter is exact: the whole filter
   * became conditions, none on a path holding arrays (MongoDB matches any element there). Else undefined.
   */
  countExactly({ conditions, exact }: Prefilter): number | undefined {
    if (!exact || conditions.some(({ path }) => path !== '_id' && this.holds(path, RANK.array))) return undefined
    const { where, params, complete } = this.where(conditions)
    if (!complete) return undefined
    return (this.prepared(`SELECT count(*) AS n FROM ${this.name} ${where}`).get(...params) as { n: number }).n
  }

  /**
   * ORDER BY for a sort, if SQLite's order is MongoDB's here: every sort path is indexed and holds no
   * sub-document or array in any row (those compare by content, which the key column does not keep).
   * Within a type, numbers, booleans and Dates order by value and strings by their UTF-8 bytes, as
   * MongoDB's simple collation does. Ties keep insertion order, as mingo's stable sort over rowid order did.
   */
  sqlOrder(sort: Record<string, unknown>): string | undefined {
    const terms: string[] = []
    for (const [path, direction] of Object.entries(sort)) {
      if (path === '_id' || !this.keyPaths.has(path) || this.holds(path, RANK.object) || this.holds(path, RANK.array)) {
        return undefined
      }
      const dir = direction === -1 ? 'DESC' : 'ASC'
      terms.push(`${rankColumn(path)} ${dir}`, `${keyColumn(path)} ${dir}`)
    }
    return [...terms, 'rowid'].join(', ')
  }

  /** Whether any row's value at `path` has this rank (a lookup in a small partial index). */
  private holds(path: string, rank: number): boolean {
    return this.prepared(`SELECT 1 FROM ${this.name} WHERE ${rankColumn(path)} = ${rank} LIMIT 1`).get() !== undefined
  }

  private where(conditions: KeyCondition[]): { where: string; params: SqlValue[]; complete: boolean } {
    const clauses: string[] = []
    const params: SqlValue[] = []
    let complete = true
    for (const condition of conditions) {
      const clause = this.clause(condition)
      if (!clause) {
        complete = false
        continue
      }
      clauses.push(clause.sql)
      params.push(...clause.params)
    }
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params, complete }
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
    // MongoDB compares within a type (a Date range never matches a string): the rank narrows to the type
    const column = keyColumn(path)
    const rank = rankColumn(path)
    const ranks = [...new Set(values.map(rankOf))]
    const test =
      operator === 'IN'
        ? `${rank} IN (SELECT value FROM json_each(?)) AND ${column} ${operand}`
        : `${rank} = ? AND ${column} ${operand}`
    const typed = [operator === 'IN' ? JSON.stringify(ranks) : ranks[0], ...bind(values.map(keyParam))]
    if (!this.holds(path, RANK.array)) return { sql: `(${test})`, params: typed }
    return { sql: `((${test}) OR ${rank} = ${RANK.array})`, params: typed }
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
    const wanted = new Set([...this.keyPaths].flatMap((path) => [`key:${path}`, `rank:${path}`]))
    for (const column of existing) {
      if (wanted.has(column)) continue
      this.dropIndexesOn(column)
      this.db.exec(`ALTER TABLE ${this.name} DROP COLUMN ${quoteIdentifier(column)}`)
    }
    for (const path of this.keyPaths) {
      if (!existing.includes(`key:${path}`)) {
        this.db.exec(`ALTER TABLE ${this.name} ADD COLUMN ${keyColumn(path)} AS (${keyColumnExpression(path)}) VIRTUAL`)
      }
      if (!existing.includes(`rank:${path}`)) {
        this.db.exec(
          `ALTER TABLE ${this.name} ADD COLUMN ${rankColumn(path)} AS (${rankColumnExpression(path)}) VIRTUAL`,
        )
      }
    }
  }

  /** Creates, replaces or drops SQLite indexes so that they are exactly those the manifest implies. */
  private syncIndexes(collection: string, indexes: DbManifest['collections'][string]['indexes']): void {
    const wanted = new Map<string, string>()
    for (const index of indexes) {
      const name = quoteIdentifier(`index:${collection}:${index.name}`)
      const columns = Object.entries(index.keys).map(([path, order]) => {
        const dir = order === -1 ? 'DESC' : 'ASC'
        return `${rankColumn(path)} ${dir}, ${keyColumn(path)} ${dir}`
      })
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
      // small partial indexes: tell in one lookup whether a path holds arrays or sub-documents anywhere
      for (const [kind, rank] of [
        ['multikey', RANK.array],
        ['objects', RANK.object],
      ] as const) {
        const name = quoteIdentifier(`${kind}:${collection}:${path}`)
        wanted.set(
          name,
          `CREATE INDEX ${name} ON ${this.name} (${rankColumn(path)}) WHERE ${rankColumn(path)} = ${rank}`,
        )
      }
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

/** SQL for a rank column: the BSON type order (RANK) of the value at `path`; arrays on the way are multikey. */
function rankColumnExpression(path: string): string {
  const segments = path.split('.')
  const jsonPath = (parts: string[]) => sqlString(`$${parts.map((part) => `."${part}"`).join('')}`)
  const arrayTests = segments.map(
    (_, i) => `WHEN json_type(doc, ${jsonPath(segments.slice(0, i + 1))}) = 'array' THEN ${RANK.array}`,
  )
  const full = jsonPath(segments)
  const date = jsonPath([...segments, '$date'])
  return `CASE ${arrayTests.join(' ')} ELSE CASE json_type(doc, ${full})
    WHEN 'integer' THEN ${RANK.number} WHEN 'real' THEN ${RANK.number} WHEN 'text' THEN ${RANK.string}
    WHEN 'true' THEN ${RANK.boolean} WHEN 'false' THEN ${RANK.boolean}
    WHEN 'object' THEN CASE WHEN json_type(doc, ${date}) IN ('integer', 'real') THEN ${RANK.date} ELSE ${RANK.object} END
    ELSE ${RANK.null} END END`
}

function rankOf(value: KeyValue): number {
  if (typeof value === 'string') return RANK.string
  if (typeof value === 'number') return RANK.number
  if (typeof value === 'boolean') return RANK.boolean
  return RANK.date
}

/** A query value as its key column stores it (json_extract yields 1/0 for booleans). */
function keyParam(value: KeyValue): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  return isDate(value) ? value.getTime() : value
}

function keyColumn(path: string): string {
  return quoteIdentifier(`key:${path}`)
}

function rankColumn(path: string): string {
  return quoteIdentifier(`rank:${path}`)
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
