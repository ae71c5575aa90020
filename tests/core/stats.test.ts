/**
 * Honest statistics (DESIGN.md §4), starting from the seed's own figures: 266 collected, 217 solved, 81.6%.
 */
import { formatRate, isSolved, statsBy, summarize, type StatsTicket } from '../../cloudfunctions/core/stats'
import { sh } from './factories'

const DUE = sh('2026-10-13T23:59:59.999')

function makeStatsTicket(overrides: Partial<StatsTicket> = {}): StatsTicket {
  return {
    state: 'closed',
    outcome: 'solved',
    track: 'timed',
    reply: { text: '已解决', attachments: [], at: sh('2026-10-12T10:00:00'), by: 'u-handler' },
    replyDueAt: DUE,
    rating: 'satisfied',
    category: 'labor',
    units: ['hrss'],
    enterpriseDistrict: '七星区',
    channel: 'app',
    createdAt: sh('2026-09-30T10:00:00'),
    ...overrides,
  }
}

const times = (count: number, overrides: Partial<StatsTicket>) =>
  Array.from({ length: count }, () => makeStatsTicket(overrides))

describe("the seed's figures", () => {
  it('266 collected, 217 solved: 解决率 81.6%; rejected and withdrawn items are not collected', () => {
    const tickets = [
      ...times(200, {}),
      ...times(12, { track: 'onsite', state: 'closed', replyDueAt: null, channel: 'reception' }),
      ...times(5, { track: 'onsite', state: 'replied', replyDueAt: null, rating: null, channel: 'visit' }),
      ...times(20, { outcome: 'explained' }),
      ...times(10, { outcome: 'planned', rating: 'basicallySatisfied' }),
      ...times(4, { outcome: 'unfeasible', rating: 'dissatisfied' }),
      ...times(15, { state: 'signed', outcome: null, reply: null, rating: null }),
      ...times(10, { state: 'rejected', outcome: null, reply: null, rating: null }),
      ...times(4, { state: 'withdrawn', outcome: null, reply: null, rating: null }),
    ]
    const stats = summarize(tickets)
    expect(stats).toMatchObject({ collected: 266, solved: 217 })
    expect(stats.solveRate).toBeCloseTo(217 / 266, 10)
    expect(formatRate(stats.solveRate)).toBe('81.6%')
  })
})

describe('solved', () => {
  it.each<[string, Partial<StatsTicket>, boolean]>([
    ['closed with outcome solved', {}, true],
    ['closed, solved, though rated 不满意 (the definition counts the outcome)', { rating: 'dissatisfied' }, true],
    ['closed as explained', { outcome: 'explained' }, false],
    ['replied solved but not yet closed', { state: 'replied' }, false],
    ['solved on the spot, waiting for the rating', { track: 'onsite', state: 'replied' }, true],
    ['solved on the spot and closed', { track: 'onsite' }, true],
    ['still being handled', { state: 'signed', outcome: null, reply: null }, false],
  ])('%s → %s', (_why, overrides, solved) => {
    expect(isSolved(makeStatsTicket(overrides))).toBe(solved)
  })
})

describe('按时办结率: replied no later than the reply due / replied with a due', () => {
  it.each<[string, number, number]>([
    ['1 ms before the due', -1, 1],
    ['at the due', 0, 1],
    ['1 ms after the due', 1, 0],
  ])('%s → on time %i of 1', (_why, offset, onTime) => {
    const reply = { text: '答复', attachments: [], at: new Date(DUE.getTime() + offset), by: 'u' }
    expect(summarize([makeStatsTicket({ reply })])).toMatchObject({ replied: 1, repliedOnTime: onTime })
  })

  it('an onsite answer has no due: neither on time nor late; nothing replied → no rate', () => {
    expect(summarize([makeStatsTicket({ track: 'onsite', replyDueAt: null })])).toMatchObject({
      replied: 0,
      onTimeRate: null,
    })
  })
})

describe('满意率: (满意 + 基本满意) / rated', () => {
  it('leaves 未评价 out of both sides', () => {
    const stats = summarize([
      makeStatsTicket({ rating: 'satisfied' }),
      makeStatsTicket({ rating: 'basicallySatisfied' }),
      makeStatsTicket({ rating: 'dissatisfied' }),
      makeStatsTicket({ rating: null }),
    ])
    expect(stats).toMatchObject({ rated: 3, satisfied: 2 })
    expect(formatRate(stats.satisfactionRate)).toBe('66.7%')
  })

  it('is null, shown as —, when nothing was rated (never 0% or 100%)', () => {
    const stats = summarize([makeStatsTicket({ rating: null })])
    expect(stats.satisfactionRate).toBeNull()
    expect(formatRate(stats.satisfactionRate)).toBe('—')
    expect(summarize([]).solveRate).toBeNull()
  })
})

describe('groups', () => {
  const tickets = [
    makeStatsTicket({ category: 'labor', units: ['hrss'], enterpriseDistrict: '七星区', channel: 'app' }),
    makeStatsTicket({
      category: 'land',
      units: ['natural-resources', 'hrss'],
      enterpriseDistrict: '临桂区',
      channel: 'hotline',
      outcome: 'planned',
    }),
    makeStatsTicket({
      category: 'labor',
      units: ['hrss'],
      enterpriseDistrict: '临桂区',
      track: 'coordination',
      createdAt: new Date('2026-09-30T17:00:00Z'),
    }),
  ]

  it.each<[Parameters<typeof statsBy>[1], [string, number, number][]]>([
    [
      'category',
      [
        ['labor', 2, 2],
        ['land', 1, 0],
      ],
    ],
    [
      'unit',
      [
        ['hrss', 2, 2],
        ['natural-resources', 1, 0],
      ],
    ], // the lead unit answers for the ticket
    [
      'district',
      [
        ['临桂区', 2, 1],
        ['七星区', 1, 1],
      ],
    ],
    [
      'track',
      [
        ['coordination', 1, 1],
        ['timed', 2, 1],
      ],
    ],
    [
      'channel',
      [
        ['app', 2, 2],
        ['hotline', 1, 0],
      ],
    ],
    [
      'month',
      [
        ['2026-09', 2, 1],
        ['2026-10', 1, 1],
      ],
    ], // 2026-09-30T17:00Z is October in Shanghai
  ])('by %s', (dimension, expected) => {
    const groups = statsBy(tickets, dimension).map(({ key, stats }) => [key, stats.collected, stats.solved])
    expect(groups).toEqual(expected)
  })
})
