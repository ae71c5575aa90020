/**
 * Notifications of user actions and timer events, kept with the ticket until they are in the outbox: a
 * transactional outbox on the ticket document (DESIGN.md §3 effects, §4 reminders).
 *
 * The transition's conditional update (`where({ _id, version }).update(...)`, shared/tickets.ts saveTransition)
 * also pushes the notifications its effects plan onto `pendingNotifications`, and an insert of a new ticket
 * carries those of the submission. The cloud database has single-document atomicity only (DESIGN.md §6), so
 * this is the one way the state change and "who must be told" are written together: a function that dies
 * right after the write loses nothing, and the write still costs one round trip (the ≤ 3 budget of a
 * transition: user record, ticket read, conditional update).
 *
 * Moving them on (moveToOutbox) addresses them through the directory, renders one outbox record per user
 * (core/reminders planOutbox; `_id` = dedupe key) and clears them from the ticket only if its version is still
 * the one read, so notifications a later transition pushed meanwhile stay. It runs
 *  - right after the action, in its own invocation: the app calls `notifications.flush` once `ticket.act` or
 *    `ticket.submit` answered (the action itself stays within its round-trip budget);
 *  - on every timer run: the scheduler sweeps tickets whose `notifyPendingSince` has passed.
 * Both may run at once, or a flush may die halfway: records are keyed by their dedupe key, so the second
 * insert of a message is refused and nobody is told twice.
 */
import type { Ticket, TicketReply, TimelineEntry } from '../../types/domain'
import type { Effect } from '../core/effects'
import type { NotificationTemplate, RoutingTicket } from '../core/routing'
import type { MessageTicket } from '../core/reminders/format'
import {
  defaultTemplateRegistry,
  notificationsFromEffects,
  planOutbox,
  type PlannedNotification,
  type TemplateRegistry,
} from '../core/reminders'
import { COLLECTIONS } from './collections'
import { _, db, readMany } from './cloud'
import { forEachConcurrently } from './concurrently'
import { insertNewRecords, type StoredOutboxRecord } from './outbox'
import { addressAll } from './recipients'
import { currentTemplateIds } from './subscriptions'

/** What a message shows and who it reaches: the ticket as the event left it. */
export type NotificationTicket = MessageTicket & RoutingTicket

/** A notification planned with a transition, waiting on the ticket to be moved to the outbox. */
export interface PendingNotification extends PlannedNotification {
  /** the ticket right after the event: a later transition must not change what this message says or whom it reaches */
  ticket: NotificationTicket
}

/** The fields of a ticket document that hold its transactional outbox (not part of the domain Ticket). */
export interface TicketOutboxFields {
  pendingNotifications: PendingNotification[]
  /** when the oldest unmoved notification was planned; null when none waits (index by_notifyPendingSince) */
  notifyPendingSince: Date | null
}

/** Each notification's title in the in-app message center (消息中心). */
export const NOTIFICATION_TITLES: { readonly [T in NotificationTemplate]: string } = {
  ticketSubmitted: '新诉求待受理',
  ticketAccepted: '诉求已受理',
  ticketRejected: '诉求不予受理',
  ticketResolvedOnSite: '诉求已现场办结',
  ticketDispatched: '新工单待签收',
  ticketSentBack: '工单被退回',
  ticketReassigned: '改派工单待签收',
  extensionRequested: '延期申请待审批',
  extensionApproved: '延期申请已同意',
  extensionDenied: '延期申请未同意',
  supplementRequested: '请补充材料',
  supplementProvided: '企业已补充材料',
  ticketReplied: '答复待评价',
  ticketRated: '企业已评价',
  ticketClosedUnrated: '诉求已办结（未评价）',
  ticketReopened: '诉求重办',
  ticketWithdrawn: '企业已撤回诉求',
  ticketSupervised: '已超期督办',
  ticketEscalated: '诉求已升级',
  leaderInstructed: '市领导批示',
  receptionScheduled: '已列入接待日',
  acceptDueSoon: '受理即将超期',
  signDueSoon: '签收即将超期',
  replyDueSoon: '答复即将超期',
  meetingDueSoon: '协调会即将超期',
  ratingDueSoon: '评价即将截止',
  leaderSummary: '诉求办理汇总',
  meetingInvited: '接待日/协调会邀请',
  subscriptionRenewal: '请续订微信消息提醒',
  ticketTakenUpward: '诉求已上报自治区/国家',
  meetingRequested: '申请召开专题协调会',
  replyDueMoved: '答复时限调整',
  calendarYearMissing: '请录入明年法定节假日安排',
}

