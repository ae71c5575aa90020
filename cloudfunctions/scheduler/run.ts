/**
 * One run of the timer (DESIGN.md §4 "Reminders"), every 10 minutes:
 *
 *  1. plan   — only on a working day within the send window (core isTimerActive): the tickets whose live
 *              dues fall in the window, one indexed range query per due field (core reminderQueries; index
 *              by_state_<field>), ≤ 1000 per get, page by page; merged by _id; core planReminders decides.
 *  2. events — each planned 督办 / escalation / unrated closing fired through the lifecycle as the system,
 *              on the full ticket, written with its notifications in one conditional update (the same
 *              transactional outbox as a user's action). A ticket that moved since the plan is left to the
 *              next run; a refusal by the rules (an escalation the guard denies) is dropped.
 *  3. remind — the due-soon reminders addressed, rendered and inserted with their dedupe keys as _id: a
 *              reminder already planned by an earlier or an overlapping run is not inserted again.
 *  3b. digest — each leader's weekly digest of the week before, once per leader per week (shared/digest.ts).
 *  3c. calendar — from 1 December while next year's statutory holidays are missing: a 消息 to each admin,
 *              once per admin per week (shared/calendar.ts planCalendarNotices).
 *  4. sweep  — every ticket's pending notifications moved to the outbox: this run's events, and any a
 *              user's action planned whose flush did not finish (shared/notifications.ts).
 *  5. send   — every pending outbox record that is due (shared/delivery.ts).
 *
 * Steps 4 and 5 run at any hour: they only deliver what events already caused. Round trips grow with the
 * tickets whose dues are in the window and the messages to send, never with the open tickets.
 */
import type { Ticket } from '../../types/domain'
import type { RulesDocument } from '../../types/rules'
import { SYSTEM_ACTOR } from '../core/events'
import { transition } from '../core/lifecycle'
import { defaultRulesDocument } from '../core/rules'
import {
  QUERY_PAGE_SIZE,
  SCHEDULER_TICKET_FIELDS,
  defaultTemplateRegistry,
  isTimerActive,
  planReminders,
  reminderQueries,
  type DueRangeQuery,
  type ScheduledTicket,
  type TimerEvent,
} from '../core/reminders'
import { COLLECTIONS } from '../shared/collections'
import { _, db, readMany } from '../shared/cloud'
import { forEachConcurrently } from '../shared/concurrently'
import { deliverDue, emptyTally, type DeliveryTally } from '../shared/delivery'
import { emptySmsTally, sendDueSms, type SmsTally } from '../shared/sms'
import { RUN_BUDGET_MS } from '../shared/deliveryLimits'
import {
  notificationTicketOf,
  outboxRecordsFor,
  pendingNotificationsOf,
  pendingNotificationsWrite,
  sweepPendingNotifications,
  withoutOutboxFields,
  type NotificationTicket,
} from '../shared/notifications'
import { insertNewRecords } from '../shared/outbox'
import { saveTransition } from '../shared/tickets'
import { planLeaderDigests, type DigestTally } from '../shared/digest'
import { loadWorkingCalendar, planCalendarNotices } from '../shared/calendar'
import type { WorkingCalendar } from '../core/clock'

/** full tickets per read when firing events (a ticket with its timeline is a few KB) */
const EVENT_READ_CHUNK = 100
/** event writes in flight at once */
const EVENT_CONCURRENCY = 8

export interface SchedulerReport {
  at: string
  /** a working day within the send window: reminders and events were planned */
  active: boolean
  /** tickets with a live due in the window */
  dueTickets: number
  events: { planned: number; fired: number; conflicts: number; refused: number }
  reminders: { planned: number; inserted: number }
  digests: DigestTally
  /** December: 消息 to the admins that next year's holidays are not entered yet (once a week each) */
  calendarNotices: number
  swept: { tickets: number; inserted: number; duplicates: number }
  delivery: DeliveryTally
  /** SMS fallbacks still pending after delivery (shared/sms.ts sendDueSms) */
  sms: SmsTally
  durationMs: number
}

const tickets = () => db.collection(COLLECTIONS.tickets)
const PROJECTION = Object.fromEntries(SCHEDULER_TICKET_FIELDS.map((field) => [field, true]))

type DueTicket = ScheduledTicket & NotificationTicket

/** One range query, page by page until a short page (≤ 1000 per get in cloud functions, DESIGN.md §6). */
async function readDueRange(query: DueRangeQuery): Promise<DueTicket[]> {
  const rows: DueTicket[] = []
  for (let page = 0; ; page++) {
    const batch = await readMany<DueTicket>(
      tickets()
        .where({ state: _.in([...query.states]), [query.field]: _.gte(query.from).and(_.lte(query.to)) })
        .orderBy(query.field, 'asc')
        .skip(page * QUERY_PAGE_SIZE)
        .limit(QUERY_PAGE_SIZE)
        .field(PROJECTION),
    )
    rows.push(...batch)
    if (batch.length < QUERY_PAGE_SIZE) return rows
  }
}

