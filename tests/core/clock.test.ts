/**
 * The working-day clock: Shanghai days, China's statutory calendar with make-up days, the year without data,
 * pauses and the overdue measure. Every instant is injected.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import statutoryCalendar from 'chinese-days/dist/chinese-days.json'
import {
  addWorkingDays,
  endOfShanghaiDay,
  extendForPause,
  formatShanghaiInstant,
  hasCalendarData,
  isCalendarMissing,
  isWorkingDay,
  reminderTimeFor,
  shanghaiDateOf,
  startOfShanghaiDay,
  workingDaysBetween,
  workingDaysOverdue,
} from '../../cloudfunctions/core/clock'
import { sh } from './factories'

const END = 'T23:59:59.999'

describe('the calendar it relies on', () => {
  it('chinese-days really has Saturday 2026-10-10 as a National Day make-up working day', () => {
    const workdays: Record<string, string> = statutoryCalendar.workdays
    expect(workdays['2026-10-10']).toContain('国庆节')
    expect(new Date('2026-10-10T12:00:00Z').getUTCDay()).toBe(6)
    expect(isWorkingDay(BUILT_IN_CALENDAR, '2026-10-10')).toBe(true)
  })

  it.each([
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'last day of the National Day holiday'],
    ['2026-10-08', true, 'first working day after it'],
    ['2026-10-10', true, 'make-up Saturday'],
    ['2026-10-11', false, 'an ordinary Sunday'],
    ['2026-09-20', true, 'make-up Sunday before National Day'],
    ['2026-02-14', true, 'Spring Festival make-up Saturday'],
    ['2026-02-16', false, 'Spring Festival (a Monday)'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(BUILT_IN_CALENDAR, date)).toBe(working)
  })

  it.each([
    [2004, true],
    [2026, true],
    [2003, false],
    [2027, false],
  ])('has data for %i: %s (chinese-days covers 2004–2026)', (year, known) => {
    expect(hasCalendarData(BUILT_IN_CALENDAR, year)).toBe(known)
  })

  it('without data falls back to Monday–Friday: 2027-01-01 (a Friday, surely a holiday) counts as working', () => {
    expect(isWorkingDay(BUILT_IN_CALENDAR, '2027-01-01')).toBe(true)
    expect(isWorkingDay(BUILT_IN_CALENDAR, '2027-01-02')).toBe(false)
    expect(isCalendarMissing(BUILT_IN_CALENDAR, '2027-01-01')).toBe(true)
    expect(isCalendarMissing(BUILT_IN_CALENDAR, '2026-12-31')).toBe(false)
  })
})

describe('Shanghai days', () => {
  it.each([
    ['2026-09-30T15:59:59.999Z', '2026-09-30'],
    ['2026-09-30T16:00:00.000Z', '2026-10-01'],
    ['2026-09-30T17:00:00.000Z', '2026-10-01'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('%s falls on %s in Shanghai', (instant, date) => {
    expect(shanghaiDateOf(new Date(instant))).toBe(date)
  })

  it('starts and ends a Shanghai day at +08:00 and formats with the offset', () => {
    expect(startOfShanghaiDay('2026-10-08').toISOString()).toBe('2026-10-07T16:00:00.000Z')
    expect(endOfShanghaiDay('2026-10-08').toISOString()).toBe('2026-10-08T15:59:59.999Z')
    expect(formatShanghaiInstant(endOfShanghaiDay('2026-10-08'))).toBe('2026-10-08T23:59:59.999+08:00')
  })

  it('hands out copies: changing a returned Date does not change the next answer', () => {
    endOfShanghaiDay('2026-10-09').setTime(0)
    expect(endOfShanghaiDay('2026-10-09').toISOString()).toBe('2026-10-09T15:59:59.999Z')
  })
})

describe('N working days after T', () => {
  it.each([
    ['the required example: accept 1 over National Day', '2026-09-30T10:00:00', 1, '2026-10-08'],
    ['the required example: reply 5 counts the make-up Saturday', '2026-09-30T10:00:00', 5, '2026-10-13'],
    ['Friday + 1 is the make-up Saturday', '2026-10-09T10:00:00', 1, '2026-10-10'],
    ['Friday + 1 is the make-up Sunday before the holiday', '2026-09-18T10:00:00', 1, '2026-09-20'],
    ['over the Spring Festival: Friday + 1 is the make-up Saturday', '2026-02-13T10:00:00', 1, '2026-02-14'],
    ['over the Spring Festival: Friday + 2 is after the holiday', '2026-02-13T10:00:00', 2, '2026-02-24'],
    ['T late at night: its own day still not counted', '2026-10-08T23:59:59.999', 1, '2026-10-09'],
    ['T at midnight is already the next day', '2026-10-09T00:00:00', 1, '2026-10-10'],
    ['coordination 20', '2026-09-30T12:00:00', 20, '2026-11-03'],
  ])('%s: %s + %i → end of %s', (_why, from, days, dueDate) => {
    const due = addWorkingDays(BUILT_IN_CALENDAR, sh(from), days)
    expect(due.at).toEqual(sh(`${dueDate}${END}`))
    expect(due.calendarMissing).toBe(false)
  })

  it('reads T as a Shanghai date: 2026-09-29T16:30Z is already Wednesday 30 Sep there', () => {
    // In UTC it is still the 29th, whose next working day would be the 30th.
    expect(addWorkingDays(BUILT_IN_CALENDAR, new Date('2026-09-29T16:30:00Z'), 1).at).toEqual(sh(`2026-10-08${END}`))
    expect(addWorkingDays(BUILT_IN_CALENDAR, new Date('2026-09-29T15:59:59.999Z'), 1).at).toEqual(
      sh(`2026-09-30${END}`),
    )
  })

  it('0 working days is T itself (a zero pause or extension changes nothing)', () => {
    const t = sh('2026-10-09T10:11:12.345')
    expect(addWorkingDays(BUILT_IN_CALENDAR, t, 0)).toEqual({ at: t, calendarMissing: false })
  })

  it('rejects a negative or fractional number of days', () => {
    expect(() => addWorkingDays(BUILT_IN_CALENDAR, sh('2026-10-09T10:00:00'), -1)).toThrow(RangeError)
    expect(() => addWorkingDays(BUILT_IN_CALENDAR, sh('2026-10-09T10:00:00'), 1.5)).toThrow(RangeError)
  })

  it.each([
    ['into the year without data', '2026-12-31T10:00:00', 1, '2027-01-01', true],
    ['inside the year without data', '2027-06-18T10:00:00', 1, '2027-06-21', true],
    ['before 2004', '2003-05-30T10:00:00', 1, '2003-06-02', true],
    ['staying in 2026', '2026-12-30T10:00:00', 1, '2026-12-31', false],
  ])('%s: does not crash, counts Mon–Fri and says calendarMissing', (_why, from, days, dueDate, missing) => {
    expect(addWorkingDays(BUILT_IN_CALENDAR, sh(from), days)).toEqual({
      at: sh(`${dueDate}${END}`),
      calendarMissing: missing,
    })
  })
})

describe('counting working days between two instants', () => {
  it.each(['2026-09-30T10:00:00', '2026-10-10T08:00:00', '2026-02-12T18:00:00', '2026-12-20T09:00:00'])(
    'is the inverse of addWorkingDays from %s',
    (from) => {
      for (let n = 1; n <= 25; n += 1) {
        expect(
          workingDaysBetween(BUILT_IN_CALENDAR, sh(from), addWorkingDays(BUILT_IN_CALENDAR, sh(from), n).at).days,
        ).toBe(n)
      }
    },
  )

  it('is 0 on the same day or backwards', () => {
    expect(workingDaysBetween(BUILT_IN_CALENDAR, sh('2026-10-12T09:00:00'), sh('2026-10-12T18:00:00')).days).toBe(0)
    expect(workingDaysBetween(BUILT_IN_CALENDAR, sh('2026-10-12T09:00:00'), sh('2026-10-09T18:00:00')).days).toBe(0)
  })
})

describe('how many working days a due is overdue', () => {
  const due = sh(`2026-10-13${END}`)
  it.each([
    ['1 ms before the limit', 0, new Date(due.getTime() - 1)],
    ['at the limit', 0, due],
    ['1 ms after the limit (the next working day has begun)', 1, new Date(due.getTime() + 1)],
    ['the Saturday after (a weekend adds nothing)', 3, sh('2026-10-17T12:00:00')],
    ['the next Monday', 4, sh('2026-10-19T09:00:00')],
    ['the next Tuesday (≥ 5: escalation)', 5, sh('2026-10-20T09:00:00')],
  ])('%s → %i', (_why, days, now) => {
    expect(workingDaysOverdue(BUILT_IN_CALENDAR, due, now)).toEqual({ days, calendarMissing: false })
  })
})

describe('pausing the clock while waiting for the enterprise', () => {
  it.each([
    [
      'paused and resumed on the same day: nothing lost',
      '2026-10-12T10:00:00',
      '2026-10-12T16:00:00',
      '2026-10-20',
      0,
      '2026-10-20',
    ],
    ['Friday to Monday: the Monday only', '2026-10-16T10:00:00', '2026-10-19T10:00:00', '2026-10-20', 1, '2026-10-21'],
    [
      'Friday to the make-up Saturday: that Saturday counts',
      '2026-10-09T10:00:00',
      '2026-10-10T10:00:00',
      '2026-10-13',
      1,
      '2026-10-14',
    ],
    ['across the National Day holiday', '2026-09-30T12:00:00', '2026-10-08T12:00:00', '2026-10-13', 1, '2026-10-14'],
    ['resumed after the old due', '2026-10-12T10:00:00', '2026-10-15T10:00:00', '2026-10-13', 3, '2026-10-16'],
  ])('%s', (_why, pausedAt, resumedAt, dueDate, days, extendedDate) => {
    const extended = extendForPause(BUILT_IN_CALENDAR, sh(`${dueDate}${END}`), sh(pausedAt), sh(resumedAt))
    expect(extended.pausedWorkingDays).toBe(days)
    expect(extended.at).toEqual(sh(`${extendedDate}${END}`))
  })

  it('a pause from the very start gives the due a clock started at the resumption would give', () => {
    const dispatchedAt = sh('2026-09-30T12:00:00')
    const resumedAt = sh('2026-10-12T09:00:00')
    const due = addWorkingDays(BUILT_IN_CALENDAR, dispatchedAt, 5).at
    expect(extendForPause(BUILT_IN_CALENDAR, due, dispatchedAt, resumedAt).at).toEqual(
      addWorkingDays(BUILT_IN_CALENDAR, resumedAt, 5).at,
    )
  })
})

describe('when to remind', () => {
  it.each([
    ['a Tuesday due: Monday morning', '2026-10-13', 1, '2026-10-12'],
    ['a Monday due: the make-up Saturday before', '2026-10-12', 1, '2026-10-10'],
    ['the first day after the holiday: the day before the holiday', '2026-10-08', 1, '2026-09-30'],
    ['0 days before: the morning of the due day', '2026-10-13', 0, '2026-10-13'],
  ])('%s', (_why, dueDate, before, remindDate) => {
    expect(reminderTimeFor(BUILT_IN_CALENDAR, sh(`${dueDate}${END}`), before).at).toEqual(
      startOfShanghaiDay(remindDate),
    )
  })
})