/**
 * Text kept in a pending snapshot, in characters. No subscribe-message field takes more than 32
 * (character_string; thing ≤ 20), and the full text stays in the ticket's own fields and timeline.
 */
const SNAPSHOT_TEXT = 40

function clip(text: string): string {
  return Array.from(text).slice(0, SNAPSHOT_TEXT).join('')
}

function clipReply(reply: TicketReply | null): TicketReply | null {
  return reply === null ? null : { ...reply, text: clip(reply.text), attachments: [] }
}

function clipEntry(entry: TimelineEntry | null): TimelineEntry | null {
  if (entry === null) return null
  return {
    ...entry,
    ...(entry.note !== undefined ? { note: clip(entry.note) } : {}),
    ...(entry.reason !== undefined ? { reason: clip(entry.reason) } : {}),
  }
}

/** The part of the ticket a notification needs, small enough to keep on the ticket document. */
export function notificationTicketOf(ticket: NotificationTicket): NotificationTicket {
  const lastRound = ticket.supplements.at(-1)
  return {
    _id: ticket._id,
    no: ticket.no,
    title: clip(ticket.title),
    enterpriseName: ticket.enterpriseName,
    state: ticket.state,
    track: ticket.track,
    outcome: ticket.outcome,
    rating: ticket.rating,
    reply: clipReply(ticket.reply),
    createdAt: ticket.createdAt,
    signDueAt: ticket.signDueAt,
    replyDueAt: ticket.replyDueAt,
    ratingDueAt: ticket.ratingDueAt,
    closedAt: ticket.closedAt,
    enterpriseId: ticket.enterpriseId,
    enterpriseIsKey: ticket.enterpriseIsKey,
    units: ticket.units,
    taskForce: ticket.taskForce,
    dispatchedAt: ticket.dispatchedAt,
    pausedAt: ticket.pausedAt,
    ...(ticket.meetingLeaderIds ? { meetingLeaderIds: ticket.meetingLeaderIds } : {}),
    // routing reads only who asked the last question (audience supplementAsker)
    supplements: lastRound === undefined ? [] : [{ ...lastRound, question: '', text: null, attachments: [] }],
  }
}

/** The notifications a transition's (or a submission's) effects plan, each with the ticket as it left it. */
export function pendingNotificationsOf(effects: readonly Effect[], ticketAfter: Ticket): PendingNotification[] {
  const ticket = notificationTicketOf(ticketAfter)
  return notificationsFromEffects(effects, ticketAfter).map((notification) => ({
    ...notification,
    entry: clipEntry(notification.entry),
    ticket,
  }))
}

/**
 * The update commands that add notifications to a ticket's outbox; saveTransition writes them in the same
 * conditional update as the transition. Nothing when there is nothing to tell.
 */
export function pendingNotificationsWrite(pending: readonly PendingNotification[], now: Date): Record<string, unknown> {
  if (pending.length === 0) return {}
  return { pendingNotifications: _.push([...pending]), notifyPendingSince: _.set(now) }
}

/** A new ticket document with the notifications of its submission (one atomic insert). */
export function withPendingNotifications<T extends Ticket>(
  ticket: T,
  pending: readonly PendingNotification[],
  now: Date,
): T & TicketOutboxFields {
  return { ...ticket, pendingNotifications: [...pending], notifyPendingSince: pending.length === 0 ? null : now }
}

/** A ticket document without its outbox fields: what the actions work with and show. */
export function withoutOutboxFields<T extends object>(doc: T): Omit<T, keyof TicketOutboxFields> {
  const {
    pendingNotifications: _pending,
    notifyPendingSince: _since,
    ...ticket
  } = doc as T & Partial<TicketOutboxFields>
  return ticket
}

// ——— from notifications to outbox records ———

/** A notification about a ticket, with the ticket its message shows and whom it reaches. */
export interface NotificationToRecord {
  notification: PlannedNotification
  ticket: NotificationTicket
}

/**
 * The outbox records of a batch of notifications: addressed through the directory (one query per kind of
 * addressee for the whole batch), rendered with the template registry (core planOutbox, at the time the
 * notification was planned: an event's records date from the event), and made into in-app messages.
 */
