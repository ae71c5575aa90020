/**
 * The statutory calendar as office data (issue 11): validating a year the admin enters, the calendar value
 * with it, and moving the dues that were counted Monday–Friday because that year was missing. Pure.
 *
 * Re-mapping a due (`remapDue`). A due computed while year Y was missing counted every Monday–Friday of Y
 * (and of any later missing year) as a working day. Let A be 31 December of Y−1, the last day the old and
 * the new calendar agree on. The due's position is k = the Monday–Friday days in (A, due's date] under the
 * old rule; the new due is the k-th working day after A under the new calendar, at the same time of day.
 * This is exact whenever the count started on or before A (every due the office can have computed before
 * the notice of Y is published, e.g. a due counted in December from a December dispatch): the working days
 * before A are the same in both calendars and the days after A are counted one by one. It is approximate
 * when the count started inside Y (a reception day, a pause or an extension already in Y): then the due
 * keeps its position counted from A, not from its own start, and can differ by the holidays between A and
 * that start. Dues on or before A never move.
 */
import type { Ticket } from '../../types/domain'
import type { RulesDocument } from '../../types/rules'
import {
  DUE_NAMES,
  HOLIDAY_NAMES,
  type CalendarDay,
  type CalendarDueMove,
  type CalendarYearDoc,
  type CalendarYearInput,
  type CalendarYearView,
  type MovableDue,
} from '../../types/calendar'
import {
  BUILT_IN_CALENDAR,
  MS_PER_DAY,
  dateOfDayNumber,
  dayNumberOf,
  isWorkingDay,
  shanghaiDateOf,
  startOfShanghaiDay,
  workingCalendar,
  type OfficeCalendarYear,
  type ShanghaiDate,
  type WorkingCalendar,
} from './clock'
import { LIVE_DUES_BY_STATE, type DueField, type Effect } from './effects'
import { SYSTEM_ACTOR } from './events'
import { deadlineEffects } from './lifecycle'
import { replyDueMove, replyDueMovedNotice } from './due-moves'

function isRealDate(date: string): boolean {
  return dateOfDayNumber(dayNumberOf(date)) === date
}

function weekdayOf(date: ShanghaiDate): number {
  return new Date(dayNumberOf(date) * MS_PER_DAY).getUTCDay()
}

/** The pure part of a stored year: what the clock counts with. */
export function officeYearOf(doc: Pick<CalendarYearDoc, 'year' | 'holidays' | 'workdays'>): OfficeCalendarYear {
  return {
    year: doc.year,
    holidays: Object.fromEntries(doc.holidays.map((day) => [day.date, day.name])),
    workdays: Object.fromEntries(doc.workdays.map((day) => [day.date, day.name])),
  }
}

/** The calendar the functions count with: chinese-days' years, each year the office entered replacing its own. */
export function calendarOf(
  docs: ReadonlyArray<Pick<CalendarYearDoc, 'year' | 'holidays' | 'workdays'>>,
): WorkingCalendar {
  return docs.length === 0 ? BUILT_IN_CALENDAR : workingCalendar(docs.map(officeYearOf))
}

/** The same calendar without one office year (that year falls back to chinese-days' data, or to Mon–Fri). */
export function calendarWithout(docs: ReadonlyArray<CalendarYearDoc>, year: number): WorkingCalendar {
  return calendarOf(docs.filter((doc) => doc.year !== year))
}

/** A chinese-days name "National Day,国庆节,3" → 国庆节; an office name as it is. */
function chineseName(raw: string): string {
  const parts = raw.split(',')
  return parts.length >= 2 ? parts[1] : raw
}

