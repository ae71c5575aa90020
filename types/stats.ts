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