export async function outboxRecordsFor(
  items: readonly NotificationToRecord[],
  now: Date,
  registry: TemplateRegistry = defaultTemplateRegistry(),
): Promise<StoredOutboxRecord[]> {
  if (items.length === 0) return []
  const addressees = await addressAll(
    items.map(({ notification, ticket }) => ({ audience: notification.audience, ticket })),
  )
  const templateIds = currentTemplateIds(registry)
  return items.flatMap(({ notification, ticket }, index) => {
    const plannedAt = notification.entry?.at ?? now
    return planOutbox([{ notification, addressees: addressees[index], ticket }], plannedAt, {
      templateIds,
      registry,
    }).map((record): StoredOutboxRecord => ({
      ...record,
      title: NOTIFICATION_TITLES[record.template],
      ticketNo: ticket.no,
      ticketTitle: ticket.title,
      readAt: null,
    }))
  })
}

// ——— moving pending notifications to the outbox ———

const tickets = () => db.collection(COLLECTIONS.tickets)

/** What the mover reads of a ticket. */
export interface TicketWithPending {
  _id: string
  version: number
  pendingNotifications?: PendingNotification[]
}

const PENDING_FIELDS = { _id: true, version: true, pendingNotifications: true }
/** ticket clears in flight at once */
const CLEAR_CONCURRENCY = 8

export interface MoveResult {
  /** records this call inserted (others were already there: planned by an overlapping flush or run) */
  inserted: StoredOutboxRecord[]
  duplicates: number
  /** tickets whose pending list was cleared; the rest changed meanwhile and are moved again later */
  cleared: number
}

/**
 * Moves the pending notifications of these tickets to the outbox, then clears them from each ticket whose
 * version is still the one read. The clear does not bump the version: a user holding that version can still act.
 */
export async function moveToOutbox(docs: readonly TicketWithPending[], now: Date): Promise<MoveResult> {
  const withPending = docs.filter((doc) => (doc.pendingNotifications?.length ?? 0) > 0)
  const items = withPending.flatMap((doc) =>
    (doc.pendingNotifications ?? []).map(({ ticket, ...notification }) => ({ notification, ticket })),
  )
  const records = await outboxRecordsFor(items, now)
  const { inserted, duplicates } = await insertNewRecords(records)
  let cleared = 0
  await forEachConcurrently(withPending, CLEAR_CONCURRENCY, async (doc) => {
    const res = (await tickets()
      .where({ _id: _.eq(doc._id), version: _.eq(doc.version) })
      .update({ data: { pendingNotifications: _.set([]), notifyPendingSince: _.set(null) } })) as {
      stats: { updated: number }
    }
    cleared += res.stats.updated
  })
  return { inserted, duplicates, cleared }
}

/** One ticket's pending notifications (the flush after a user action). Round trips: 1, plus the move if any. */
export async function moveTicketNotifications(ticketId: string, now: Date): Promise<MoveResult> {
  const [doc] = await readMany<TicketWithPending>(
    tickets()
      .where({ _id: _.eq(ticketId) })
      .limit(1)
      .field(PENDING_FIELDS),
  )
  if (doc === undefined) return { inserted: [], duplicates: 0, cleared: 0 }
  return moveToOutbox([doc], now)
}

const EPOCH = new Date(0)
/** Tickets swept per query; each holds a few notifications. */
const SWEEP_PAGE = 100

/**
 * The timer's sweep: every ticket with notifications planned at or before `now` (index by_notifyPendingSince),
 * oldest first, page by page until none is left or the deadline passes. Round trips grow with the tickets
 * that have something pending, not with the open tickets.
 */
export async function sweepPendingNotifications(
  now: Date,
  deadline: number,
): Promise<MoveResult & { tickets: number }> {
  const total: MoveResult & { tickets: number } = { inserted: [], duplicates: 0, cleared: 0, tickets: 0 }
  const seen = new Set<string>()
  while (Date.now() < deadline) {
    const page = await readMany<TicketWithPending>(
      tickets()
        // bounded on both sides: the same match (null is no date), and SQLite's planner in the local cloud takes
        // the index only for a bounded range (one-sided, it scanned 100,000 tickets in ~0.7 s)
        .where({ notifyPendingSince: _.gte(EPOCH).and(_.lte(now)) })
        .orderBy('notifyPendingSince', 'asc')
        .limit(SWEEP_PAGE)
        .field(PENDING_FIELDS),
    )
    // a ticket whose clear lost to a newer transition comes back: the next run moves it
    const fresh = page.filter((doc) => !seen.has(doc._id))
    if (fresh.length === 0) break
    fresh.forEach((doc) => seen.add(doc._id))
    const moved = await moveToOutbox(fresh, now)
    total.inserted.push(...moved.inserted)
    total.duplicates += moved.duplicates
    total.cleared += moved.cleared
    total.tickets += fresh.length
    if (page.length < SWEEP_PAGE) break
  }
  return total
}
