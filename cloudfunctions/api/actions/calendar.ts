/**
 * The statutory calendar as office data (issue 11): the admin enters next year's 放假 and 调休 days from the
 * State Council's notice, previews which running dues move, and saves; the save re-maps the dues that were
 * counted Monday–Friday on the missing year (core/calendar.ts). The office (dispatcher) may read.
 */
import type { ActionDef } from '../router'
import {
  calendarSaveSchema,
  calendarYearInputSchema,
  type CalendarSaveInput,
  type CalendarYearDoc,
  type CalendarYearInput,
} from '../../../types/calendar'
import * as z from 'zod/mini'
import { db, readDoc } from '../../shared/cloud'
import { COLLECTIONS } from '../../shared/collections'
import { AppError } from '../../shared/errors'
import {
  calendarFromDocs,
  forgetWorkingCalendar,
  loadCalendarDocs,
  previewMoves,
  remapFlaggedTickets,
} from '../../shared/calendar'
import { calendarOf, calendarWithout, calendarYearViews, missingYears, validateCalendarYear } from '../../core/calendar'
import { defaultRulesDocument } from '../../core/rules'
import { shanghaiDateOf } from '../../core/clock'

/** the preview lists at most this many moves (the count covers all) */
const PREVIEW_ROWS = 50

type TransactionDb = Pick<typeof db, 'collection'>

function thisYear(now: Date): number {
  return Number(shanghaiDateOf(now).slice(0, 4))
}

/** The year as a document would hold it, for the calendar the preview counts with. */
function proposed(input: CalendarYearInput, days: ReturnType<typeof validateCalendarYear>) {
  return { year: input.year, holidays: days.holidays, workdays: days.workdays }
}

export const get: ActionDef<'calendar.get'> = {
  payload: z.object({}),
  async handle({ now }) {
    const docs = await loadCalendarDocs()
    const calendar = calendarFromDocs(docs)
    // the years the office works with: last year onwards (chinese-days knows back to 2004)
    const from = thisYear(now) - 1
    return {
      years: calendarYearViews(docs, calendar).filter((view) => view.year >= from),
      missingYears: missingYears(calendar, now),
    }
  },
}

export const preview: ActionDef<'calendar.preview'> = {
  payload: calendarYearInputSchema,
  async handle(_ctx, payload) {
    const input = payload as CalendarYearInput
    const checked = validateCalendarYear(input)
    if (Object.keys(checked.errors).length > 0) return { errors: checked.errors, ticketCount: 0, moves: [] }
    const docs = await loadCalendarDocs()
    const old = calendarWithout(docs, input.year)
    const next = calendarOf([...docs.filter((doc) => doc.year !== input.year), proposed(input, checked)])
    return { errors: {}, ...(await previewMoves(input.year, old, next, PREVIEW_ROWS)) }
  },
}

export const save: ActionDef<'calendar.save'> = {
  idempotent: true,
  payload: calendarSaveSchema,
  async handle(ctx, payload) {
    const input = payload as CalendarSaveInput
    const { now, requestId, openid, user } = ctx
    const checked = validateCalendarYear(input)
    if (Object.keys(checked.errors).length > 0) {
      const first = Object.values(checked.errors)[0]
      throw new AppError('INVALID_INPUT', `节假日安排有误：${first}`, checked.errors)
    }
    const id = String(input.year)
    // 1. the year, with optimistic concurrency on its version; a retry of the same save writes nothing
    const written = await db.runTransaction(async (tx: TransactionDb) => {
      const ref = tx.collection(COLLECTIONS.calendar).doc(id)
      const current = await readDoc<CalendarYearDoc>(ref)
      if (current?.requestId === requestId) return true
      if ((current?.version ?? 0) !== input.version) return false
      const doc: Omit<CalendarYearDoc, '_id'> = {
        year: input.year,
        holidays: checked.holidays,
        workdays: checked.workdays,
        notice: input.notice?.trim() ?? '',
        enteredBy: { openid, name: user.name },
        enteredAt: now,
        version: (current?.version ?? 0) + 1,
        requestId,
      }
      await ref.set({ data: doc })
      return true
    })
    if (!written) throw new AppError('CONFLICT', `${input.year}年的节假日安排刚刚被他人保存，请刷新后再改`)
    forgetWorkingCalendar()
    // 2. the dues counted Monday–Friday on the missing year, ticket by ticket (a retry finishes them)
    const docs = await loadCalendarDocs()
    const next = calendarFromDocs(docs)
    const movedTickets = await remapFlaggedTickets(
      input.year,
      calendarWithout(docs, input.year),
      next,
      defaultRulesDocument(),
      now,
    )
    const view = calendarYearViews(docs, next).find((year) => year.year === input.year)!
    return { year: view, movedTickets }
  },
}
