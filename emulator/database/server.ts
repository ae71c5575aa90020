import { update as applyUpdate } from 'mingo'
import { MingoError } from 'mingo/util'
import { fieldsRead } from './fields'
import { runPipeline } from './pipeline'
import { DbError } from './db-error'
import { sameContent, type DocumentStore, type FindOptions } from './document-store'
import { Transaction, docIdOf, type Workspace } from './transaction'
import { deepCopy, isPlainObject, newDocId, type Doc } from './values'
import { checkFilter } from './query-check'
import { checkUpdateTypes } from './update-types'
import type { WireCodec } from './wire'

/**
 * The TCB database API as @cloudbase/database 1.4.3 calls it (`Db.reqClass.send(action, params)`):
 * one method per action, answering the response body the HTTP endpoint would have returned.
 * Shapes are those the SDK reads back: `data.list`, `data.total`, `data.insertedIds`, `data.updated`,
 * `data.upsert_id`, `data.deleted`, `transactionId` (D/query.ts, D/document.ts, D/collection.ts).
 */
export interface DbRequest {
  action: string
  collectionName?: string
  queryType?: 'WHERE' | 'DOC'
  /** EJSON; absent when the query has no where() */
  query?: string
  /** EJSON: a document, an update (merge) or a replacement (set); insertDocument sends a list */
  data?: string | string[]
  order?: string
  projection?: string
  offset?: number
  limit?: number
  multi?: boolean
  merge?: boolean
  upsert?: boolean
  transactionId?: string
  stages?: Array<{ stageKey: string; stageValue: string }>
}

/** The SDK sends ≤ 1000 (contract item 7); a raw request gets the same cap. */
const MAX_GET_LIMIT = 1000
/** Community-reported server default when a pipeline has no $limit (contract item 54) [UNC]. */
const DEFAULT_AGGREGATE_LIMIT = 20

type Handler = (request: DbRequest) => object

export class DatabaseServer {
  private readonly transactions = new Map<string, Transaction>()
  private readonly handlers: Record<string, Handler> = {
    'database.getDocument': (r) => this.get(r),
    'database.calculateDocument': (r) => this.count(r),
    'database.insertDocument': (r) => this.insert(r),
    'database.modifyDocument': (r) => (r.merge ? this.update(r) : this.set(r)),
    'database.removeDocument': (r) => this.remove(r),
    'database.aggregateDocuments': (r) => this.aggregate(r),
    'database.startTransaction': () => this.startTransaction(),
    'database.commitTransaction': (r) => this.commitTransaction(r),
    'database.abortTransaction': (r) => this.abortTransaction(r),
  }

  constructor(
    private readonly store: DocumentStore,
    private readonly wire: WireCodec,
    /** checks a where-query against the manifest's indexes (see index-coverage.ts); throws to refuse it */
    private readonly checkIndexes?: (
      collection: string,
      filter: Record<string, unknown>,
      sort?: Record<string, unknown>,
    ) => void,
  ) {}

  /** Each request runs as one atomic operation; failures become `{code, message}` bodies. */
  handle(request: DbRequest): object {
    const handler = this.handlers[request.action]
    if (!handler) throw new Error(`local cloud does not emulate ${request.action}`)
    try {
      return this.store.atomically(() => handler(request))
    } catch (error) {
      if (error instanceof DbError) return error.toResponse()
      // anything else the engine throws is still the server failing the request (-502001, contract items
      // 2-3), never a broken transport (errCode -1): mingo raises MongoDB's own complaints (unknown
      // operator, conflicting update paths) as MingoError, and a few as TypeError or SyntaxError
      const message = error instanceof MingoError ? error.message : `local cloud query engine: ${String(error)}`
      return new DbError('DATABASE_REQUEST_FAILED', message).toResponse()
    }
  }

