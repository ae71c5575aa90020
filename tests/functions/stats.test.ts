/**
 * Honest summaries through the `api` function over the demo year: the seed's own figures come out
 * (266 collected, 217 solved, 81.6%), and only leaders and the office read them.
 */
import { openTestCloud } from '../support/localCloud'
import { seedDemoData } from '../../emulator/project'
import { formatRate } from '../../types/stats'

let env: ReturnType<typeof openTestCloud>
beforeAll(() => {
  env = openTestCloud()
  seedDemoData(env.cloud)
})
afterAll(() => env.close())

it("gives the mayor the seed's figures: 266 collected, 217 solved, 81.6%", async () => {
  const res = await env.call('demo-leader-mayor', 'stats.summary', {
    dimension: 'category',
    to: '2021-12-31T16:00:00.000Z',
  })
  if (!res.ok) throw new Error(res.error.message)
  expect(res.data.overall).toMatchObject({ collected: 266, solved: 217 })
  expect(formatRate(res.data.overall.solveRate)).toBe('81.6%')
  // the groups add up to the whole
  expect(res.data.groups.reduce((n, g) => n + g.stats.collected, 0)).toBe(266)
})

it('counts by channel, with the reception days among them', async () => {
  const res = await env.call('demo-dispatcher', 'stats.summary', {
    dimension: 'channel',
    to: '2021-12-31T16:00:00.000Z',
  })
  if (!res.ok) throw new Error(res.error.message)
  const reception = res.data.groups.find((g) => g.key === 'reception')
  expect(reception?.stats).toMatchObject({ collected: 29, solved: 29 })
})

it('keeps the summary from enterprise contacts and handlers', async () => {
  expect(await env.call('demo-ent-liquan', 'stats.summary', {})).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  })
  expect(await env.call('demo-handler-hrss', 'stats.summary', {})).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  })
})

it('refuses a period that ends before it starts', async () => {
  const res = await env.call('demo-leader-mayor', 'stats.summary', {
    from: '2021-06-01T00:00:00Z',
    to: '2021-01-01T00:00:00Z',
  })
  expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '开始时间须早于结束时间' } })
})
