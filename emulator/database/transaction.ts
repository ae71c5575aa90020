import { find as mingoFind } from 'mingo'
import { DbError, duplicateKey } from './db-error'
import type { DocumentStore, FindOptions } from './document-store'
import { isDocId, type Doc, type DocId } from './values'

/** Where a request reads and writes: the store itself, or a transaction's private view of it. */
export interface Workspace {
  find(collection: string, filter: Record<string, unknown>, options?: FindOptions): Doc[]
  insert(collection: string, doc: Doc): void
  replace(collection: string, doc: Doc): void
  remove(collection: string, id: DocId): void
}

interface Entry {
  collection: string
  id: DocId
  /** the store's write sequence number when first read; undefined = the document did not exist */
  rev: number | undefined
  base: Doc | undefined
  /** the transaction's own version: undefined = untouched, null = removed */
  staged?: Doc | null
}

/**
 * A transaction is a snapshot of the documents it touches plus its staged writes, applied together at
 * commit. Requests of other invocations interleave between its requests (as on the server), so commit
 * re-checks every document it read and reports DATABASE_TRANSACTION_CONFLICT if one changed meanwhile;
 * runTransaction then runs the callback again (contract item 59). Where the real server detects
 * conflicts (at the operation or at commit) is [UNC]; here it is at commit.
 */
export class Transaction implements Workspace {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly store: DocumentStore) {}

  find(collection: string, filter: Record<string, unknown>, options: FindOptions = {}): Doc[] {
    const doc = this.current(
      collection,
      docIdOf(filter, 'a transaction only takes doc(id).get/set/update/remove and add'),
    )
    return doc ? (mingoFind([doc], {}, options.projection).all() as Doc[]) : []
  }

  insert(collection: string, doc: Doc): void {
    if (this.current(collection, doc._id)) throw duplicateKey(collection, doc._id)
    this.entry(collection, doc._id).staged = doc
  }

  replace(collection: string, doc: Doc): void {
    this.entry(collection, doc._id).staged = doc
  }

  remove(collection: string, id: DocId): void {
    this.entry(collection, id).staged = null
  }

  /** Applies the staged writes; call it inside store.atomically so that they land together. */
  commit(): void {
    for (const entry of this.entries.values()) {
      if (this.store.byId(entry.collection, entry.id)?.rev !== entry.rev) {
        throw new DbError(
          'DATABASE_TRANSACTION_CONFLICT',
          `${entry.collection}/${JSON.stringify(entry.id)} was changed by another request during the transaction`,
        )
      }
    }
    for (const { collection, id, base, staged } of this.entries.values()) {
      if (staged === undefined) continue
      if (staged === null) {
        if (base) this.store.remove(collection, id)
      } else if (base) this.store.replace(collection, staged)
      else this.store.insert(collection, staged)
    }
  }

  private current(collection: string, id: DocId): Doc | undefined {
    const { base, staged } = this.entry(collection, id)
    return staged === undefined ? base : (staged ?? undefined)
  }

  private entry(collection: string, id: DocId): Entry {
    const key = `${collection}\n${JSON.stringify(id)}`
    let entry = this.entries.get(key)
    if (!entry) {
      const stored = this.store.byId(collection, id)
      entry = { collection, id, rev: stored?.rev, base: stored?.doc }
      this.entries.set(key, entry)
    }
    return entry
  }
}

/** The `_id` of a doc(id) request (its query is `{_id}`); `refusal` says why nothing else will do. */
export function docIdOf(filter: Record<string, unknown>, refusal: string): DocId {
  const id = filter._id
  if (Object.keys(filter).length === 1 && isDocId(id)) return id
  throw new DbError('INVALID_PARAM', `${refusal}; got the query ${JSON.stringify(filter)}`)
}
