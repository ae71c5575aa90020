/**
 * The statutory calendar the functions count with (issue 11): chinese-days' years merged with the years the
 * office entered (collection `calendar`, one small document per year), read with one small query where dues
 * are computed. The merge is memoised by each year's version; the read itself is trusted for
 * CALENDAR_FRESH_MS by the api function and forgotten on a save in the same instance.
 */
import type { CalendarDueMove, CalendarYearDoc } from '../../types/calendar'
import type { AppUser, Ticket } from '../../types/domain'
import type { RulesDocument } from '../../types/rules'
import { shanghaiDateOf, type WorkingCalendar } from '../core/clock'
import { STATES_WITH_RUNNING_DUES, calendarOf, describeMoves, dueMovesOf, remapTicket } from '../core/calendar'
import { COLLECTIONS } from './collections'
import { _, db, readMany } from './cloud'
import {
  NOTIFICATION_TITLES,
  pendingNotificationsOf,
  pendingNotificationsWrite,
  withoutOutboxFields,
  type TicketOutboxFields,
} from './notifications'
import { findTicket, saveTransition } from './tickets'
import { inAppNotice, insertNewRecords, type StoredOutboxRecord } from './outbox'

/** a calendar document per year: a century fits in one read */
const MAX_YEARS = 100

let memo: { key: string; calendar: WorkingCalendar } | null = null

/** Every year the office entered, oldest first (one read). */
export async function loadCalendarDocs(): Promise<CalendarYearDoc[]> {
  const docs = await readMany<CalendarYearDoc>(db.collection(COLLECTIONS.calendar).limit(MAX_YEARS))
  return docs.sort((a, b) => a.year - b.year)
}

/** The calendar built from the stored years; the same value while no year changed (its caches stay warm). */
export function calendarFromDocs(docs: readonly CalendarYearDoc[]): WorkingCalendar {
  const key = docs.map((doc) => `${doc.year}:${doc.version}`).join(',')
  if (memo === null || memo.key !== key) memo = { key, calendar: calendarOf(docs) }
  return memo.calendar
}

/**
 * How long an instance of the api function trusts the calendar it read. A save in the same instance forgets
 * it at once (calendar.save); another warm instance sees the save within this time. The scheduler and the
 * save itself always read (fresh). Keeps ticket.act within its 3 round trips (issue 3) on a warm instance.
 */
export const CALENDAR_FRESH_MS = 15_000

let lastRead: { at: number; calendar: WorkingCalendar } | null = null

/** The working calendar as stored (one small read, or none while this instance's last read is fresh). */
export async function loadWorkingCalendar({ fresh = false }: { fresh?: boolean } = {}): Promise<WorkingCalendar> {
  if (!fresh && lastRead !== null && Date.now() - lastRead.at < CALENDAR_FRESH_MS) return lastRead.calendar
  const calendar = calendarFromDocs(await loadCalendarDocs())
  lastRead = { at: Date.now(), calendar }
  return calendar
}

/** After a save: the next call in this instance reads the calendar again. */
export function forgetWorkingCalendar(): void {
  lastRead = null
}

// ——— the December notice to the admins ———

/** Where the notice opens: the admin's calendar page. */
export const CALENDAR_PAGE = '/packages/admin/pages/calendar/index'

/** The Monday of the Shanghai week `now` falls in, 'YYYY-MM-DD' (the notice's once-a-week key). */
export function shanghaiWeekOf(now: Date): string {
  const date = shanghaiDateOf(now)
  const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
  const weekday = (new Date(day).getUTCDay() + 6) % 7
  return new Date(day - weekday * 86_400_000).toISOString().slice(0, 10)
}

/** The dedupe key (= outbox _id) of the notice to one admin in one week: a retry or a second run inserts nothing. */
export function calendarNoticeKey(year: number, week: string, openid: string): string {
  return `calendar-missing:${year}:${week}:${openid}`
}

/**
 * From 1 December, while next year is missing from the calendar, each admin gets a 消息 once a week asking
 * to enter it. In-app only: no subscribe template in config/notifications/templates.json fits a message
 * about no ticket to an admin (calendarYearMissing → null). Two reads (the admins, the outbox keys) in
 * December only.
 */