  private get(r: DbRequest): object {
    const limit = Math.min(r.limit ?? MAX_GET_LIMIT, MAX_GET_LIMIT)
    const docs = this.workspace(r).find(this.collection(r), this.filter(r), {
      sort: r.order ? (this.wire.decode(r.order) as Record<string, 1 | -1>) : undefined,
      skip: r.offset,
      limit,
      projection: r.projection ? (this.wire.decode(r.projection) as Record<string, unknown>) : undefined,
    })
    return { data: { list: docs.map((doc) => this.wire.encode(doc)), limit, offset: r.offset ?? 0 } }
  }

  /** count() sends no transactionId, order, skip or limit (contract item 14). */
  private count(r: DbRequest): object {
    return { data: { total: this.store.count(this.collection(r), this.filter(r)) } }
  }

  /** add(): one document or a batch; a given _id must be unused (items 15-18). */
  private insert(r: DbRequest): object {
    const collection = this.collection(r)
    const workspace = this.workspace(r)
    // the SDK sends a list of EJSON documents, of one for a single add (D/collection.ts add)
    const insertedIds = (r.data as string[]).map((text) => {
      const fields = this.wire.decode(text)
      // add({a:1}) without the data wrapper arrives as null (item 19; the server's answer is [UNC])
      if (!isPlainObject(fields)) throw new DbError('INVALID_PARAM', 'the document to add must be an object')
      const doc = { ...fields, _id: fields._id ?? newDocId() } as Doc
      workspace.insert(collection, doc)
      return doc._id
    })
    return { data: { insertedIds } }
  }

  /** doc(id).set(): replaces the document, or creates it with that _id (items 34-35). */
  private set(r: DbRequest): object {
    const collection = this.collection(r)
    const workspace = this.workspace(r)
    const id = docIdOf(this.filter(r), 'set() needs a doc(id)')
    const fields = this.wire.decode(r.data as string) as Record<string, unknown>
    const replacement = { _id: id, ...fields } as Doc
    if (replacement._id !== id) throw new DbError('INVALID_PARAM', '不能更新_id的值')
    const [existing] = workspace.find(collection, { _id: id })
    if (!existing) {
      workspace.insert(collection, replacement)
      return { data: { updated: 0, upsert_id: id } }
    }
    if (sameContent(existing, replacement)) return { data: { updated: 0 } }
    workspace.replace(collection, replacement)
    return { data: { updated: 1 } }
  }

  /**
   * where().update() and doc(id).update(): update commands (the SDK turns plain fields into $set on dot
   * paths, item 24) applied by mingo as MongoDB would. `updated` counts documents whose content changed,
   * MongoDB's nModified; whether the cloud counts matched documents instead is [UNC] (items 22, 38).
   */
  private update(r: DbRequest): object {
    const collection = this.collection(r)
    const workspace = this.workspace(r)
    const modifier = this.wire.decode(r.data as string) as Parameters<typeof applyUpdate>[1]
    let updated = 0
    for (const before of workspace.find(collection, this.filter(r), { limit: r.multi ? undefined : 1 })) {
      // refused as a whole, before any document changes (MongoDB type rules; see update-types.ts)
      checkUpdateTypes(before, modifier as Record<string, unknown>)
      const after = deepCopy(before)
      applyUpdate(after, modifier)
      if (after._id !== before._id) throw new DbError('INVALID_PARAM', '不能更新_id的值')
      if (sameContent(before, after)) continue
      workspace.replace(collection, after)
      updated += 1
    }
    return { data: { updated } }
  }

  /** where().remove() removes every match, doc(id).remove() at most one (items 27, 40). */
  private remove(r: DbRequest): object {
    const collection = this.collection(r)
    const workspace = this.workspace(r)
    const removed = workspace.find(collection, this.filter(r), { limit: r.multi ? undefined : 1 })
    for (const doc of removed) workspace.remove(collection, doc._id)
    return { data: { deleted: removed.length } }
  }

