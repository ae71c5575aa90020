/** Reading and writing tickets. Every query here has an index in db-manifest.json. */
import type { Ticket } from '../../types/domain'
import type { StatsTicket } from '../core/stats'
import { PAGE_SIZE, type InboxTab, type QueueTab } from '../../types/schemas'
import { COLLECTIONS } from './collections'
import { _, db, readDoc, readMany } from './cloud'
import { openReplyDaysLate } from '../core/lateness'
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
  missedDues: true,
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

type TicketSummaryRow = Pick<Ticket, Exclude<keyof typeof SUMMARY_FIELDS, 'missedDues'> | 'missedDues'>
type SortField = 'createdAt' | 'replyDueAt'

async function listPage(where: object, sort: { field: SortField; order: 'asc' | 'desc' }, page: number, now?: Date) {
  // Ask for one more than a page to know whether another page exists without a count() round trip.
  const rows = await readMany<TicketSummaryRow>(
    tickets()
      .where(where)
      .orderBy(sort.field, sort.order)
      .skip(page * PAGE_SIZE)
      .limit(PAGE_SIZE + 1)
      .field(SUMMARY_FIELDS),
  )
  // lateness from the original missed due: an escalated or reassigned ticket stays 已超期 (core/lateness.ts)
  const items = rows.slice(0, PAGE_SIZE).map(({ missedDues, ...row }) => {
    const late = now === undefined ? 0 : openReplyDaysLate({ ...row, missedDues }, now)
    return late > 0 ? { ...row, replyDaysLate: late } : row
  })
  return { items, hasMore: rows.length > PAGE_SIZE }
}

const NEWEST_FIRST = { field: 'createdAt', order: 'desc' } as const
const OLDEST_FIRST = { field: 'createdAt', order: 'asc' } as const
const MOST_URGENT_FIRST = { field: 'replyDueAt', order: 'asc' } as const
/** states in which a unit holds the ticket and its reply is due */
const HANDLING = ['dispatched', 'signed']

/** An enterprise's tickets, newest first; index by_enterprise_created. */
export function listEnterpriseTickets(enterpriseId: string, page: number, now?: Date) {
  return listPage({ enterpriseId: _.eq(enterpriseId) }, NEWEST_FIRST, page, now)
}

/**
 * 市重点办's queue. New and accepted items oldest first (their limits run out first; index by_state_created);
 * overdue items by how long overdue (index by_state_replyDue).
 */
export function listQueue(tab: QueueTab, page: number, now: Date) {
  switch (tab) {
    case 'new':
      return listPage({ state: _.eq('submitted') }, OLDEST_FIRST, page, now)
    case 'accepted':
      return listPage({ state: _.eq('accepted') }, OLDEST_FIRST, page, now)
    case 'overdue':
      return listPage({ state: _.in(HANDLING), replyDueAt: _.lt(now) }, MOST_URGENT_FIRST, page, now)
  }
}

/**
 * A unit's inbox; indexes by_units_state_created and by_units_state_replyDue. `dueSoonEnd` is the end of
 * the next working day: what the reminders call 即将超期.
 */
export function listInbox(unitCode: string, tab: InboxTab, page: number, now: Date, dueSoonEnd: Date) {
  const mine = { units: _.eq(unitCode) }
  switch (tab) {
    case 'toSign':
      return listPage({ ...mine, state: _.eq('dispatched') }, NEWEST_FIRST, page, now)
    case 'inProgress':
      return listPage({ ...mine, state: _.eq('signed') }, MOST_URGENT_FIRST, page, now)
    case 'dueSoon':
      return listPage(
        { ...mine, state: _.in(HANDLING), replyDueAt: _.gte(now).and(_.lte(dueSoonEnd)) },
        MOST_URGENT_FIRST,
        page,
        now,
      )
    case 'overdue':
      return listPage({ ...mine, state: _.in(HANDLING), replyDueAt: _.lt(now) }, MOST_URGENT_FIRST, page, now)
  }
}

/** What statistics read of every ticket (core/stats.ts StatsTicket). */
const STATS_FIELDS = {
  state: true,
  outcome: true,
  track: true,
  reply: true,
  replyDueAt: true,
  missedDues: true,
  rating: true,
  category: true,
  units: true,
  enterpriseDistrict: true,
  channel: true,
  createdAt: true,
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
  const data: Record<string, unknown> = { ...also }
  for (const key of Object.keys(after) as Array<keyof Ticket>) {
    if (key === '_id' || key === 'timeline') continue
    // _.set replaces whole values: a nested object must not be merged into a null (wx-db-contract item 24)
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) data[key] = _.set(after[key])
  }
  const added = after.timeline.slice(before.timeline.length)
  if (added.length > 0) data.timeline = _.push(added)
  const res = (await tickets()
    .where({ _id: _.eq(before._id), version: _.eq(before.version) })
    .update({ data })) as { stats: { updated: number } }
  return res.stats.updated === 1
}

/**
 * Next human ticket number of the Shanghai day `day` (YYYYMMDD), e.g. HQ20261127-0003.
 * A single-document transaction: the only kind the cloud database offers (DESIGN.md §6).
 */
export async function nextTicketNo(day: string): Promise<string> {
  const seq: number = await db.runTransaction(async (tx: TransactionDb) => {
    const counter = tx.collection(COLLECTIONS.counters).doc(day)
    const current = await readDoc<{ seq: number }>(counter)
    const next = (current?.seq ?? 0) + 1
    await counter.set({ data: { seq: next } })
    return next
  })
  return `HQ${day}-${String(seq).padStart(4, '0')}`
}

/**
 * Tickets of several enterprises (a leader's or commissioner's linked ones), newest first; index
 * by_enterprise_created.
 */
export function listTicketsOfEnterprises(enterpriseIds: readonly string[], page: number, now?: Date) {
  if (enterpriseIds.length === 0) return Promise.resolve({ items: [], hasMore: false })
  return listPage({ enterpriseId: _.in([...enterpriseIds]) }, NEWEST_FIRST, page, now)
}
