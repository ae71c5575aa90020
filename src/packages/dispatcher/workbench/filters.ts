/**
 * The workbench's filter form as data, and the search payload it stands for (types/search.ts): the same
 * filters the list, its tab counts and its export use, so they always agree.
 */
import type { Category, Channel, TicketState, Track } from '../../../../types/domain'
import type { DueKind, TicketFilters, TicketSearchPayload, TicketSort } from '../../../../types/search'
import { GUILIN_DIVISION_CODES } from '../../../../types/credit-code'

/** The office's queues; 全部 with the state filter reaches every other list. */
export const WORKBENCH_TABS = ['new', 'accepted', 'overdue', 'all'] as const
export type WorkbenchTab = (typeof WORKBENCH_TABS)[number]
export const WORKBENCH_TAB_LABELS: Record<WorkbenchTab, string> = {
  new: '待受理',
  accepted: '待派单',
  overdue: '已超期',
  all: '全部',
}
const TAB_FILTERS: Record<WorkbenchTab, TicketFilters> = {
  new: { states: ['submitted'] },
  accepted: { states: ['accepted'] },
  overdue: { overdue: 'any' },
  all: {},
}

export const PERIODS = ['all', 'month', 'quarter', 'year'] as const
export type Period = (typeof PERIODS)[number]
export const PERIOD_LABELS: Record<Period, string> = { all: '不限', month: '本月', quarter: '本季度', year: '本年' }

/** Guilin's districts and counties, as stored on tickets (GB/T 2260 names). */
export const DISTRICTS: string[] = Object.entries(GUILIN_DIVISION_CODES)
  .filter(([code]) => code !== '450300')
  .map(([, name]) => name)

/** What the form holds: '' = any. */
export interface FilterForm {
  keyword: string
  state: TicketState | ''
  category: Category | ''
  unitCode: string
  district: string
  track: Track | ''
  channel: Channel | ''
  overdue: DueKind | 'any' | ''
  period: Period
  sort: TicketSort
}

export const EMPTY_FORM: FilterForm = {
  keyword: '',
  state: '',
  category: '',
  unitCode: '',
  district: '',
  track: '',
  channel: '',
  overdue: '',
  period: 'all',
  sort: 'oldest',
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** Start of the Beijing month / quarter / year that `now` is in, as an ISO instant. */
export function periodStart(period: Exclude<Period, 'all'>, now: Date): string {
  const bj = new Date(now.getTime() + SHANGHAI_OFFSET_MS)
  const year = bj.getUTCFullYear()
  const month = period === 'year' ? 0 : period === 'quarter' ? Math.floor(bj.getUTCMonth() / 3) * 3 : bj.getUTCMonth()
  return new Date(Date.UTC(year, month, 1) - SHANGHAI_OFFSET_MS).toISOString()
}

/** The filters of a tab with the form's choices; a tab's own state or lateness wins over the form's. */
export function filtersOf(tab: WorkbenchTab, form: FilterForm, now: Date): TicketFilters {
  const filters: TicketFilters = {}
  const keyword = form.keyword.trim()
  if (keyword) filters.keyword = keyword
  if (form.state) filters.states = [form.state]
  if (form.category) filters.categories = [form.category]
  if (form.unitCode) filters.unitCode = form.unitCode
  if (form.district) filters.district = form.district
  if (form.track) filters.tracks = [form.track]
  if (form.channel) filters.channels = [form.channel]
  if (form.overdue) filters.overdue = form.overdue
  if (form.period !== 'all') filters.from = periodStart(form.period, now)
  const own = TAB_FILTERS[tab]
  // 已超期 with a chosen due narrows it to that due; other tabs fix their states
  if (own.overdue && filters.overdue) return { ...filters }
  return { ...filters, ...own }
}

export function payloadOf(
  tab: WorkbenchTab,
  form: FilterForm,
  now: Date,
  page: { cursor?: string; limit?: number } = {},
): TicketSearchPayload {
  return {
    filters: filtersOf(tab, form, now),
    sort: form.sort,
    ...(page.cursor ? { cursor: page.cursor } : {}),
    limit: page.limit ?? 50,
  }
}

/** Does the tab fix the state (so the form's state choice is not offered there)? */
export const tabFixesState = (tab: WorkbenchTab) => TAB_FILTERS[tab].states !== undefined
