/** The honest statistics' vocabulary, shared by the core (cloudfunctions/core/stats.ts) and the app. */

export interface TicketStats {
  collected: number
  solved: number
  /** 解决率 */
  solveRate: number | null
  /** replied tickets that had a reply due */
  replied: number
  repliedOnTime: number
  /** 按时办结率 */
  onTimeRate: number | null
  rated: number
  /** 满意 + 基本满意 */
  satisfied: number
  /** 满意率 */
  satisfactionRate: number | null
}

export const STATS_DIMENSIONS = ['category', 'unit', 'district', 'track', 'channel', 'month'] as const
export const STATS_DIMENSION_LABELS: Record<(typeof STATS_DIMENSIONS)[number], string> = {
  category: '类别',
  unit: '牵头单位',
  district: '县(市、区)',
  track: '办理方式',
  channel: '渠道',
  month: '月份',
}
export type StatsDimension = (typeof STATS_DIMENSIONS)[number]

/** 81.6% — one decimal, as the seed reports it; '—' when there is nothing to divide by. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

// — the city summary (stats.summary): figures, breakdowns, trend, ranking; every figure opens its tickets —

/** What the summary breaks the figures down by; each group opens its tickets with `filters`. */
export const BREAKDOWN_DIMENSIONS = [
  'category',
  'unit',
  'district',
  'track',
  'channel',
  'taskForce',
  'outcome',
  'month',
] as const
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number]
export const BREAKDOWN_LABELS: Record<BreakdownDimension, string> = {
  category: '类别',
  unit: '牵头单位',
  district: '县(市、区)',
  track: '办理方式',
  channel: '渠道',
  taskForce: '专班',
  outcome: '办理结果',
  month: '月份',
}

/** The honest figures plus what is still open now and what is overdue now. */
export interface SummaryFigures extends TicketStats {
  repliedLate: number
  /** 未办结: not closed yet (answered tickets still wait for their rating) */
  open: number
  /** open and past any due now (受理, 签收, 答复, 协调会, 评价) */
  overdueNow: number
}

/** A bar of a breakdown: its name (never a code) and the filters that list its tickets (ticket.search). */
export interface SummaryGroup<F = Record<string, unknown>> {
  key: string
  label: string
  stats: SummaryFigures
  filters: F
}

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]
export const PERIOD_LABELS: Record<PeriodKind, string> = { month: '月', quarter: '季度', year: '年', custom: '自定义' }

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000 // China keeps UTC+8 all year (no daylight saving)

/** Midnight in Shanghai of a calendar day (month 1-based; overflow rolls over, as Date.UTC does). */
export function shanghaiMidnight(year: number, month: number, day = 1): Date {
  return new Date(Date.UTC(year, month - 1, day) - SHANGHAI_OFFSET_MS)
}

/** [from, to) of a Shanghai month, quarter (index 1–4) or year. */
export function periodRange(kind: Exclude<PeriodKind, 'custom'>, year: number, index = 1): { from: Date; to: Date } {
  if (kind === 'year') return { from: shanghaiMidnight(year, 1), to: shanghaiMidnight(year + 1, 1) }
  const months = kind === 'quarter' ? 3 : 1
  const first = (index - 1) * months + 1
  return { from: shanghaiMidnight(year, first), to: shanghaiMidnight(year, first + months) }
}
