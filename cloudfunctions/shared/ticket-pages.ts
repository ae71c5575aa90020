/**
 * Every ticket a query matches, page by page in creation order with a cursor on `createdAt` (never `skip`:
 * page 10 costs what page 1 costs). ≤ 1000 per get() in cloud functions (DESIGN.md §6). Used by the exports,
 * which write each page out before reading the next. Index: by_created (createdAt), or any index that leads
 * with the query's equality fields and has createdAt.
 */
import type { Ticket } from '../../types/domain'
import { COLLECTIONS } from './collections'
import { _, db, readMany } from './cloud'
import { whereOf } from './ticketQuery'

export const TICKET_PAGE = 1000

/**
 * The conditions with the page's createdAt range put beside the first plain condition's fields: a top-level
 * range is what the database (and the local cloud's pre-filter) walks an index with.
 */
function withRange(conditions: readonly unknown[], createdAt: unknown) {
  const [first, ...rest] = conditions
  const plain = first !== null && typeof first === 'object' && Object.getPrototypeOf(first) === Object.prototype
  return plain
    ? whereOf([{ ...(first as Record<string, unknown>), createdAt }, ...rest])
    : whereOf([{ createdAt }, ...conditions])
}

/**
 * Calls `onPage` with each page of tickets created in [from, to) that also match `conditions` (shared/ticketQuery.ts
 * conditionsOf), oldest first.
 * Tickets sharing the boundary instant are read again and skipped by id, so none is lost or repeated.
 */
export async function forEachTicketPage<T extends Pick<Ticket, '_id' | 'createdAt'>>(
  range: { from: Date; to: Date; conditions?: readonly unknown[] },
  fields: Record<string, true>,
  onPage: (rows: T[]) => Promise<void> | void,
): Promise<number> {
  let after = range.from
  let seenAtBoundary = new Set<string>()
  let total = 0
  for (;;) {
    const rows = await readMany<T>(
      db
        .collection(COLLECTIONS.tickets)
        .where(withRange(range.conditions ?? [], _.gte(after).and(_.lt(range.to))))
        .orderBy('createdAt', 'asc')
        .limit(TICKET_PAGE)
        .field({ ...fields, _id: true, createdAt: true }),
    )
    const fresh = rows.filter((row) => !(row.createdAt.getTime() === after.getTime() && seenAtBoundary.has(row._id)))
    if (fresh.length > 0) {
      total += fresh.length
      await onPage(fresh)
    }
    if (rows.length < TICKET_PAGE) return total
    const last = rows[rows.length - 1].createdAt
    const sameInstant = rows.filter((row) => row.createdAt.getTime() === last.getTime()).map((row) => row._id)
    seenAtBoundary =
      last.getTime() === after.getTime() ? new Set([...seenAtBoundary, ...sameInstant]) : new Set(sameInstant)
    // a full page of one instant only: nothing new can come from this instant any more
    if (fresh.length === 0) return total
    after = last
  }
}