/** What the calendar page shows of each year known: the office's, or chinese-days' (built in). */
export function calendarYearViews(docs: readonly CalendarYearDoc[], calendar: WorkingCalendar): CalendarYearView[] {
  const byYear = new Map(docs.map((doc) => [doc.year, doc]))
  const views: CalendarYearView[] = []
  for (const year of [...calendar.years].sort((a, b) => a - b)) {
    const doc = byYear.get(year)
    if (doc) {
      views.push({
        year,
        source: 'office',
        holidays: doc.holidays,
        workdays: doc.workdays,
        notice: doc.notice || null,
        enteredByName: doc.enteredBy.name,
        enteredAt: doc.enteredAt,
        version: doc.version,
      })
      continue
    }
    const days = (table: Readonly<Record<string, string>>): CalendarDay[] =>
      Object.keys(table)
        .filter((date) => date.startsWith(`${year}-`))
        .sort()
        .map((date) => ({ date, name: chineseName(table[date]) }))
    views.push({
      year,
      source: 'builtIn',
      holidays: days(calendar.holidays),
      workdays: days(calendar.workdays),
      notice: null,
      enteredByName: null,
      enteredAt: null,
      version: 0,
    })
  }
  return views
}

/** This year and the next, where the calendar has no data for them (the page's and the timer's warning). */
export function missingYears(calendar: WorkingCalendar, now: Date): number[] {
  const year = Number(shanghaiDateOf(now).slice(0, 4))
  return [year, year + 1].filter((y) => !calendar.years.has(y))
}

const HOLIDAY_NAME_SET: ReadonlySet<string> = new Set(HOLIDAY_NAMES)

export interface ValidatedYear {
  /** row key → the problem, in Chinese; empty when the year can be saved */
  errors: Record<string, string>
  holidays: CalendarDay[]
  workdays: CalendarDay[]
}

/**
 * Checks a year as entered: dates real and inside the year, a range from ≤ to, 放假 names from the fixed
 * list, 调休 days on a weekend, no date both 放假 and 调休, no date twice. Each problem is keyed by its row
 * ('holidays.0', 'workdays.2') so the page shows it next to that row. The days come out one per date.
 */
export function validateCalendarYear(input: CalendarYearInput): ValidatedYear {
  const errors: Record<string, string> = {}
  const { year } = input
  const holidays: CalendarDay[] = []
  const workdays: CalendarDay[] = []
  const holidayRow = new Map<string, number>()
  const inYear = (date: string) => date.startsWith(`${year}-`)

  input.holidays.forEach((row, index) => {
    const key = `holidays.${index}`
    const name = row.name.trim()
    if (!HOLIDAY_NAME_SET.has(name)) {
      errors[key] = `节日名称应为${HOLIDAY_NAMES.join('、')}之一`
      return
    }
    if (!isRealDate(row.from) || !isRealDate(row.to)) {
      errors[key] = '日期不存在，请检查'
      return
    }
    if (!inYear(row.from) || !inYear(row.to)) {
      errors[key] = `放假日期应在${year}年内`
      return
    }
    if (row.from > row.to) {
      errors[key] = '结束日期不能早于开始日期'
      return
    }
    for (let day = dayNumberOf(row.from); day <= dayNumberOf(row.to); day++) {
      const date = dateOfDayNumber(day)
      const earlier = holidayRow.get(date)
      if (earlier !== undefined) {
        errors[key] = `${date}已在第${earlier + 1}行放假安排中`
        return
      }
      holidayRow.set(date, index)
      holidays.push({ date, name })
    }
  })

  const workdayRow = new Map<string, number>()
  input.workdays.forEach((row, index) => {
    const key = `workdays.${index}`
    const name = row.name.trim()
    const holiday = name.replace(/调休上班$/, '')
    if (!HOLIDAY_NAME_SET.has(holiday)) {
      errors[key] = `请选择所调休的节日（${HOLIDAY_NAMES.join('、')}）`
      return
    }
    if (!isRealDate(row.date)) {
      errors[key] = '日期不存在，请检查'
      return
    }
    if (!inYear(row.date)) {
      errors[key] = `调休上班日期应在${year}年内`
      return
    }
    const weekday = weekdayOf(row.date)
    if (weekday !== 0 && weekday !== 6) {
      errors[key] = `${row.date}不是周末，调休上班日应为周六或周日`
      return
    }
    if (holidayRow.has(row.date)) {
      errors[key] = `${row.date}已安排放假，不能同时调休上班`
      return
    }
    const earlier = workdayRow.get(row.date)
    if (earlier !== undefined) {
      errors[key] = `${row.date}与第${earlier + 1}行重复`
      return
    }
    workdayRow.set(row.date, index)
    workdays.push({ date: row.date, name: `${holiday}调休上班` })
  })

  if (input.holidays.length === 0 && Object.keys(errors).length === 0) errors.holidays = '请至少录入一项放假安排'
  holidays.sort((a, b) => a.date.localeCompare(b.date))
  workdays.sort((a, b) => a.date.localeCompare(b.date))
  return { errors, holidays, workdays }
}

