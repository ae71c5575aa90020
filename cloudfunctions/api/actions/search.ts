/**
 * `ticket.search`: one ticket search for the office's lists, the workbench, the statistics' drill-down and
 * the Excel export (types/search.ts). The query comes from shared/ticketQuery.ts, the only place filters
 * become a database query.
 *
 * Who sees what (ACCESS_POLICY): the office everything; a leader reads city-wide, because every figure of
 * the city summary opens its tickets (and ticket.get lets a leader open any ticket such a list shows); a
 * unit's handlers and head the tickets dispatched to their unit.
 *
 * Round trips: the caller's record, the count, the page, the units' names — 4, whatever the page's depth
 * (cursor paging on the sort key, never a growing skip).
 */
import { TICKET_SUMMARY_FIELDS } from '../../shared/tickets'
import * as z from 'zod/mini'
import type { ActionContext, ActionDef } from '../router'
import type { Ticket } from '../../../types/domain'
import { CATEGORIES, CHANNELS, OUTCOMES, TICKET_STATES, TRACKS } from '../../../types/domain'
import { DUE_KINDS, STATS_FIGURES, TICKET_SORTS, type TicketRow, type TicketSearchPage } from '../../../types/search'
import type { TicketFilters, TicketSearchPayload } from '../../../types/search'
import { currentDueOf, latenessOf, sentBackOf } from '../../core/lateness'
import type { ClockReading, WorkingCalendar } from '../../core/clock'
import { loadWorkingCalendar } from '../../shared/calendar'
import { scopeOf } from '../../shared/access'
import { COLLECTIONS } from '../../shared/collections'
import { db, readMany } from '../../shared/cloud'
import { unitNamesOf } from '../../shared/enterprises'
import { AppError } from '../../shared/errors'
import {
  SORTS,
  afterCursor,
  conditionsOf,
  encodeCursor,
  whereOf,
  type SortSpec,
  type TicketListScope,
} from '../../shared/ticketQuery'

const PAYLOAD_MESSAGE = '请求内容格式不正确'
const text = (max: number, message: string) => z.string({ error: message }).check(z.maxLength(max, message))
const list = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.optional(z.array(z.enum(values, { error: message })).check(z.maxLength(values.length, message)))

export const ticketFiltersSchema = z.object(
  {
    keyword: z.optional(text(50, '关键词不能超过50个字')),
    states: list(TICKET_STATES, '状态不正确'),
    categories: list(CATEGORIES, '类别不正确'),
    unitCode: z.optional(text(64, '单位不正确')),
    leadUnitCode: z.optional(text(64, '单位不正确')),
    district: z.optional(text(32, '县(市、区)不正确')),
    tracks: list(TRACKS, '办理方式不正确'),
    channels: list(CHANNELS, '渠道不正确'),
    taskForce: z.optional(text(64, '专班不正确')),
    outcome: z.optional(z.enum(OUTCOMES, { error: '办理结果不正确' })),
    enterpriseId: z.optional(text(64, '企业不正确')),
    from: z.optional(text(40, '开始时间不正确')),
    to: z.optional(text(40, '结束时间不正确')),
    overdue: z.optional(z.enum([...DUE_KINDS, 'any'], { error: '超期类型不正确' })),
    figure: z.optional(z.enum(STATS_FIGURES, { error: '统计口径不正确' })),
  },
  { error: PAYLOAD_MESSAGE },
)

const searchSchema = z.object(
  {
    filters: z.optional(ticketFiltersSchema),
    sort: z.optional(z.enum(TICKET_SORTS, { error: '排序方式不正确' })),
    cursor: z.optional(text(400, '分页位置不正确，请刷新列表')),
    limit: z.optional(z.number({ error: '每页条数不正确' }).check(z.int(), z.gte(1), z.lte(100))),
  },
  { error: PAYLOAD_MESSAGE },
)

