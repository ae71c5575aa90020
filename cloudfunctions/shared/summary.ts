/**
 * The city summary by database aggregation: ONE `aggregate()` over the period's tickets gives the overall
 * figures and every breakdown (category, lead unit, district, track, channel, task force, outcome, month).
 * With the caller's record and the units' names, stats.summary is 3 round trips over any number of tickets.
 *
 * Why aggregation and not counters kept in step with transitions (both measured, scripts/bench-stats.ts,
 * 100,000 tickets in the local cloud): the aggregation answers in one round trip in a few seconds locally
 * (the cloud database runs the same pipeline next to its data); counters would read faster, but
 *   - "overdue now" is made by the clock, not by an event: no transition can keep it counted;
 *   - any period (custom dates) needs counters per day × dimension × key (a year ≈ 36,000 documents, more
 *     than 1000 per get(), so more round trips), and a ticket's month is its creation's while its figures
 *     move for months after;
 *   - the cloud database has single-document transactions only (DESIGN.md §6): a counter update cannot be
 *     atomic with the ticket's transition, so counters drift after any failed write, and every transition
 *     would pay one more write.
 * The aggregation reads the tickets themselves, so the summary and its drill-down lists (ticket.search
 * with the same filters and `figure`) count the very same documents, through the same figure definitions
 * (shared/ticketQuery.ts figureExpr / figureWhere).
 *
 * Pipeline: $match the period on createdAt (index by_created) → $project each ticket to 0/1 per figure and
 * one tag per dimension → $unwind the tags → $group by (dimension, key) summing the figures. The groups are
 * few (the sum of the dimensions' sizes, ~100 for a city), so one $limit of 5000 is ample.
 */
import { STATS_FIGURES, type StatsFigure } from '../../types/search'
import type { BreakdownDimension, SummaryFigures } from '../../types/stats'
import { COLLECTIONS } from './collections'
import { _, db } from './cloud'
import { figureExpr } from './ticketQuery'

/** The dimension tag of every ticket, plus 'all' for the overall figures. */
const TAGS: { readonly [D in BreakdownDimension | 'all']: unknown } = {
  all: '',
  category: '$category',
  // a ticket counts for its lead unit (the first of its units)
  unit: { $ifNull: [{ $arrayElemAt: ['$units', 0] }, ''] },
  district: '$enterpriseDistrict',
  track: '$track',
  channel: '$channel',
  taskForce: { $ifNull: ['$taskForce', ''] },
  outcome: { $ifNull: ['$outcome', ''] },
  // the month is Shanghai's (UTC+8 all year)
  month: { $dateToString: { format: '%Y-%m', date: '$createdAt', timezone: '+08:00' } },
}

/** At most this many (dimension, key) groups: a city has ~100. */
const MAX_GROUPS = 5000

export interface RawGroup {
  dimension: BreakdownDimension | 'all'
  key: string
  counts: Record<StatsFigure, number>
}

/** The counts of every figure per (dimension, key) for the tickets created in [from, to): one round trip. */
export async function aggregateFigures(from: Date, to: Date, now: Date): Promise<RawGroup[]> {
  const flags: Record<string, unknown> = {}
  const sums: Record<string, unknown> = {}
  for (const figure of STATS_FIGURES) {
    flags[figure] = { $cond: [figureExpr(figure, now), 1, 0] }
    sums[figure] = { $sum: `$${figure}` }
  }
  const tags = Object.entries(TAGS).map(([d, k]) => ({ d, k }))
  const res = (await db
    .collection(COLLECTIONS.tickets)
    .aggregate()
    .match({ createdAt: _.gte(from).and(_.lt(to)) })
    .project({ _id: 0, ...flags, tags })
    .unwind('$tags')
    .group({ _id: { d: '$tags.d', k: '$tags.k' }, ...sums })
    .limit(MAX_GROUPS)
    .end()) as { list: Array<{ _id: { d: string; k: string | null } } & Record<StatsFigure, number>> }
  return res.list.map(({ _id, ...counts }) => ({
    dimension: _id.d as RawGroup['dimension'],
    key: _id.k ?? '',
    counts: counts as Record<StatsFigure, number>,
  }))
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}

/** The counts as the honest figures with their rates (DESIGN.md §4). */
export function figuresOf(counts: Partial<Record<StatsFigure, number>>): SummaryFigures {
  const n = (figure: StatsFigure) => counts[figure] ?? 0
  return {
    collected: n('collected'),
    solved: n('solved'),
    solveRate: ratio(n('solved'), n('collected')),
    replied: n('replied'),
    repliedOnTime: n('repliedOnTime'),
    repliedLate: n('repliedLate'),
    onTimeRate: ratio(n('repliedOnTime'), n('replied')),
    rated: n('rated'),
    satisfied: n('satisfied'),
    satisfactionRate: ratio(n('satisfied'), n('rated')),
    open: n('open'),
    overdueNow: n('overdueNow'),
  }
}