// ——— moving the dues counted on a missing year ———

/** The open states whose running dues can move (every state with a live due). */
export const STATES_WITH_RUNNING_DUES = (Object.keys(LIVE_DUES_BY_STATE) as Ticket['state'][]).filter(
  (state) => LIVE_DUES_BY_STATE[state].length > 0,
)

/** What re-mapping reads of a ticket. */
export type RemapTicket = Pick<Ticket, 'state' | 'calendarMissing' | DueField> & {
  calendarRemappedYears?: number[]
}

/**
 * The due `dueAt` (counted on `old`, where `year` was missing) re-mapped onto `next` (see the module comment).
 * Unchanged when it lies on or before 31 December of year − 1.
 */
export function remapDue(dueAt: Date, year: number, old: WorkingCalendar, next: WorkingCalendar): Date {
  const anchor = dayNumberOf(`${year - 1}-12-31`)
  const dueDate = shanghaiDateOf(dueAt)
  const dueDay = dayNumberOf(dueDate)
  if (dueDay <= anchor) return dueAt
  let position = 0
  for (let day = anchor + 1; day <= dueDay; day++) if (isWorkingDay(old, dateOfDayNumber(day))) position += 1
  // a due on a day the old rule did not count (never made by the clock, which ends on working days): keep
  // its position after the last counted day
  let day = anchor
  let found = 0
  while (found < position) {
    day += 1
    if (isWorkingDay(next, dateOfDayNumber(day))) found += 1
  }
  if (position === 0) day = dueDay
  const offset = dueAt.getTime() - startOfShanghaiDay(dueDate).getTime()
  return new Date(startOfShanghaiDay(dateOfDayNumber(day)).getTime() + offset)
}

/**
 * The years a flagged ticket's dues were counted on without data: from this year to its latest live due's
 * year, those the calendar still lacks (else this and next year's missing ones, for the office's warning).
 */
export function calendarMissingYears(ticket: RemapTicket, calendar: WorkingCalendar, now: Date): number[] {
  const from = Number(shanghaiDateOf(now).slice(0, 4))
  let to = from
  for (const field of LIVE_DUES_BY_STATE[ticket.state]) {
    const at = ticket[field]
    if (at !== null) to = Math.max(to, Number(shanghaiDateOf(at).slice(0, 4)))
  }
  const years: number[] = []
  for (let year = from; year <= to; year++) if (!calendar.years.has(year)) years.push(year)
  return years.length > 0 ? years : missingYears(calendar, now)
}

/** Whether a ticket is still flagged as counted on the missing year and not re-mapped for it yet. */
export function needsRemap(ticket: RemapTicket, year: number): boolean {
  return ticket.calendarMissing && !(ticket.calendarRemappedYears ?? []).includes(year)
}

/** Whether any live due of the ticket still lies in (or runs through) a year the calendar lacks. */
function stillMissing(ticket: RemapTicket, calendar: WorkingCalendar, year: number): boolean {
  for (const field of LIVE_DUES_BY_STATE[ticket.state]) {
    const at = ticket[field]
    if (at === null) continue
    const dueYear = Number(shanghaiDateOf(at).slice(0, 4))
    for (let y = year; y <= dueYear; y++) if (!calendar.years.has(y)) return true
  }
  return false
}

