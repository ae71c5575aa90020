/**
 * The statutory calendar as office data (issue 11): a year the office enters replaces chinese-days' data, the
 * clock counts with it, the entry is validated row by row, and the dues counted Monday–Friday on the missing
 * year are re-mapped once. The 2027 days here are an example (元旦 1–3 January, a made-up 调休 Saturday), not
 * the State Council's notice.
 */
import {
  BUILT_IN_CALENDAR,
  addWorkingDays,
  hasCalendarData,
  isWorkingDay,
  workingCalendar,
  workingDaysBetween,
} from '../../cloudfunctions/core/clock'
import {
  calendarOf,
  calendarYearViews,
  missingYears,
  remapDue,
  remapTicket,
  validateCalendarYear,
} from '../../cloudfunctions/core/calendar'
import { openTicket } from '../../cloudfunctions/core/intake'
import { transition } from '../../cloudfunctions/core/lifecycle'
import type { Ticket } from '../../types/domain'
import { ACTORS, makeEvent, makeIntake, rules, sh } from './factories'

const YEAR_2027 = {
  year: 2027,
  holidays: {
    '2027-01-01': '元旦',
    '2027-01-02': '元旦',
    '2027-01-03': '元旦',
  },
  workdays: { '2027-01-09': '元旦调休上班' },
}
const WITH_2027 = workingCalendar([YEAR_2027])
const END = (date: string) => sh(`${date}T23:59:59.999`)

describe('the clock with 2027 entered', () => {
  it('knows the year, skips its holiday and counts its make-up Saturday', () => {
    expect(hasCalendarData(BUILT_IN_CALENDAR, 2027)).toBe(false)
    expect(hasCalendarData(WITH_2027, 2027)).toBe(true)
    expect(isWorkingDay(BUILT_IN_CALENDAR, '2027-01-01')).toBe(true)
    expect(isWorkingDay(WITH_2027, '2027-01-01')).toBe(false)
    expect(isWorkingDay(WITH_2027, '2027-01-09')).toBe(true)
    // dispatched Thursday 31 December: the first working day is Monday 4 January, not 元旦
    const due = addWorkingDays(WITH_2027, sh('2026-12-31T10:00'), 1)
    expect(due).toEqual({ at: END('2027-01-04'), calendarMissing: false })
    expect(addWorkingDays(BUILT_IN_CALENDAR, sh('2026-12-31T10:00'), 1)).toEqual({
      at: END('2027-01-01'),
      calendarMissing: true,
    })
    // Friday 8 January + 1 working day = the make-up Saturday
    expect(addWorkingDays(WITH_2027, sh('2027-01-08T10:00'), 1).at).toEqual(END('2027-01-09'))
    expect(workingDaysBetween(WITH_2027, sh('2027-01-08T10:00'), sh('2027-01-11T10:00')).days).toBe(2)
  })

  it('lets an office year replace the built-in one entirely, and leaves other calendars alone', () => {
    const office2026 = workingCalendar([{ year: 2026, holidays: { '2026-03-02': '春节' }, workdays: {} }])
    expect(isWorkingDay(office2026, '2026-10-01')).toBe(true) // chinese-days' 国庆 is gone with its year
    expect(isWorkingDay(office2026, '2026-03-02')).toBe(false)
    expect(isWorkingDay(BUILT_IN_CALENDAR, '2026-10-01')).toBe(false)
    expect(isWorkingDay(BUILT_IN_CALENDAR, '2026-03-02')).toBe(true)
  })

  it('names the missing years and shows where each year comes from', () => {
    expect(missingYears(BUILT_IN_CALENDAR, sh('2026-12-04T10:00'))).toEqual([2027])
    expect(missingYears(WITH_2027, sh('2026-12-04T10:00'))).toEqual([])
    const doc = {
      _id: '2027',
      year: 2027,
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      workdays: [],
      notice: '示例通知',
      enteredBy: { openid: 'o-admin', name: '林建国' },
      enteredAt: sh('2026-12-04T10:00'),
      version: 1,
      requestId: 'r1',
    }
    const views = calendarYearViews([doc], calendarOf([doc]))
    expect(views.find((v) => v.year === 2026)).toMatchObject({ source: 'builtIn', version: 0 })
    expect(views.find((v) => v.year === 2026)!.holidays[0]).toEqual({ date: '2026-01-01', name: '元旦' })
    expect(views.find((v) => v.year === 2027)).toMatchObject({ source: 'office', enteredByName: '林建国' })
  })
})

