/** Reading and writing tickets. Every query here has an index in db-manifest.json. */
import type { Ticket } from '../../types/domain'
import { PAGE_SIZE, type InboxTab } from '../../types/schemas'
import { COLLECTIONS } from './collections'
import { _, db, readDoc, readMany } from './cloud'
import { openReplyDaysLate } from '../core/lateness'
import type { ClockReading } from '../core/clock'
import { withoutOutboxFields, type TicketOutboxFields } from './notifications'
import { afterCursor, encodeCursor, whereOf, type SortSpec } from './ticketQuery'

const tickets = () => db.collection(COLLECTIONS.tickets)
/** The part of the database a transaction callback may use (wx-db-contract item 56). */
type TransactionDb = Pick<typeof db, 'collection'>

/** List rows leave out the timeline and the long text (cheaper reads, smaller responses). */
/** The fields of a list row (types/actions.ts TicketSummary): every ticket list projects at least these. */
export const TICKET_SUMMARY_FIELDS = {
  _id: true,
  no: true,
  title: true,
  category: true,
  state: true,
  track: true,
  urgency: true,
  enterpriseName: true,
  channel: true,
  acceptDueAt: true,
  replyDueAt: true,
  createdAt: true,
} as const
/** with the dues already missed, so a row can say how late its reply is (core/lateness.ts) */
const SUMMARY_FIELDS = { ...TICKET_SUMMARY_FIELDS, missedDues: true }

/** A ticket by id, without its transactional outbox (shared/notifications.ts): what actions work with and show. */
export async function findTicket(ticketId: string): Promise<Ticket | null> {
  const doc = await readDoc<Ticket & Partial<TicketOutboxFields>>(tickets().doc(ticketId))
  return doc === null ? null : (withoutOutboxFields(doc) as Ticket)
}

/** Inserts a new ticket; with the notifications of its submission in the same atomic insert. */
export async function insertTicket(ticket: Ticket | (Ticket & TicketOutboxFields)): Promise<void> {
  await tickets().add({ data: ticket })
}

type TicketSummaryRow = Pick<Ticket, Exclude<keyof typeof SUMMARY_FIELDS, 'missedDues'> | 'missedDues'>

/** A unit's rows also say whether it leads, when signing is due, and what extension waits for its head. */
const INBOX_FIELDS = { ...SUMMARY_FIELDS, units: true, signDueAt: true, extensionRequest: true }
export type InboxTicketRow = Pick<Ticket, keyof typeof INBOX_FIELDS>

/**
 * One page after `cursor` in (sort key, _id) order: every page costs the same however deep the list goes
 * (no growing skip). The sort key leads the search indexes (search_by_created, search_by_replyDue).
 * With `at` (now and the calendar), each row says how many working days its reply is late from the original missed due.
 */
async function listPage<Row extends { _id: string; missedDues?: Ticket['missedDues'] } = TicketSummaryRow>(
  where: object,
  sort: SortSpec,
  cursor: string | undefined,
  fields: Record<string, boolean> = SUMMARY_FIELDS,
  at?: ClockReading,
) {
  const conditions: unknown[] = [where, { [sort.field]: _.neq(null) }]
  if (cursor) conditions.push(afterCursor(sort, cursor))
  // Ask for one more than a page to know whether another page exists without a count() round trip.
  const rows = await readMany<Row>(
    tickets()
      .where(whereOf(conditions))
      .orderBy(sort.field, sort.order)
      .orderBy('_id', sort.order)
      .limit(PAGE_SIZE + 1)
      .field(fields),
  )
  const page = rows.slice(0, PAGE_SIZE)
  const last = page[page.length - 1]
  const lastKey = (last as Record<string, unknown> | undefined)?.[sort.field]
  const hasMore = rows.length > PAGE_SIZE
  // lateness from the original missed due: an escalated or reassigned ticket stays 已超期 (core/lateness.ts)
  const items = page.map(({ missedDues, ...row }) => {
    const late =
      at === undefined
        ? 0
        : openReplyDaysLate({ ...(row as unknown as Ticket), missedDues: missedDues ?? [] }, at.calendar, at.now)
    return (late > 0 ? { ...row, replyDaysLate: late } : row) as Omit<Row, 'missedDues'> & { replyDaysLate?: number }
  })
  return { items, hasMore, nextCursor: hasMore && lastKey instanceof Date ? encodeCursor(lastKey, last._id) : null }
}

const NEWEST_FIRST: SortSpec = { field: 'createdAt', order: 'desc' }
const MOST_URGENT_FIRST: SortSpec = { field: 'replyDueAt', order: 'asc' }
/** states in which a unit holds the ticket and its reply is due */
const HANDLING = ['dispatched', 'signed']

/** An enterprise's tickets, newest first; index search_by_created. */
export function listEnterpriseTickets(enterpriseId: string, cursor?: string, at?: ClockReading) {
  return listPage({ enterpriseId: _.eq(enterpriseId) }, NEWEST_FIRST, cursor, SUMMARY_FIELDS, at)
}

/**
 * A unit's inbox; indexes search_by_created and search_by_replyDue, and for the head's pending extensions
 * by_units_extension_replyDue. `dueSoonEnd` is the end of the next working day: what the reminders call 即将超期.
 */
