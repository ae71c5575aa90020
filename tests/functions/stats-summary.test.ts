/**
 * The city summary by aggregation: hand-computed figures on a small set of tickets (every outcome,
 * reopened, withdrawn, rejected, a child ticket), equal to the old page-by-page result on the demo year,
 * ≤ 3 round trips, and every figure and bar opens exactly the tickets it counts.
 */
import { openTestCloud } from '../support/localCloud'
import { makeUnit } from '../support/factories'
import { fire, sh, ticketIn } from '../core/factories'
import { seedDemoData } from '../../emulator/project'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { STATS_DIMENSIONS, statsBy, summarize, type StatsTicket } from '../../cloudfunctions/core/stats'
import type { ActionResult } from '../../types/actions'
import type { Ticket } from '../../types/domain'
import { STATS_FIGURES, type StatsFigure, type TicketFilters } from '../../types/search'

type Env = ReturnType<typeof openTestCloud>
type Summary = ActionResult<'stats.summary'>

function ok<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.data
}

async function drillDownTotal(env: Env, openid: string, filters: TicketFilters, figure: StatsFigure) {
  return ok(await env.call(openid, 'ticket.search', { filters: { ...filters, figure }, limit: 1 })).total
}

/** A ticket of the fixture set: its own id and number, created 30 Sep 2026 (tests/core/factories.ts). */
function named(id: string, ticket: Ticket): Ticket {
  return { ...ticket, _id: id, no: `HQ20260930-${id.padStart(4, '0')}` }
}

describe('hand-computed figures', () => {
  let env: Env
  beforeAll(() => {
    env = openTestCloud()
    env.cloud.store.insertMany(COLLECTIONS.units, [makeUnit({ code: 'hrss', name: '市人力资源和社会保障局' })])
    env.cloud.store.insertMany(COLLECTIONS.users, [
      { _id: 'o-dispatcher', name: '市重点办', grants: [{ role: 'dispatcher' }], createdAt: new Date() },
    ])
    const signed = ticketIn('signed')
    const tickets: Ticket[] = [
      // A: closed as solved, 满意, answered on time
      named('1', ticketIn('closed', { events: { rate: { rating: 'satisfied' } } })),
      // B: closed as explained (not solved), 基本满意, on time
      named(
        '2',
        ticketIn('closed', { events: { reply: { outcome: 'explained' }, rate: { rating: 'basicallySatisfied' } } }),
      ),
      // C: answered late as 暂无法解决, 不满意
      named(
        '3',
        fire(
          fire(signed, 'reply', sh('2026-11-20T10:00:00'), { outcome: 'unfeasible' }),
          'rate',
          sh('2026-11-21T10:00:00'),
          { rating: 'dissatisfied' },
        ),
      ),
      // D: answered on time as 已列入计划, never rated: open, and overdue now on its rating
      named('4', ticketIn('replied', { events: { reply: { outcome: 'planned' } } })),
      // E: reopened after 不满意: open again, unsigned past its sign due, no reply, no rating any more
      named('5', fire(ticketIn('closed'), 'reopen', sh('2026-10-09T16:00:00'))),
      // F, G: withdrawn and rejected are not collected
      named('6', ticketIn('withdrawn')),
      named('7', ticketIn('rejected')),
      // H: a commitment (child ticket) of A, solved: followed, but not another collected item
      { ...named('8', ticketIn('closed', { events: { rate: { rating: 'satisfied' } } })), parentId: '1' },
      // I: never accepted: open, overdue on its acceptance
      named('9', ticketIn('submitted')),
    ]
    env.cloud.store.insertMany(COLLECTIONS.tickets, tickets)
  })
  afterAll(() => env.close())

  it('counts what DESIGN.md §4 counts, by hand', async () => {
    const summary = ok(await env.call('o-dispatcher', 'stats.summary', {}))
    expect(summary.figures).toEqual({
      collected: 6, // A B C D E I
      solved: 1, // A (B explained, C unfeasible, D planned, E reopened)
      solveRate: 1 / 6,
      replied: 4, // A B C D
      repliedOnTime: 3, // A B D
      repliedLate: 1, // C
      onTimeRate: 3 / 4,
      rated: 3, // A B C
      satisfied: 2, // A B
      satisfactionRate: 2 / 3,
      open: 3, // D E I
      overdueNow: 3, // D (rating), E (sign), I (acceptance)
    })
    expect(summary.breakdowns.outcome.map((g) => [g.label, g.stats.collected])).toEqual(
      expect.arrayContaining([
        ['已解决', 1],
        ['已解释说明', 1],
        ['暂无法解决', 1],
        ['已列入计划', 1],
      ]),
    )
    expect(summary.breakdowns.unit.map((g) => g.label)).toEqual(['市人力资源和社会保障局'])
  })

  it('opens every figure as the list of exactly its tickets', async () => {
    const summary = ok(await env.call('o-dispatcher', 'stats.summary', {}))
    for (const figure of STATS_FIGURES) {
      expect([figure, await drillDownTotal(env, 'o-dispatcher', summary.filters, figure)]).toEqual([
        figure,
        summary.figures[figure],
      ])
    }
  })
})

