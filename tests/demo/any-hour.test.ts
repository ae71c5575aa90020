/**
 * The demo shows the seed's figures (266 collected, 217 solved, 81.6%) whenever it starts (issue 10 item 6):
 * seeded at 08:25 on the day its history ended, two tickets were still to come and the summary showed
 * 264 / 217 / 82.2%. The history now ends the day before it is seeded, so nothing in it lies in the future.
 */
import { buildDemoDataset, historyStartBefore } from '../../emulator/demo'
import { seedDemoData } from '../../emulator/project'
import { openTestCloud } from '../support/localCloud'
import { summarize } from '../../cloudfunctions/core/stats'
import { formatRate } from '../../types/stats'

/** Times that are promises about the future, not things that happened: dues (a commitment's too), invite expiry, reception days. */
const FORWARD_LOOKING = /DueAt$|^dueAt$|^expiresAt$|^receptionDayAt$|^heldAt$/

/** Every instant in a value that records something having happened, with its path. */
function stamps(value: unknown, path = ''): Array<[string, Date]> {
  if (value instanceof Date) return [[path, value]]
  if (Array.isArray(value)) return value.flatMap((item, i) => stamps(item, `${path}[${i}]`))
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, item]) =>
    FORWARD_LOOKING.test(key) ? [] : stamps(item, path ? `${path}.${key}` : key),
  )
}

const sh = (wallTime: string) => new Date(`${wallTime}+08:00`)

describe.each(['2026-12-04T00:05:00', '2026-12-04T08:25:00', '2026-12-04T23:55:00', '2026-10-08T08:25:00'])(
  'seeded at %s Beijing time',
  (wallTime) => {
    const now = sh(wallTime)
    const demo = buildDemoDataset({ historyStart: historyStartBefore(now) })

    it('holds nothing that happens later than now', () => {
      const future = stamps(demo)
        .filter(([, at]) => at.getTime() > now.getTime())
        .map(([path, at]) => `${path} ${at.toISOString()}`)
      expect(future).toEqual([])
    })

    it('shows 266 / 217 / 81.6% for everything up to now', () => {
      const upToNow = demo.tickets.filter((t) => t.createdAt.getTime() <= now.getTime())
      const stats = summarize(upToNow)
      expect([stats.collected, stats.solved, formatRate(stats.solveRate)]).toEqual([266, 217, '81.6%'])
    })
  },
)

it('gives the mayor 266 / 217 / 81.6% from the local cloud seeded as npm start seeds it, right now', async () => {
  const env = openTestCloud()
  try {
    seedDemoData(env.cloud, { historyStart: historyStartBefore(new Date()) })
    const res = await env.call('demo-leader-mayor', 'stats.summary', {})
    if (!res.ok) throw new Error(res.error.message)
    const { collected, solved, solveRate } = res.data.figures
    expect([collected, solved, formatRate(solveRate)]).toEqual([266, 217, '81.6%'])
  } finally {
    env.close()
  }
})