/** Every ticket with a live due in the window, once (a ticket can match two due fields). */
export async function loadDueTickets(
  rules: RulesDocument,
  calendar: WorkingCalendar,
  now: Date,
): Promise<Map<string, DueTicket>> {
  const ranges = await Promise.all(
    reminderQueries(rules.limits, calendar, now, defaultTemplateRegistry().scheduler).map(readDueRange),
  )
  return new Map(ranges.flat().map((ticket) => [ticket._id, ticket]))
}

/** Fires the planned events on the full tickets, each written with its notifications, or dropped. */
async function fireTimerEvents(
  events: readonly TimerEvent[],
  rules: RulesDocument,
  calendar: WorkingCalendar,
  now: Date,
): Promise<SchedulerReport['events']> {
  const tally = { planned: events.length, fired: 0, conflicts: 0, refused: 0 }
  const full = new Map<string, Ticket>()
  const ids = [...new Set(events.map((event) => event.ticketId))]
  for (let i = 0; i < ids.length; i += EVENT_READ_CHUNK) {
    const docs = await readMany<Ticket>(
      tickets()
        .where({ _id: _.in(ids.slice(i, i + EVENT_READ_CHUNK)) })
        .limit(EVENT_READ_CHUNK),
    )
    for (const doc of docs) full.set(doc._id, withoutOutboxFields(doc) as Ticket)
  }
  await forEachConcurrently(events, EVENT_CONCURRENCY, async (planned) => {
    const ticket = full.get(planned.ticketId)
    // moved on since the plan (a user acted, or an overlapping run fired first): the next run re-plans
    if (ticket === undefined || ticket.version !== planned.expectedVersion) {
      tally.conflicts += 1
      return
    }
    const result = transition(ticket, planned.event, SYSTEM_ACTOR, rules, calendar, now)
    if (!result.ok) {
      // the lifecycle's guards have the last word (e.g. the rules do not raise this track)
      console.log(`[scheduler] ${planned.event.type} on ${ticket._id} not fired: ${result.code} ${result.message}`)
      tally.refused += 1
      return
    }
    const notify = pendingNotificationsWrite(pendingNotificationsOf(result.effects, result.ticket), now)
    if (await saveTransition(ticket, result.ticket, notify)) tally.fired += 1
    else tally.conflicts += 1
  })
  return tally
}

export async function runScheduler(now: Date, budgetMs = RUN_BUDGET_MS): Promise<SchedulerReport> {
  const started = Date.now()
  const deadline = started + budgetMs
  const rules = defaultRulesDocument()
  // the statutory calendar as stored now (one small read): a year the office just entered counts at once
  const calendar = await loadWorkingCalendar({ fresh: true })
  const report: SchedulerReport = {
    at: now.toISOString(),
    active: isTimerActive(calendar, now, defaultTemplateRegistry().scheduler),
    dueTickets: 0,
    events: { planned: 0, fired: 0, conflicts: 0, refused: 0 },
    reminders: { planned: 0, inserted: 0 },
    digests: { leaders: 0, inserted: 0 },
    calendarNotices: 0,
    swept: { tickets: 0, inserted: 0, duplicates: 0 },
    delivery: emptyTally(),
    sms: emptySmsTally(),
    durationMs: 0,
  }

  if (report.active) {
    const due = await loadDueTickets(rules, calendar, now)
    report.dueTickets = due.size
    const plan = planReminders([...due.values()], rules.limits, calendar, now, defaultTemplateRegistry().scheduler)
    report.events = await fireTimerEvents(plan.events, rules, calendar, now)
    const reminders = plan.notifications.flatMap((notification) => {
      const ticket = due.get(notification.ticketId)
      return ticket === undefined ? [] : [{ notification, ticket: notificationTicketOf(ticket) }]
    })
    const { inserted } = await insertNewRecords(await outboxRecordsFor(reminders, now))
    report.reminders = { planned: reminders.length, inserted: inserted.length }
    report.digests = await planLeaderDigests(calendar, now)
    report.calendarNotices = (await planCalendarNotices(calendar, now)).inserted
  }

  const swept = await sweepPendingNotifications(now, deadline)
  report.swept = { tickets: swept.tickets, inserted: swept.inserted.length, duplicates: swept.duplicates }
  report.delivery = await deliverDue(now, deadline)
  report.sms = await sendDueSms(now, deadline)
  report.durationMs = Date.now() - started
  return report
}
