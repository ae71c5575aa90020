/**
 * The leaders' weekly digest (issue 10 item 2): once per leader per week, whatever the timer does — runs
 * every 10 minutes all week, two runs overlapping — sent through the outbox as the leaderSummary template
 * and also in 消息, with the figures of the week before.
 */
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { previousWeek } from '../../cloudfunctions/core/reminders'
import { openTestCloud } from '../support/localCloud'
import { makeUser } from '../support/factories'
import { ticketIn } from '../core/factories'
import {
  configureTemplateIds,
  outbox,
  quietLogs,
  seedConsents,
  seedDirectory,
  sentMessages,
  setClock,
  sh,
  USERS,
  type TestCloud,
} from './support'
import type { Ticket } from '../../types/domain'

const SECOND_LEADER = 'o-leader-2'
let env: TestCloud
let restoreEnv: () => void

function ticketAt(id: string, createdAt: Date, overrides: Partial<Ticket> = {}): Ticket {
  return {
    ...ticketIn('signed'),
    _id: id,
    no: `HQ-${id}`,
    createdAt,
    replyDueAt: sh('2099-01-01T09:00:00'),
    ...overrides,
  }
}

beforeEach(() => {
  quietLogs()
  restoreEnv = configureTemplateIds()
  env = openTestCloud()
  seedDirectory(env)
  env.cloud.store.insertMany(COLLECTIONS.users, [
    makeUser(SECOND_LEADER, [{ role: 'leader', leaderId: 'L-2', enterpriseIds: ['ent-lq'] }], { name: '副市长' }),
  ])
  seedConsents(env, [USERS.leader, SECOND_LEADER], 5)
  env.cloud.store.insertMany(COLLECTIONS.tickets, [
    // the week of Mon 23 – Sun 29 Nov 2026: two new (one for ent-lq), one closed
    ticketAt('W-1', sh('2026-11-23T10:00:00'), { enterpriseId: 'ent-lq' }),
    ticketAt('W-2', sh('2026-11-29T23:00:00'), { enterpriseId: 'ent-other' }),
    ticketAt('W-3', sh('2026-11-02T10:00:00'), { state: 'closed', closedAt: sh('2026-11-25T10:00:00') }),
    // outside the week
    ticketAt('W-4', sh('2026-11-30T00:00:00')),
    ticketAt('W-5', sh('2026-11-22T23:59:00'), { track: 'reception' }),
  ])
})
afterEach(() => {
  env.close()
  restoreEnv()
  jest.useRealTimers()
  jest.restoreAllMocks()
})

const digests = () => outbox(env).filter((r) => r.template === 'leaderSummary')
const digestSends = () => sentMessages(env).filter((m) => m.template === 'leaderDigest' && m.errCode === 0)

it('takes the week before, Monday to Sunday in Beijing', () => {
  const week = previousWeek(sh('2026-12-01T09:00:00'))
  expect(week.id).toBe('2026-11-23')
  expect(week.label).toBe('11月23日—11月29日')
  expect(week.from).toEqual(sh('2026-11-23T00:00:00'))
  expect(week.to).toEqual(sh('2026-11-30T00:00:00'))
  expect(previousWeek(sh('2026-11-30T00:00:00')).id).toBe('2026-11-23')
  expect(previousWeek(sh('2026-11-29T23:59:59')).id).toBe('2026-11-16')
})

it('sends each leader one digest a week, under overlapping runs and runs all week, also in 消息', async () => {
  setClock(sh('2026-11-30T08:40:00')) // Monday, within the send window
  await Promise.all([env.runScheduler(), env.runScheduler()])
  await env.runScheduler()
  setClock(sh('2026-12-02T15:00:00'))
  await Promise.all([env.runScheduler(), env.runScheduler()])

  expect(
    digests()
      .map((r) => r.recipientOpenId)
      .sort(),
  ).toEqual([USERS.leader, SECOND_LEADER].sort())
  expect(digests().every((r) => r.status === 'sent')).toBe(true)
  const sends = digestSends()
  expect(sends.map((m) => m.to).sort()).toEqual([USERS.leader, SECOND_LEADER].sort())

  const mine = sends.find((m) => m.to === SECOND_LEADER)!
  expect(mine.data).toEqual({
    thing1: '11月23日—11月29日',
    thing2: '新增诉求2件，办结1件',
    thing3: '接待日1件 升级0件 超期0件',
    thing4: '联系企业新增诉求1件',
    time5: '2026年11月30日 08:40',
  })
  expect(sends.find((m) => m.to === USERS.leader)!.data.thing4).toBe('联系企业新增诉求0件')

  const list = await env.call(SECOND_LEADER, 'notifications.list', {})
  if (!list.ok) throw new Error(list.error.message)
  const message = list.data.items.find((item) => item.template === 'leaderSummary')!
  expect(message.title).toBe('诉求办理汇总')
  expect(message.link).toBe('/packages/leader/pages/items/index')
  expect(message.deliveryLabel).toBe('已推送到微信')
})

it('sends next week’s digest next week', async () => {
  setClock(sh('2026-11-30T09:00:00'))
  await env.runScheduler()
  setClock(sh('2026-12-07T09:00:00'))
  await env.runScheduler()
  expect(digests()).toHaveLength(4)
  expect(new Set(digests().map((r) => r._id)).size).toBe(4)
  expect(digestSends().map((m) => m.data.thing1)).toEqual(
    expect.arrayContaining(['11月23日—11月29日', '11月30日—12月6日']),
  )
})

it('keeps the digest in 消息 only when its template id is not set', async () => {
  restoreEnv()
  restoreEnv = configureTemplateIds(['newTicket'])
  setClock(sh('2026-11-30T09:00:00'))
  await env.runScheduler()
  expect(digests().map((r) => r.status)).toEqual(['inAppOnly', 'inAppOnly'])
  expect(digestSends()).toHaveLength(0)
})