/** What a row reads of a ticket: the summary, what lateness and sent-back need; no description. */
const ROW_FIELDS = {
  ...TICKET_SUMMARY_FIELDS,
  enterpriseDistrict: true,
  units: true,
  taskForce: true,
  signDueAt: true,
  meetingDueAt: true,
  ratingDueAt: true,
  sendBackDueAt: true,
  // dues already missed when an event moved them: lateness is a fact (core/lateness.ts)
  missedDues: true,
  reply: true,
  timeline: true,
  calendarMissing: true,
}
type RowTicket = Pick<Ticket, keyof typeof ROW_FIELDS>

/** The caller's list scope, from the policy row (shared/access.ts). */
export function listScopeOf(grant: ActionContext['grant']): TicketListScope {
  const scope = scopeOf('ticket.search', grant.role)
  if (scope === 'everything' || scope === 'cityTickets') return { kind: 'all' }
  if (scope === 'dispatchedToOwnUnit' && grant.unitCode) return { kind: 'dispatchedToUnit', unitCode: grant.unitCode }
  throw new AppError('FORBIDDEN', '您的账号未关联承办单位')
}

/** A page of tickets in the sort's order after `cursor`, with the total of all pages. */
export async function searchTickets(
  { filters = {}, sort = 'newest', cursor, limit = 20 }: TicketSearchPayload,
  scope: TicketListScope,
  { now, calendar }: ClockReading,
): Promise<TicketSearchPage> {
  const order: SortSpec = SORTS[sort]
  const conditions = conditionsOf(filters, scope, sort, now)
  const tickets = () => db.collection(COLLECTIONS.tickets)
  const pageWhere = whereOf(cursor ? [...conditions, afterCursor(order, cursor)] : conditions)
  const [counted, rows] = await Promise.all([
    tickets().where(whereOf(conditions)).count() as Promise<{ total: number }>,
    readMany<RowTicket>(
      tickets()
        .where(pageWhere)
        .orderBy(order.field, order.order)
        .orderBy('_id', order.order)
        .limit(limit + 1)
        .field(ROW_FIELDS),
    ),
  ])
  const page = rows.slice(0, limit)
  const codes = new Set<string>()
  for (const row of page) {
    row.units.forEach((code) => codes.add(code))
    if (row.taskForce) codes.add(row.taskForce)
  }
  const names = await unitNamesOf([...codes])
  const last = page[page.length - 1]
  const lastKey = last?.[order.field]
  return {
    items: page.map((row) => presentRow(row, names, calendar, now)),
    nextCursor: rows.length > limit && last && lastKey ? encodeCursor(lastKey, last._id) : null,
    total: counted.total,
  }
}

function presentRow(row: RowTicket, names: Record<string, string>, calendar: WorkingCalendar, now: Date): TicketRow {
  const lateness = latenessOf(row, calendar, now)
  const sentBack = sentBackOf(row)
  return {
    _id: row._id,
    no: row.no,
    title: row.title,
    category: row.category,
    state: row.state,
    track: row.track,
    urgency: row.urgency,
    enterpriseName: row.enterpriseName,
    channel: row.channel,
    acceptDueAt: row.acceptDueAt,
    replyDueAt: row.replyDueAt,
    createdAt: row.createdAt,
    enterpriseDistrict: row.enterpriseDistrict,
    // names, never codes: a unit missing from the directory shows as 未知单位 rather than its code
    unitNames: row.units.map((code) => names[code] ?? '未知单位'),
    currentDue: currentDueOf(row),
    lateness,
    sentBack: sentBack && {
      reason: sentBack.reason,
      at: sentBack.at,
      unitName: names[sentBack.unitCode] ?? '未知单位',
    },
    ...(row.calendarMissing ? { calendarMissing: true } : {}),
  }
}

export const search: ActionDef<'ticket.search'> = {
  payload: searchSchema,
  async handle({ grant, now }, payload) {
    return searchTickets(payload as TicketSearchPayload & { filters?: TicketFilters }, listScopeOf(grant), {
      now,
      calendar: await loadWorkingCalendar(),
    })
  },
}
