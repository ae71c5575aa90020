/**
 * One ticket search for the office's lists, the workbench, the statistics' drill-down and the Excel export:
 * the same filters everywhere, so a figure, its list and its spreadsheet always agree.
 * Server: `ticket.search` (cloudfunctions/api/actions/search.ts); the query is built once from these filters.
 */
import type { TicketSummary } from './actions'
import type { Category, Channel, Outcome, TicketState, Track } from './domain'

/** The dues a ticket can be late on, each a field of the ticket (acceptDueAt, signDueAt, replyDueAt, …). */
export const DUE_KINDS = ['accept', 'sign', 'reply', 'meeting', 'rating'] as const
export type DueKind = (typeof DUE_KINDS)[number]
export const DUE_KIND_LABELS: Record<DueKind, string> = {
  accept: '受理',
  sign: '签收',
  reply: '答复',
  meeting: '协调会',
  rating: '评价',
}

/** A due that was missed: still open (the step not done yet) or done late. Lateness is a fact: it stays. */
export interface Lateness {
  kind: DueKind
  /** the due that was missed (the original one, whatever moved it later) */
  dueAt: Date
  /** whole working days past the due: until now while open, until the step was done otherwise */
  workingDaysLate: number
  /** the step is still not done */
  open: boolean
}

/** Which figure of the summary a drill-down opens (types/stats.ts TicketStats), plus open / overdue now. */
export const STATS_FIGURES = [
  'collected',
  'solved',
  'replied',
  'repliedOnTime',
  'repliedLate',
  'rated',
  'satisfied',
  'open',
  'overdueNow',
] as const
export type StatsFigure = (typeof STATS_FIGURES)[number]

/** Every filter is optional; several values in a list mean "any of them". */
export interface TicketFilters {
  /** a ticket number (exact), or words in the enterprise's name, the title or the description */
  keyword?: string
  states?: TicketState[]
  categories?: Category[]
  /** lead or co-unit */
  unitCode?: string
  /** the lead unit only (the statistics' unit breakdown counts a ticket for its lead unit) */
  leadUnitCode?: string
  /** the enterprise's district (as stored on the ticket) */
  district?: string
  tracks?: Track[]
  channels?: Channel[]
  /** a task force's code; '' = tickets with no task force */
  taskForce?: string
  outcome?: Outcome
  enterpriseId?: string
  /** created at or after (ISO instant) */
  from?: string
  /** created before (ISO instant) */
  to?: string
  /** overdue now on this due, or on any */
  overdue?: DueKind | 'any'
  /** the statistics' figure the list stands for (drill-down) */
  figure?: StatsFigure
}

export const TICKET_SORTS = ['newest', 'oldest', 'dueSoonest'] as const
export type TicketSort = (typeof TICKET_SORTS)[number]
export const TICKET_SORT_LABELS: Record<TicketSort, string> = {
  newest: '最新提交',
  oldest: '最早提交',
  dueSoonest: '最先到期',
}

export interface TicketSearchPayload {
  filters?: TicketFilters
  sort?: TicketSort
  /** from the previous page's nextCursor; absent for the first page */
  cursor?: string
  /** rows per page, at most 100 (default 20) */
  limit?: number
}

/** One row of a searched list: what a dense table shows, in names, with every lateness it has. */
export type TicketRow = TicketSummary & {
  enterpriseDistrict: string
  /** the handling units' names, lead first (names, never codes) */
  unitNames: string[]
  /** the due that runs now in the ticket's state, if any */
  currentDue: { kind: DueKind; dueAt: Date } | null
  lateness: Lateness[]
  /** sent back by a unit and waiting to be dispatched again */
  sentBack: { reason: string; at: Date; unitName: string } | null
  /** a due counted Monday–Friday on a year whose statutory holidays are not entered yet (provisional) */
  calendarMissing?: boolean
}

export interface TicketSearchPage {
  items: TicketRow[]
  /** pass back as `cursor` for the next page; null on the last page */
  nextCursor: string | null
  /** how many tickets match the filters (all pages) */
  total: number
}

/** 签收超期 3 个工作日 / 答复逾期已办 1 个工作日: one line per lateness, for list rows. */
export function describeLateness(lateness: Pick<Lateness, 'kind' | 'workingDaysLate' | 'open'>): string {
  const label = DUE_KIND_LABELS[lateness.kind]
  const days = lateness.workingDaysLate > 0 ? ` ${lateness.workingDaysLate} 个工作日` : '（不足1个工作日）'
  return lateness.open ? `${label}超期${days}` : `${label}逾期完成，晚${days}`
}