export async function planCalendarNotices(calendar: WorkingCalendar, now: Date): Promise<{ inserted: number }> {
  const today = shanghaiDateOf(now)
  if (today.slice(5, 7) !== '12') return { inserted: 0 }
  const year = Number(today.slice(0, 4)) + 1
  if (calendar.years.has(year)) return { inserted: 0 }
  const admins = await readMany<Pick<AppUser, '_id'>>(
    db
      .collection(COLLECTIONS.users)
      .where({ 'grants.role': _.eq('admin') })
      .limit(1000)
      .field({ _id: true }),
  )
  const week = shanghaiWeekOf(now)
  const records: StoredOutboxRecord[] = admins.map((admin) => {
    const key = calendarNoticeKey(year, week, admin._id)
    return inAppNotice({
      key,
      recipientOpenId: admin._id,
      recipientRole: 'admin',
      template: 'calendarYearMissing',
      title: NOTIFICATION_TITLES.calendarYearMissing,
      text: `${year}年法定节假日安排尚未录入，跨年的时限暂按周一至周五推算。请按国务院办公厅通知录入放假和调休日期`,
      link: CALENDAR_PAGE,
      reason: null,
      now,
    })
  })
  const { inserted } = await insertNewRecords(records)
  return { inserted: inserted.length }
}

// ——— the tickets counted on a missing year ———

/** tickets per read while re-mapping (full tickets, a few KB each) */
const REMAP_PAGE = 100

/** What the preview reads of a flagged ticket. */
const PREVIEW_FIELDS = {
  _id: true,
  no: true,
  enterpriseName: true,
  state: true,
  calendarMissing: true,
  calendarRemappedYears: true,
  acceptDueAt: true,
  signDueAt: true,
  sendBackDueAt: true,
  replyDueAt: true,
  meetingDueAt: true,
  ratingDueAt: true,
}

/**
 * The open tickets still flagged as counted on a missing year, page by page in _id order (index
 * by_calendarMissing_state): never a read of all tickets.
 */
export async function forEachFlaggedTicket<T extends { _id: string }>(
  fields: Record<string, boolean> | null,
  pageSize: number,
  each: (rows: T[]) => Promise<void>,
): Promise<void> {
  let after = ''
  for (;;) {
    let query = db
      .collection(COLLECTIONS.tickets)
      .where({ calendarMissing: true, state: _.in([...STATES_WITH_RUNNING_DUES]), _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(pageSize)
    if (fields) query = query.field(fields)
    const rows = await readMany<T>(query)
    if (rows.length > 0) await each(rows)
    if (rows.length < pageSize) return
    after = rows[rows.length - 1]._id
  }
}

/** The preview's moves: every flagged open ticket whose running dues move when `year` is entered. */
export async function previewMoves(
  year: number,
  old: WorkingCalendar,
  next: WorkingCalendar,
  limit: number,
): Promise<{ ticketCount: number; moves: CalendarDueMove[] }> {
  let ticketCount = 0
  const moves: CalendarDueMove[] = []
  await forEachFlaggedTicket<Ticket & { calendarRemappedYears?: number[] }>(PREVIEW_FIELDS, 1000, async (rows) => {
    for (const ticket of rows) {
      const found = dueMovesOf(ticket, year, old, next)
      if (found.length === 0) continue
      ticketCount += 1
      if (moves.length < limit) moves.push(...describeMoves(ticket, found))
    }
  })
  return { ticketCount, moves: moves.slice(0, limit) }
}

/**
 * Re-maps every flagged open ticket onto the calendar with `year` (core/calendar.ts remapTicket), one guarded
 * update per ticket (its version) with its timeline entry and its notification to the enterprise: a crash
 * at any write is finished by the retry, which skips the tickets already re-mapped for that year.
 */
export async function remapFlaggedTickets(
  year: number,
  old: WorkingCalendar,
  next: WorkingCalendar,
  rules: RulesDocument,
  now: Date,
): Promise<number> {
  let moved = 0
  await forEachFlaggedTicket<Ticket & TicketOutboxFields>(null, REMAP_PAGE, async (rows) => {
    for (const row of rows) {
      let ticket: Ticket | null = withoutOutboxFields(row) as Ticket
      for (let attempt = 0; attempt < 3 && ticket; attempt++) {
        const result = remapTicket(ticket, year, old, next, rules, now)
        if (result === null) break
        const notify = pendingNotificationsWrite(pendingNotificationsOf(result.effects, result.ticket), now)
        if (await saveTransition(ticket, result.ticket, notify)) {
          if (result.moved) moved += 1
          break
        }
        // someone acted on it meanwhile: the fresh ticket is re-mapped if it still needs it
        ticket = await findTicket(ticket._id)
      }
    }
  })
  return moved
}