describe('the demo year', () => {
  let env: Env
  let summary: Summary
  const to = '2021-12-31T16:00:00.000Z'
  beforeAll(async () => {
    env = openTestCloud()
    seedDemoData(env.cloud)
    summary = ok(await env.call('demo-leader-mayor', 'stats.summary', { to }))
  })
  afterAll(() => env.close())

  it('answers in at most 3 round trips, the caller’s record included', async () => {
    const { result, dbRoundTrips } = await env.callWithStats('demo-leader-mayor', 'stats.summary', { to })
    expect(result.ok).toBe(true)
    expect(dbRoundTrips).toBeLessThanOrEqual(3)
  })

  it('equals the old page-by-page result, overall and in every dimension', async () => {
    const tickets = env.cloud.store.find(COLLECTIONS.tickets, { createdAt: { $lt: new Date(to) } }) as StatsTicket[]
    const oracle = summarize(tickets)
    expect(summary.overall).toMatchObject(oracle)
    expect(summary.figures).toMatchObject({ collected: 266, solved: 217 })
    for (const dimension of STATS_DIMENSIONS) {
      const res = ok(await env.call('demo-leader-mayor', 'stats.summary', { dimension, to }))
      const expected = statsBy(tickets, dimension)
      expect(res.groups.map((g) => [g.key, g.stats.collected, g.stats.solved, g.stats.repliedOnTime])).toEqual(
        expected.map((g) => [g.key, g.stats.collected, g.stats.solved, g.stats.repliedOnTime]),
      )
    }
  })

  it('shows names, never codes, in every breakdown', () => {
    for (const groups of Object.values(summary.breakdowns)) {
      for (const group of groups) expect(group.label).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  it('opens every figure and every bar as lists that sum to it', async () => {
    for (const figure of STATS_FIGURES) {
      expect([figure, await drillDownTotal(env, 'demo-leader-mayor', summary.filters, figure)]).toEqual([
        figure,
        summary.figures[figure],
      ])
    }
    for (const [dimension, groups] of Object.entries(summary.breakdowns)) {
      for (const figure of ['collected', 'solved', 'repliedOnTime'] as const) {
        let sum = 0
        for (const group of groups) {
          const total = await drillDownTotal(env, 'demo-leader-mayor', group.filters, figure)
          expect([dimension, group.key, figure, total]).toEqual([dimension, group.key, figure, group.stats[figure]])
          sum += total
        }
        // the bars of a breakdown cover the whole (outcome: the answered tickets only)
        if (dimension !== 'outcome')
          expect([dimension, figure, sum]).toEqual([dimension, figure, summary.figures[figure]])
      }
    }
  })

  it('ranks the lead units by on-time rate, best first', () => {
    const rates = summary.ranking.map((g) => g.stats.onTimeRate ?? -1)
    expect(rates).toEqual([...rates].sort((a, b) => b - a))
    expect(summary.ranking).toHaveLength(summary.breakdowns.unit.length)
  })
})
