/**
 * The statutory working-day calendar the office maintains (issue 11): one document per year in the
 * `calendar` collection, entered by the admin from the State Council's notice (国务院办公厅关于…部分节假日安排的
 * 通知, published each November). A year entered here replaces chinese-days' bundled data for that year.
 */
import * as z from 'zod/mini'

/** The 放假 names a notice uses, in its order. */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const
export type HolidayName = (typeof HOLIDAY_NAMES)[number]

/** One day of a year's calendar: 'YYYY-MM-DD' and its name (春节, or 春节调休上班 for a make-up workday). */
export interface CalendarDay {
  date: string
  name: string
}

/** A document of the `calendar` collection (_id = the year, e.g. '2027'). */
export interface CalendarYearDoc {
  _id: string
  year: number
  /** 放假 days, one per date */
  holidays: CalendarDay[]
  /** 调休上班 days (weekends that are working days), one per date */
  workdays: CalendarDay[]
  /** the notice it came from, e.g. 国办发明电〔2026〕7号 */
  notice: string
  enteredBy: { openid: string; name: string }
  enteredAt: Date
  /** 1 on the first save, +1 on each save after */
  version: number
  /** the retry key of the save that wrote this version */
  requestId: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

const dateField = z.string({ error: '请填写日期' }).check(z.regex(DATE, '日期格式应为 年-月-日，如 2027-01-01'))

/** A 放假 row as the admin enters it: a holiday name and its first and last day. */
export const holidayRangeSchema = z.object({
  name: z.string({ error: '请选择节日' }).check(z.maxLength(20, '节日名称过长')),
  from: dateField,
  to: dateField,
})
export type HolidayRange = z.infer<typeof holidayRangeSchema>

/** A 调休上班 row: one weekend day that is a working day, and the holiday it makes up for. */
export const makeUpDaySchema = z.object({
  date: dateField,
  name: z.string({ error: '请选择所调休的节日' }).check(z.maxLength(20, '节日名称过长')),
})
export type MakeUpDay = z.infer<typeof makeUpDaySchema>

export const calendarYearInputSchema = z.object({
  year: z
    .number({ error: '请选择年份' })
    .check(z.int('年份应为整数'), z.gte(2000, '年份不正确'), z.lte(2100, '年份不正确')),
  holidays: z.array(holidayRangeSchema).check(z.maxLength(30, '放假安排过多')),
  workdays: z.array(makeUpDaySchema).check(z.maxLength(30, '调休上班日过多')),
  notice: z.optional(z.string().check(z.maxLength(60, '通知文号过长'))),
})
export type CalendarYearInput = z.infer<typeof calendarYearInputSchema>

export const calendarSaveSchema = z.object({
  ...calendarYearInputSchema.shape,
  /** the version the admin saw; 0 for a year not entered yet. A different one answers CONFLICT. */
  version: z.number({ error: '缺少版本号，请刷新后重试' }).check(z.int(), z.gte(0)),
})
export type CalendarSaveInput = z.infer<typeof calendarSaveSchema>

export interface CalendarYearView {
  year: number
  /** builtIn: chinese-days' data shipped with the functions; office: entered by the admin */
  source: 'builtIn' | 'office'
  holidays: CalendarDay[]
  workdays: CalendarDay[]
  notice: string | null
  enteredByName: string | null
  enteredAt: Date | null
  /** 0 for a built-in year (never saved) */
  version: number
}

export interface CalendarOverview {
  years: CalendarYearView[]
  /** this year and the next, when the calendar has no data for them */
  missingYears: number[]
}

/** Which due of a ticket moves, in names. */
export const DUE_NAMES = {
  acceptDueAt: '受理时限',
  signDueAt: '签收时限',
  sendBackDueAt: '退回时限',
  replyDueAt: '答复时限',
  meetingDueAt: '协调会时限',
  ratingDueAt: '评价时限',
} as const
export type MovableDue = keyof typeof DUE_NAMES

export interface CalendarDueMove {
  ticketId: string
  no: string
  enterpriseName: string
  /** 答复时限 … */
  dueName: string
  from: Date
  to: Date
}

export interface CalendarPreview {
  /** row key ('holidays.0', 'workdays.1', 'year', 'notice') → the problem, in Chinese */
  errors: Record<string, string>
  /** open tickets whose running dues move */
  ticketCount: number
  /** the first moves, in names (at most 50) */
  moves: CalendarDueMove[]
}

export interface CalendarSaveResult {
  year: CalendarYearView
  /** tickets whose dues were recomputed on this save (or by its retry) */
  movedTickets: number
}