export function listInbox(
  unitCode: string,
  tab: InboxTab,
  cursor: string | undefined,
  { now, calendar }: ClockReading,
  dueSoonEnd: Date,
) {
  const mine = { units: _.eq(unitCode) }
  const list = (where: object, sort: SortSpec) =>
    listPage<InboxTicketRow>({ ...mine, ...where }, sort, cursor, INBOX_FIELDS, { now, calendar })
  switch (tab) {
    case 'toSign':
      return list({ state: _.eq('dispatched') }, NEWEST_FIRST)
    case 'inProgress':
      return list({ state: _.eq('signed') }, MOST_URGENT_FIRST)
    case 'dueSoon':
      return list({ state: _.in(HANDLING), replyDueAt: _.gte(now).and(_.lte(dueSoonEnd)) }, MOST_URGENT_FIRST)
    case 'overdue':
      return list({ state: _.in(HANDLING), replyDueAt: _.lt(now) }, MOST_URGENT_FIRST)
    case 'pendingApproval':
      // an extension must be decided before the reply falls due: the nearest due first
      return list({ 'extensionRequest.status': _.eq('pending') }, MOST_URGENT_FIRST)
  }
}

/**
 * Writes a transition: every changed field, the new timeline lines appended, and only if nobody else wrote
 * in between (the version the transition started from). False = someone else won: CONFLICT.
 * `also` adds update commands to the same atomic write: the notifications the transition plans
 * (notifications.ts pendingNotificationsWrite), so they are saved exactly when the state change is.
 */
export async function saveTransition(
  before: Ticket,
  after: Ticket,
  also: Record<string, unknown> = {},
): Promise<boolean> {
  const res = (await tickets()
    .where({ _id: _.eq(before._id), version: _.eq(before.version) })
    .update({ data: transitionWrite(before, after, also) })) as { stats: { updated: number } }
  return res.stats.updated === 1
}

function transitionWrite(before: Ticket, after: Ticket, also: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...also }
  for (const key of Object.keys(after) as Array<keyof Ticket>) {
    if (key === '_id' || key === 'timeline') continue
    // _.set replaces whole values: a nested object must not be merged into a null (wx-db-contract item 24)
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) data[key] = _.set(after[key])
  }
  const added = after.timeline.slice(before.timeline.length)
  if (added.length > 0) data.timeline = _.push(added)
  return data
}

/**
 * A transition that also links another ticket (a duplicate merged into its target: the target lists it in
 * `mergedFrom`), both in one transaction so neither link exists without the other (issue 8 §6).
 * False = someone else wrote the ticket first: CONFLICT.
 */
export async function saveLinkedTransition(
  before: Ticket,
  after: Ticket,
  also: Record<string, unknown>,
  linked: { ticketId: string; data: Record<string, unknown> },
): Promise<boolean> {
  return db.runTransaction(async (tx: TransactionDb) => {
    const ref = tx.collection(COLLECTIONS.tickets).doc(before._id)
    const current = await readDoc<Ticket>(ref)
    if (current?.version !== before.version) return false
    await ref.update({ data: transitionWrite(before, after, also) })
    await tx.collection(COLLECTIONS.tickets).doc(linked.ticketId).update({ data: linked.data })
    return true
  })
}

/**
 * Creates the ticket `ticketId` with the next number of the Shanghai day `day` in one transaction, so a number
 * is taken only when a ticket is really created: copies of one retried submit racing each other, or a submit
 * that dies before its insert, burn none (issue 8 §6). `build` makes the ticket for its number. When the
 * ticket exists already (a retry), it is returned as it is and no number is taken.
 */
export async function createNumberedTicket(
  ticketId: string,
  day: string,
  build: (no: string) => Ticket | (Ticket & TicketOutboxFields),
): Promise<Ticket> {
  return db.runTransaction(async (tx: TransactionDb) => {
    const ref = tx.collection(COLLECTIONS.tickets).doc(ticketId)
    const existing = await readDoc<Ticket & Partial<TicketOutboxFields>>(ref)
    if (existing) return withoutOutboxFields(existing) as Ticket
    const counter = tx.collection(COLLECTIONS.counters).doc(day)
    const seq = ((await readDoc<{ seq: number }>(counter))?.seq ?? 0) + 1
    await counter.set({ data: { seq } })
    const ticket = build(ticketNo(day, seq))
    const { _id, ...data } = ticket
    await ref.set({ data })
    return withoutOutboxFields(ticket) as Ticket
  })
}

const ticketNo = (day: string, seq: number) => `HQ${day}-${String(seq).padStart(4, '0')}`

/**
 * Tickets of several enterprises (a leader's or commissioner's linked ones), newest first; index
 * search_by_created.
 */
export function listTicketsOfEnterprises(enterpriseIds: readonly string[], cursor?: string, at?: ClockReading) {
  if (enterpriseIds.length === 0) return Promise.resolve({ items: [], hasMore: false, nextCursor: null })
  return listPage({ enterpriseId: _.in([...enterpriseIds]) }, NEWEST_FIRST, cursor, SUMMARY_FIELDS, at)
}