/** The running dues of a flagged ticket that move when `year` is entered: field, old, new. */
export function dueMovesOf(
  ticket: RemapTicket,
  year: number,
  old: WorkingCalendar,
  next: WorkingCalendar,
): Array<{ field: MovableDue; from: Date; to: Date }> {
  if (!needsRemap(ticket, year)) return []
  const moves: Array<{ field: MovableDue; from: Date; to: Date }> = []
  for (const field of LIVE_DUES_BY_STATE[ticket.state]) {
    const at = ticket[field]
    if (at === null) continue
    const moved = remapDue(at, year, old, next)
    if (moved.getTime() !== at.getTime()) moves.push({ field, from: at, to: moved })
  }
  return moves
}

/** A preview row, in names. */
export function describeMoves(
  ticket: RemapTicket & Pick<Ticket, '_id' | 'no' | 'enterpriseName'>,
  moves: ReturnType<typeof dueMovesOf>,
): CalendarDueMove[] {
  return moves.map((move) => ({
    ticketId: ticket._id,
    no: ticket.no,
    enterpriseName: ticket.enterpriseName,
    dueName: DUE_NAMES[move.field],
    from: move.from,
    to: move.to,
  }))
}

/** The timeline event of a re-mapping (types/domain.ts EVENT_LABELS). */
export const CALENDAR_EVENT = 'calendarAdjusted'

function dueDay(at: Date): string {
  const [y, m, d] = shanghaiDateOf(at).split('-')
  return `${Number(y)}年${Number(m)}月${Number(d)}日`
}

/**
 * A flagged ticket with its running dues re-mapped onto the calendar with `year`, marked as re-mapped for
 * that year (so a retry or a second save never moves it again), with a timeline entry in plain Chinese, its
 * reminders following the moved dues, and the enterprise told when its reply due moved (`progress`). Null
 * when nothing is to be done (already re-mapped, or nothing moves — then only the flag is refreshed).
 */
export function remapTicket(
  ticket: Ticket & { calendarRemappedYears?: number[] },
  year: number,
  old: WorkingCalendar,
  next: WorkingCalendar,
  rules: RulesDocument,
  now: Date,
): { ticket: Ticket & { calendarRemappedYears: number[] }; effects: Effect[]; moved: boolean } | null {
  if (!needsRemap(ticket, year)) return null
  const moves = dueMovesOf(ticket, year, old, next)
  const changed: Ticket & { calendarRemappedYears: number[] } = {
    ...ticket,
    calendarRemappedYears: [...(ticket.calendarRemappedYears ?? []), year],
  }
  for (const move of moves) changed[move.field] = move.to
  changed.calendarMissing = stillMissing(changed, next, year)
  if (moves.length === 0) {
    return { ticket: { ...changed, version: ticket.version + 1, updatedAt: now }, effects: [], moved: false }
  }
  const note = moves.map((move) => `${DUE_NAMES[move.field]}由${dueDay(move.from)}调整为${dueDay(move.to)}`).join('；')
  const entry = {
    at: now,
    event: CALENDAR_EVENT,
    actorId: SYSTEM_ACTOR.id,
    actorName: SYSTEM_ACTOR.name,
    role: SYSTEM_ACTOR.role,
    from: ticket.state,
    to: ticket.state,
    note: `国务院公布${year}年节假日安排，${note}`,
  }
  const next_: Ticket & { calendarRemappedYears: number[] } = {
    ...changed,
    version: ticket.version + 1,
    updatedAt: now,
    timeline: [...ticket.timeline, entry],
  }
  const replyMove = moves.find((move) => move.field === 'replyDueAt')
  const effects: Effect[] = [
    { kind: 'timeline', ticketId: ticket._id, entry },
    // the enterprise's one message about a moved reply due, the same as an escalation's (core/due-moves.ts)
    ...(replyMove
      ? [replyDueMovedNotice(ticket._id, replyDueMove(replyMove.from, replyMove.to, `国务院公布${year}年节假日安排`))]
      : []),
    ...deadlineEffects(ticket, next_, rules, next),
  ]
  return { ticket: next_, effects, moved: true }
}
