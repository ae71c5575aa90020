/**
 * Honest summaries for leaders and the office (DESIGN.md §4): the seed's 收集 / 解决 / 解决率, the on-time
 * and satisfaction rates, open and overdue now; broken down by category, lead unit, district, track,
 * channel, task force, outcome and month; lead units ranked by on-time rate. Every figure and bar carries
 * the filters that list its tickets (ticket.search + `figure`).
 *
 * Round trips: the caller's record, one aggregation (shared/summary.ts says why aggregation, not counters),
 * the units' names — 3, over any number of tickets.
 */
import * as z from 'zod/mini'
import type { ActionDef } from '../router'
import type { StatsSummary } from '../../../types/actions'
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  OUTCOME_LABELS,
  TRACK_LABELS,
  type Category,
  type Channel,
  type Outcome,
  type Track,
} from '../../../types/domain'
import type { TicketFilters } from '../../../types/search'
import {
  BREAKDOWN_DIMENSIONS,
  STATS_DIMENSIONS,
  shanghaiMidnight,
  type BreakdownDimension,
  type SummaryGroup,
} from '../../../types/stats'
import { AppError } from '../../shared/errors'
import { unitNamesOf } from '../../shared/enterprises'
import { aggregateFigures, figuresOf, type RawGroup } from '../../shared/summary'

const summarySchema = z.object(
  {
    dimension: z._default(z.enum(STATS_DIMENSIONS, { error: '统计维度不正确' }), 'category'),
    /** inclusive start and exclusive end, ISO instants; default: everything up to now */
    from: z.optional(z.string()),
    to: z.optional(z.string()),
  },
  { error: '请求内容格式不正确' },
)

function instant(text: string | undefined, fallback: Date, label: string): Date {
  if (text === undefined) return fallback
  const at = new Date(text)
  if (Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', `${label}不是有效的时间`)
  return at
}

type Group = SummaryGroup<TicketFilters>

/** Each breakdown's group as the filters that list its tickets (within the period's filters). */
const GROUP_FILTERS: { readonly [D in BreakdownDimension]: (key: string, period: Period) => TicketFilters } = {
  category: (key) => ({ categories: [key as Category] }),
  unit: (key) => ({ leadUnitCode: key }),
  district: (key) => ({ district: key }),
  track: (key) => ({ tracks: [key as Track] }),
  channel: (key) => ({ channels: [key as Channel] }),
  taskForce: (key) => ({ taskForce: key }),
  outcome: (key) => ({ outcome: key as Outcome }),
  month: (key, period) => {
    const [year, month] = key.split('-').map(Number)
    const from = new Date(Math.max(period.from.getTime(), shanghaiMidnight(year, month).getTime()))
    const to = new Date(Math.min(period.to.getTime(), shanghaiMidnight(year, month + 1).getTime()))
    return { from: from.toISOString(), to: to.toISOString() }
  },
}

interface Period {
  from: Date
  to: Date
}

// District names are Chinese: order them by pinyin (临桂区 before 七星区), as a Chinese reader expects.
const groupOrder = new Intl.Collator('zh-CN')

export const summary: ActionDef<'stats.summary'> = {
  payload: summarySchema,
  async handle({ now }, { dimension = 'category', from, to }): Promise<StatsSummary> {
    const period = { from: instant(from, new Date(0), '开始时间'), to: instant(to, now, '结束时间') }
    if (period.from.getTime() >= period.to.getTime()) throw new AppError('INVALID_INPUT', '开始时间须早于结束时间')
    const raw = await aggregateFigures(period.from, period.to, now)
    const unitCodes = raw.filter((g) => (g.dimension === 'unit' || g.dimension === 'taskForce') && g.key !== '')
    const names = await unitNamesOf([...new Set(unitCodes.map((g) => g.key))])
    const periodFilters: TicketFilters = { from: period.from.toISOString(), to: period.to.toISOString() }

    const labelOf = (group: RawGroup): string => {
      const { dimension: d, key } = group
      if (d === 'category') return CATEGORY_LABELS[key as Category] ?? key
      if (d === 'track') return TRACK_LABELS[key as Track] ?? key
      if (d === 'channel') return CHANNEL_LABELS[key as Channel] ?? key
      if (d === 'outcome') return OUTCOME_LABELS[key as Outcome] ?? key
      if (d === 'unit') return names[key] ?? '未知单位'
      if (d === 'taskForce') return key === '' ? '未涉及专班' : (names[key] ?? '未知专班')
      if (d === 'month') return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`
      return key
    }
    const breakdowns = Object.fromEntries(BREAKDOWN_DIMENSIONS.map((d) => [d, [] as Group[]])) as Record<
      BreakdownDimension,
      Group[]
    >
    let overallCounts: RawGroup['counts'] | undefined
    for (const group of raw) {
      if (group.dimension === 'all') {
        overallCounts = group.counts
        continue
      }
      // an outcome only exists once answered: tickets without one are not a bar of that breakdown
      if (group.dimension === 'outcome' && group.key === '') continue
      breakdowns[group.dimension].push({
        key: group.key,
        label: labelOf(group),
        stats: figuresOf(group.counts),
        filters: { ...periodFilters, ...GROUP_FILTERS[group.dimension](group.key, period) },
      })
    }
    for (const d of BREAKDOWN_DIMENSIONS) {
      breakdowns[d].sort((a, b) =>
        d === 'month'
          ? a.key.localeCompare(b.key)
          : b.stats.collected - a.stats.collected || groupOrder.compare(a.label, b.label),
      )
    }
    const ranking = [...breakdowns.unit].sort(
      (a, b) =>
        (b.stats.onTimeRate ?? -1) - (a.stats.onTimeRate ?? -1) ||
        b.stats.replied - a.stats.replied ||
        groupOrder.compare(a.label, b.label),
    )
    const figures = figuresOf(overallCounts ?? {})
    // the one-dimension view the first version answered, in key order (pinyin for Chinese keys)
    const groups = (breakdowns[dimension] ?? [])
      .map(({ key, stats }) => ({ key, stats }))
      .sort((a, b) => groupOrder.compare(a.key, b.key))
    return {
      from: period.from,
      to: period.to,
      dimension,
      overall: figures,
      groups,
      figures,
      filters: periodFilters,
      breakdowns,
      ranking,
    }
  },
}
