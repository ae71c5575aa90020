/**
 * Honest summaries for leaders and the office (DESIGN.md §4): the seed's 收集 / 解决 / 解决率 and the
 * on-time and satisfaction rates, overall and by one dimension, over a period.
 */
import * as z from 'zod/mini'
import type { ActionDef } from '../router'
import { STATS_DIMENSIONS, statsBy, summarize } from '../../core/stats'
import { AppError } from '../../shared/errors'
import { readTicketsForStats } from '../../shared/tickets'

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

export const summary: ActionDef<'stats.summary'> = {
  payload: summarySchema,
  async handle({ now }, { dimension = 'category', from, to }) {
    const start = instant(from, new Date(0), '开始时间')
    const end = instant(to, now, '结束时间')
    if (start.getTime() >= end.getTime()) throw new AppError('INVALID_INPUT', '开始时间须早于结束时间')
    const tickets = await readTicketsForStats(start, end)
    return { from: start, to: end, dimension, overall: summarize(tickets), groups: statsBy(tickets, dimension) }
  },
}