  /** The SDK sends each stage as `{stageKey, stageValue: EJSON}` once end() is called (item 53). */
  private aggregate(r: DbRequest): object {
    const collection = this.collection(r)
    const pipeline = (r.stages ?? []).map(({ stageKey, stageValue }) => ({ [stageKey]: this.wire.decode(stageValue) }))
    for (const stage of pipeline) if (isPlainObject(stage.$match)) checkFilter(stage.$match)
    if (!pipeline.some((stage) => '$limit' in stage)) pipeline.push({ $limit: DEFAULT_AGGREGATE_LIMIT })
    const { filter, options, rest } = leadingFind(pipeline)
    // only the fields the pipeline reads, when it says which (fields.ts): most of a ticket is its timeline
    const fields = fieldsRead(filter, options.sort, rest)
    const source = this.store.find(collection, filter, fields ? { ...options, fields } : options)
    const list = runPipeline(source, rest, {
      scriptEnabled: false,
      collectionResolver: (name) => this.store.find(name, {}),
    })
    return { data: { list: list.map((doc) => this.wire.encode(doc)) } }
  }

  private startTransaction(): object {
    const transactionId = newDocId()
    this.transactions.set(transactionId, new Transaction(this.store))
    return { transactionId }
  }

  private commitTransaction(r: DbRequest): object {
    const transaction = this.transaction(r.transactionId)
    // a failed commit ends the transaction too: runTransaction starts a new one to retry (item 59)
    this.transactions.delete(r.transactionId as string)
    transaction.commit()
    return {}
  }

  private abortTransaction(r: DbRequest): object {
    this.transaction(r.transactionId)
    this.transactions.delete(r.transactionId as string)
    return {}
  }

  private workspace(r: DbRequest): Workspace {
    return r.transactionId ? this.transaction(r.transactionId) : this.store
  }

  private transaction(id: string | undefined): Transaction {
    const transaction = id === undefined ? undefined : this.transactions.get(id)
    if (!transaction)
      throw new DbError('INVALID_PARAM', `transaction ${id} is not active (committed, aborted or unknown)`)
    return transaction
  }

  private collection(r: DbRequest): string {
    if (!r.collectionName) throw new DbError('INVALID_PARAM', 'collectionName is required')
    return r.collectionName
  }

  private filter(r: DbRequest): Record<string, unknown> {
    const filter = this.wire.decode(r.query)
    if (!isPlainObject(filter)) throw new DbError('INVALID_PARAM', `the query must be an object, got ${r.query}`)
    checkFilter(filter)
    if (r.queryType === 'WHERE' && this.checkIndexes && r.collectionName) {
      this.checkIndexes(
        r.collectionName,
        filter,
        r.order ? (this.wire.decode(r.order) as Record<string, unknown>) : undefined,
      )
    }
    return filter
  }
}

/**
 * The leading stages a find can answer: `$match`, then `$sort`, then `$skip` and `$limit`, as MongoDB's
 * planner moves them into the query, so an index picks, orders and limits the documents instead of the
 * pipeline loading the whole collection (a `$sort` + `$limit` reads one page). The rest runs in mingo.
 */
function leadingFind(pipeline: Array<Record<string, unknown>>): {
  filter: Record<string, unknown>
  options: FindOptions
  rest: Array<Record<string, unknown>>
} {
  let i = 0
  const stage = (name: string) => (pipeline[i] && name in pipeline[i] ? pipeline[i][name] : undefined)
  const match = stage('$match')
  const filter = isPlainObject(match) ? (i++, match) : {}
  const sort = stage('$sort')
  const options: FindOptions = {}
  if (isPlainObject(sort) && Object.values(sort).every((v) => v === 1 || v === -1)) {
    options.sort = sort as Record<string, 1 | -1>
    i++
  }
  const skip = stage('$skip')
  if (isCount(skip)) {
    options.skip = skip
    i++
  }
  const limit = stage('$limit')
  if (isCount(limit) && limit > 0) {
    options.limit = limit
    i++
  }
  return { filter, options, rest: pipeline.slice(i) }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}
