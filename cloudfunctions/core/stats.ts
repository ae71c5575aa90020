/**
 * Honest statistics (DESIGN.md §4), the way the seed counts them (266 collected, 217 solved → 81.6%):
 *
 * - collected: every ticket not rejected and not withdrawn (an item the office took on); a child ticket (a
 *   commitment made at a reception day or meeting, `parentId`) is followed but is not another collected item;
 * - solved: closed with outcome `solved`, or solved on the spot (track onsite) as soon as that is recorded;
 * - 解决率 = solved / collected;
 * - 按时办结率 = replied no later than the ORIGINAL reply due / replied with a reply due (an onsite answer has
 *   none, so it is neither on time nor late). A due that had passed when an escalation, reassignment or
 *   extension moved it stays the due the reply is measured against (core/lateness.ts): moving a missed
 *   deadline never turns a late reply into an on-time one;
 * - 满意率 = (满意 + 基本满意) / rated (未评价 does not count either way).
 *
 * A rate with nothing to divide by is null, never 0% or 100%.
 *
 * A commitment (承诺事项: a child ticket made at a reception day or coordination meeting, `parentId` set) is
 * NOT a collected problem, and is never counted solved on its own. The seed counts the problems enterprises
 * raised (266, of which 217 solved); a commitment is a promise about one of them, made by the city, not a new
 * problem. Counting it would inflate both figures with the city's own work items, and one problem settled by
 * three promises would count four times. Its parent counts once, as solved when the parent is closed as
 * solved — that is, when its commitments were kept. Commitments are followed on the session page instead:
 * promised, done and late per enterprise.
 */
import type { Ticket } from '../../types/domain'
import { STATS_DIMENSIONS, formatRate, type StatsDimension, type TicketStats } from '../../types/stats'
import { shanghaiMonthOf } from './clock'

export { STATS_DIMENSIONS, formatRate, type StatsDimension, type TicketStats }

/** What statistics read of a ticket. */
export type StatsTicket = Pick<
  Ticket,
  | 'state'
  | 'outcome'
  | 'track'
  | 'reply'
  | 'replyDueAt'
  | 'missedDues'
  | 'rating'
  | 'category'
  | 'units'
  | 'enterpriseDistrict'
  | 'channel'
  | 'createdAt'
> & {
  /** a commitment of a reception day or meeting (child ticket): followed, never another collected item */
  parentId?: string | null
}

/** The group a ticket falls in, per dimension. A ticket counts for its lead unit; the month is Shanghai's. */
const GROUP_KEYS: { readonly [D in StatsDimension]: (ticket: StatsTicket) => string } = {
  category: (ticket) => ticket.category,
  unit: (ticket) => ticket.units[0],
  district: (ticket) => ticket.enterpriseDistrict,
  track: (ticket) => ticket.track,
  channel: (ticket) => ticket.channel,
  month: (ticket) => shanghaiMonthOf(ticket.createdAt),
}

export function isCollected(ticket: StatsTicket): boolean {
  return !ticket.parentId && ticket.state !== 'rejected' && ticket.state !== 'withdrawn'
}

export function isSolved(ticket: StatsTicket): boolean {
  if (ticket.parentId) return false
  if (ticket.track === 'onsite') return ticket.state === 'replied' || ticket.state === 'closed'
  return ticket.state === 'closed' && ticket.outcome === 'solved'
}

/** The reply due a reply is measured against: the earliest one that was missed and moved, else the current one. */
function originalReplyDue(ticket: StatsTicket): Date | null {
  let due = ticket.replyDueAt
  for (const missed of ticket.missedDues ?? []) {
    if (missed.kind === 'reply' && (due === null || missed.dueAt.getTime() < due.getTime())) due = missed.dueAt
  }
  return due
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}

/** The figures of a set of tickets. */
export function summarize(tickets: Iterable<StatsTicket>): TicketStats {
  let collected = 0
  let solved = 0
  let replied = 0
  let repliedOnTime = 0
  let rated = 0
  let satisfied = 0
  for (const ticket of tickets) {
    if (!isCollected(ticket)) continue
    collected += 1
    if (isSolved(ticket)) solved += 1
    const replyDue = originalReplyDue(ticket)
    if (ticket.reply !== null && replyDue !== null) {
      replied += 1
      if (ticket.reply.at.getTime() <= replyDue.getTime()) repliedOnTime += 1
    }
    if (ticket.rating !== null) {
      rated += 1
      if (ticket.rating !== 'dissatisfied') satisfied += 1
    }
  }
  return {
    collected,
    solved,
    solveRate: ratio(solved, collected),
    replied,
    repliedOnTime,
    onTimeRate: ratio(repliedOnTime, replied),
    rated,
    satisfied,
    satisfactionRate: ratio(satisfied, rated),
  }
}

// District names are Chinese: order them by pinyin (临桂区 before 七星区), as a Chinese reader expects.
const groupOrder = new Intl.Collator('zh-CN')

/** The figures per group of one dimension, groups in key order (pinyin for Chinese keys). */
export function statsBy(
  tickets: readonly StatsTicket[],
  dimension: StatsDimension,
): { key: string; stats: TicketStats }[] {
  const groups = new Map<string, StatsTicket[]>()
  const keyOf = GROUP_KEYS[dimension]
  for (const ticket of tickets) {
    const key = keyOf(ticket)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [ticket])
    else group.push(ticket)
  }
  return [...groups.entries()]
    .sort(([a], [b]) => groupOrder.compare(a, b))
    .map(([key, group]) => ({ key, stats: summarize(group) }))
}
