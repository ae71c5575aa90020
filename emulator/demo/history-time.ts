/**
 * Days and moments of the demo history, on top of the core's working-day clock (cloudfunctions/core/clock.ts)
 * so the history and the lifecycle count days the same way. Days are Shanghai `YYYY-MM-DD` strings.
 */
import { isWorkingDay, shanghaiDateOf, startOfShanghaiDay, BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'

export { isWorkingDay, shanghaiDateOf }

const DAY_MS = 86_400_000

/** An instant on a Shanghai day; minutes past 59 carry into the hour. */
export function atShanghai(day: string, hour: number, minute = 0): Date {
  return new Date(startOfShanghaiDay(day).getTime() + (hour * 60 + minute) * 60_000)
}

export function addCalendarDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

export function calendarDaysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS)
}

/**
 * The Nth working day after `day` (n > 0), before it (n < 0), or for n = 0 `day` itself when it is a
 * working day and else the next one.
 */
export function shiftWorkingDays(day: string, n: number): string {
  let current = day
  if (n === 0) {
    while (!isWorkingDay(BUILT_IN_CALENDAR, current)) current = addCalendarDays(current, 1)
    return current
  }
  const step = n > 0 ? 1 : -1
  for (let left = Math.abs(n); left > 0;) {
    current = addCalendarDays(current, step)
    if (isWorkingDay(BUILT_IN_CALENDAR, current)) left--
  }
  return current
}

/** The hour (0–23) of an instant in Shanghai (UTC+8 all year). */
export function shanghaiHourOf(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCHours()
}

/** `YYYYMMDD`, the day part of a ticket number and the `counters` id. */
export function compactDay(day: string): string {
  return day.replace(/-/g, '')
}
