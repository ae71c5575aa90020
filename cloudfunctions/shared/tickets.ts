/** Reading and writing tickets. Every query here has an index in db-manifest.json. */
import type { Ticket } from '../../types/domain'
import type { StatsTicket } from '../core/stats'
import { PAGE_SIZE, type InboxTab, type QueueTab } from '../../types/schemas'
import { COLLECTIONS } from './collections'
import { _, db, readDoc, readMany } from './cloud'
import { withoutOutboxFields, type TicketOutboxFields } from './notifications'

const tickets = () => db.collection(COLLECTIONS.tickets)
/** The part of the database a transaction callback may use (wx-db-contract item 56). */
type TransactionDb = Pick<typeof db, 'collection'>

/** List rows leave out the timeline and the long text (cheaper reads, smaller responses). */
const SUMMARY_FIELDS = {
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
}

/** A ticket by id, without its transactional outbox (shared/notifications.ts): what actions work with and show. */
export async function findTicket(ticketId: string): Promise<Ticket | null> {
  const doc = await readDoc<Ticket & Partial<TicketOutboxFields>>(tickets().doc(ticketId))
  return doc === null ? null : (withoutOutboxFields(doc) as Ticket)
}

/** Inserts a new ticket; with the notifications of its submission in the same atomic insert. */
export async function insertTicket(ticket: Ticket | (Ticket & TicketOutboxFields)): Promise<void> {
  await tickets().add({ data: ticket })
}

type TicketSummaryRow = Pick<Ticket, keyof typeof SUMMARY_FIELDS>
type SortField = 'createdAt' | 'replyDueAt'

/** A unit's rows also say whether it leads, when signing is due, and what extension waits for its head. */
const INBOX_FIELDS = { ...SUMMARY_FIELDS, units: true, signDueAt: true, extensionRequest: true }
export type InboxTicketRow = Pick<Ticket, keyof typeof INBOX_FIELDS>

async function listPage<Row = TicketSummaryRow>(
  where: object,
  sort: { field: SortField; order: 'asc' | 'desc' },
  page: number,
  fields: Record<string, boolean> = SUMMARY_FIELDS,
) {
  // Ask for one more than a page to know whether another page exists without a count() round trip.
  const rows = await readMany<Row>(
    tickets()
      .where(where)
      .orderBy(sort.field, sort.order)
      .skip(page * PAGE_SIZE)
      .limit(PAGE_SIZE + 1)
      .field(fields),
  )
  return { items: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE }
}

const NEWEST_FIRST = { field: 'createdAt', order: 'desc' } as const
const OLDEST_FIRST = { field: 'createdAt', order: 'asc' } as const
const MOST_URGENT_FIRST = { field: 'replyDueAt', order: 'asc' } as const
/** states in which a unit holds the ticket and its reply is due */
const HANDLING = ['dispatched', 'signed']

/** An enterprise's tickets, newest first; index by_enterprise_created. */
export function listEnterpriseTickets(enterpriseId: string, page: number) {
  return listPage({ enterpriseId: _.eq(enterpriseId) }, NEWEST_FIRST, page)
}

/**
 * 市重点办's queue. New and accepted items oldest first (their limits run out first; index by_state_created);
 * overdue items by how long overdue (index by_state_replyDue).
 */
export function listQueue(tab: QueueTab, page: number, now: Date) {
  switch (tab) {
    case 'new':
      return listPage({ state: _.eq('submitted') }, OLDEST_FIRST, page)
    case 'accepted':
      return listPage({ state: _.eq('accepted') }, OLDEST_FIRST, page)
    case 'overdue':
      return listPage({ state: _.in(HANDLING), replyDueAt: _.lt(now) }, MOST_URGENT_FIRST, page)
  }
}

/**
 * A unit's inbox; indexes by_units_state_created and by_units_state_replyDue, and for the head's pending
 * extensions by_units_extension_replyDue. `dueSoonEnd` is the end of the next working day: what the
 * reminders call 即将超期.
 */
export function listInbox(unitCode: string, tab: InboxTab, page: number, now: Date, dueSoonEnd: Date) {
  const mine = { units: _.eq(unitCode) }
  const list = (where: object, sort: typeof NEWEST_FIRST | typeof MOST_URGENT_FIRST) =>
    listPage<InboxTicketRow>({ ...mine, ...where }, sort, page, INBOX_FIELDS)
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

/** What statistics read of every ticket (core/stats.ts StatsTicket). */
const STATS_FIELDS = {
  state: true,
  outcome: true,
  track: true,
  reply: true,
  replyDueAt: true,
  rating: true,
  category: true,
  units: true,
  enterpriseDistrict: true,
  channel: true,
  createdAt: true,
  // commitments (child tickets) are not collected problems (core/stats.ts)
  parentId: true,
}
/** ≤ 1000 documents per get() in cloud functions (DESIGN.md §6). */
const MAX_PAGE = 1000

/**
 * Every ticket created in [from, to), only the fields statistics read, page by page in creation order
 * (index by_created). A city's year is a few thousand tickets: a handful of pages.
 */
export async function readTicketsForStats(from: Date, to: Date): Promise<StatsTicket[]> {
  const all: StatsTicket[] = []
  for (let page = 0; ; page++) {
    const rows = await readMany<StatsTicket>(
      tickets()
        .where({ createdAt: _.gte(from).and(_.lt(to)) })
        .orderBy('createdAt', 'asc')
        .skip(page * MAX_PAGE)
        .limit(MAX_PAGE)
        .field(STATS_FIELDS),
    )
    all.push(...rows)
    if (rows.length < MAX_PAGE) return all
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
 * by_enterprise_created.
 */
export function listTicketsOfEnterprises(enterpriseIds: readonly string[], page: number) {
  if (enterpriseIds.length === 0) return Promise.resolve({ items: [], hasMore: false })
  return listPage({ enterpriseId: _.in([...enterpriseIds]) }, NEWEST_FIRST, page)
}