describe('validating a year as entered', () => {
  const valid = {
    year: 2027,
    holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
    workdays: [{ date: '2027-01-09', name: '元旦' }],
  }

  it('expands the ranges into days and names the make-up days', () => {
    const checked = validateCalendarYear(valid)
    expect(checked.errors).toEqual({})
    expect(checked.holidays.map((d) => d.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03'])
    expect(checked.workdays).toEqual([{ date: '2027-01-09', name: '元旦调休上班' }])
  })

  it('puts each problem in plain Chinese next to its row', () => {
    const { errors } = validateCalendarYear({
      year: 2027,
      holidays: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { name: '圣诞节', from: '2027-12-25', to: '2027-12-25' },
        { name: '春节', from: '2028-02-01', to: '2028-02-03' },
        { name: '清明节', from: '2027-04-05', to: '2027-04-03' },
        { name: '劳动节', from: '2027-01-03', to: '2027-01-04' },
      ],
      workdays: [
        { date: '2027-01-02', name: '元旦' },
        { date: '2027-01-06', name: '元旦' },
        { date: '2027-02-20', name: '春节' },
        { date: '2027-02-20', name: '春节' },
      ],
    })
    expect(errors).toEqual({
      'holidays.1': '节日名称应为元旦、春节、清明节、劳动节、端午节、中秋节、国庆节之一',
      'holidays.2': '放假日期应在2027年内',
      'holidays.3': '结束日期不能早于开始日期',
      'holidays.4': '2027-01-03已在第1行放假安排中',
      'workdays.0': '2027-01-02已安排放假，不能同时调休上班',
      'workdays.1': '2027-01-06不是周末，调休上班日应为周六或周日',
      'workdays.3': '2027-02-20与第3行重复',
    })
  })

  it('refuses a date that does not exist and an empty year', () => {
    expect(
      validateCalendarYear({
        year: 2027,
        holidays: [{ name: '春节', from: '2027-02-30', to: '2027-02-30' }],
        workdays: [],
      }).errors,
    ).toEqual({ 'holidays.0': '日期不存在，请检查' })
    expect(validateCalendarYear({ year: 2027, holidays: [], workdays: [] }).errors).toEqual({
      holidays: '请至少录入一项放假安排',
    })
  })
})

describe('re-mapping the dues counted on the missing year', () => {
  /** dispatched Friday 25 December 2026: reply (timed, 5 working days) counted Mon–Fri into 2027 */
  function flaggedTicket(): Ticket {
    let ticket = openTicket(makeIntake(), rules, BUILT_IN_CALENDAR, sh('2026-12-24T09:00'))
    for (const [type, at] of [
      ['accept', sh('2026-12-24T10:00')],
      ['dispatch', sh('2026-12-25T10:00')],
    ] as const) {
      const actor = ACTORS.dispatcher
      const result = transition(ticket, makeEvent(type), actor, rules, BUILT_IN_CALENDAR, at)
      if (!result.ok) throw new Error(result.message)
      ticket = result.ticket
    }
    return ticket
  }

  it('is exact when the count started before the year: the same as counting on the new calendar', () => {
    const ticket = flaggedTicket()
    expect(ticket.calendarMissing).toBe(true)
    expect(ticket.replyDueAt).toEqual(END('2027-01-01'))
    const remapped = remapDue(ticket.replyDueAt!, 2027, BUILT_IN_CALENDAR, WITH_2027)
    expect(remapped).toEqual(addWorkingDays(WITH_2027, sh('2026-12-25T10:00'), 5).at)
    expect(remapped).toEqual(END('2027-01-04'))
    // a due before the year stays
    expect(remapDue(END('2026-12-28'), 2027, BUILT_IN_CALENDAR, WITH_2027)).toEqual(END('2026-12-28'))
  })

  it('moves a ticket once, says so in its timeline, tells the enterprise and moves the reminder', () => {
    const ticket = flaggedTicket()
    const result = remapTicket(ticket, 2027, BUILT_IN_CALENDAR, WITH_2027, rules, sh('2026-12-04T11:00'))!
    expect(result.moved).toBe(true)
    expect(result.ticket.replyDueAt).toEqual(END('2027-01-04'))
    expect(result.ticket.signDueAt).toEqual(ticket.signDueAt)
    expect(result.ticket.calendarMissing).toBe(false)
    expect(result.ticket.calendarRemappedYears).toEqual([2027])
    expect(result.ticket.version).toBe(ticket.version + 1)
    expect(result.ticket.timeline.at(-1)!.note).toBe(
      '国务院公布2027年节假日安排，答复时限由2027年1月1日调整为2027年1月4日',
    )
    expect(result.effects.map((e) => e.kind)).toEqual(['timeline', 'notify', 'deadline'])
    expect(result.effects[1]).toMatchObject({
      template: 'replyDueMoved',
      audience: ['enterprise'],
      message: {
        progress: '答复时限由1月1日调整为1月4日',
        detail: '国务院公布2027年节假日安排',
        text: '国务院公布2027年节假日安排，答复时限由1月1日调整为1月4日',
      },
    })
    // the reminder follows: the morning of the working day before the new due (Thursday 31 December)
    expect(result.effects[2]).toMatchObject({
      due: 'replyDueAt',
      at: END('2027-01-04'),
      remindAt: sh('2026-12-31T00:00'),
    })
    // a second save (or a retry) finds it already re-mapped for 2027
    expect(remapTicket(result.ticket, 2027, BUILT_IN_CALENDAR, WITH_2027, rules, sh('2026-12-04T12:00'))).toBeNull()
  })

  it('keeps the flag while a later year its dues reach is still missing', () => {
    const ticket = { ...flaggedTicket(), replyDueAt: END('2028-01-05') }
    const result = remapTicket(ticket, 2027, BUILT_IN_CALENDAR, WITH_2027, rules, sh('2026-12-04T11:00'))!
    expect(result.ticket.calendarMissing).toBe(true)
    expect(result.ticket.calendarRemappedYears).toEqual([2027])
  })
})
