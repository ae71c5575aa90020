/**
 * The statutory calendar the functions count with (issue 11): chinese-days' years merged with the years the
 * office entered (collection `calendar`, one small document per year), read with one small query where dues
 * are computed. The merge is memoised by each year's version; the read itself is trusted for
 * CALENDAR_FRESH_MS by the api function and forgotten on a save in the same instance.
 */
import type { CalendarYearDoc } from '../../types/calendar'
import type { AppUser } from '../../types/domain'
import { shanghaiDateOf, type WorkingCalendar } from '../core/clock'
import { calendarOf } from '../core/calendar'
import { COLLECTIONS } from './collections'
import { _, db, readMany } from './cloud'
import { NOTIFICATION_TITLES } from './notifications'
import { insertNewRecords, type StoredOutboxRecord } from './outbox'

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
    return {
      _id: key,
      dedupeKey: key,
      recipientOpenId: admin._id,
      recipientRole: 'admin',
      template: 'calendarYearMissing',
      templateKey: null,
      ticketId: '',
      dueField: null,
      dueAt: null,
      message: null,
      status: 'inAppOnly',
      attempts: 0,
      nextAttemptAt: null,
      lastErrCode: null,
      lastError: null,
      defect: null,
      createdAt: now,
      sentAt: null,
      title: NOTIFICATION_TITLES.calendarYearMissing,
      ticketNo: '',
      ticketTitle: `${year}年法定节假日安排尚未录入，跨年的时限暂按周一至周五推算。请按国务院办公厅通知录入放假和调休日期`,
      readAt: null,
      link: CALENDAR_PAGE,
    }
  })
  const { inserted } = await insertNewRecords(records)
  return { inserted: inserted.length }
}
