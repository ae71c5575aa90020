/**
 * Reachability (issue 10 item 4) through the api in the local cloud, against hand-counted consents: who WeChat
 * can reach now, what reached 消息 only, and the office's 提醒续订 (once a day, in 消息).
 */
import { openTestCloud } from '../support/localCloud'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { smsDay } from '../../cloudfunctions/core/reminders'
import { configureTemplateIds } from '../scheduler/support'
import { PEOPLE, failure, ok, seedWorld } from '../directory/world'

let env: ReturnType<typeof openTestCloud>
let restoreEnv: () => void

function missed(id: string, to: string, status: string) {
  return { _id: id, recipientOpenId: to, status, template: 'ticketDispatched', createdAt: new Date(), readAt: null }
}

beforeAll(() => {
  restoreEnv = configureTemplateIds()
  env = openTestCloud()
  seedWorld(env)
  env.cloud.store.insertMany(COLLECTIONS.consents, [
    // a handler (group unitInbox: newAssignment, dueSoon, overdue): 2 + 0 + 0 left
    { _id: PEOPLE.handlerA, newAssignment: { oneTime: 2, longTerm: false }, dueSoon: { oneTime: 0, longTerm: false } },
    // a leader with a long-term subscription to 升级提醒 (leaderHome: escalated, progress, leaderDigest)
    { _id: PEOPLE.leaderA, escalated: { oneTime: 0, longTerm: true } },
    // the unit head used everything up
    { _id: PEOPLE.headA, progress: { oneTime: 0, longTerm: false }, overdue: { oneTime: 0, longTerm: false } },
  ])
  env.cloud.store.insertMany(COLLECTIONS.outbox, [
    missed('m-1', PEOPLE.headA, 'skippedNoConsent'),
    missed('m-2', PEOPLE.headA, 'inAppOnly'),
    missed('m-3', PEOPLE.headA, 'sent'),
    missed('m-4', PEOPLE.handlerA, 'failed'),
    // WeChat missed it, an SMS reached the unit head instead
    { ...missed('m-5', PEOPLE.headA, 'skippedNoConsent'), sms: { status: 'sent', day: smsDay(new Date()) } },
  ])
  env.cloud.store.insertMany(COLLECTIONS.smsQuota, [
    { _id: smsDay(new Date()), total: 1, people: { [PEOPLE.headA]: 1 } },
  ])
})
afterAll(() => {
  env.close()
  restoreEnv()
})

async function person(openid: string) {
  const page = ok(await env.call(PEOPLE.dispatcher, 'reach.list', {}))
  return page.items.find((item) => item.openid === openid)!
}

it('counts each person’s consents left per template of their role, and the messages that reached 消息 only', async () => {
  const handler = await person(PEOPLE.handlerA)
  expect(handler.templates.map((t) => [t.templateKey, t.remaining])).toEqual([
    ['newAssignment', 2],
    ['dueSoon', 0],
    ['overdue', 0],
  ])
  expect(handler).toMatchObject({ reachable: true, inAppOnly: 1, roles: ['handler'] })

  const leader = await person(PEOPLE.leaderA)
  expect(leader.templates.map((t) => [t.templateKey, t.remaining])).toEqual([
    ['escalated', 'unlimited'],
    ['progress', 0],
    ['leaderDigest', 0],
  ])
  expect(leader.reachable).toBe(true)

  const head = await person(PEOPLE.headA)
  expect(head).toMatchObject({ reachable: false, inAppOnly: 2, bySms: 1, smsToday: 1 })
  expect(handler).toMatchObject({ bySms: 0, smsToday: 0 })
})

it('lists only the unreachable when asked', async () => {
  const page = ok(await env.call(PEOPLE.dispatcher, 'reach.list', { onlyUnreachable: true }))
  const ids = page.items.map((item) => item.openid)
  expect(ids).toContain(PEOPLE.headA)
  expect(ids).not.toContain(PEOPLE.handlerA)
  expect(ids).not.toContain(PEOPLE.leaderA)
})

it('is unreachable whatever the counts when no template id is set', async () => {
  restoreEnv()
  restoreEnv = configureTemplateIds([])
  expect((await person(PEOPLE.handlerA)).reachable).toBe(false)
  restoreEnv()
  restoreEnv = configureTemplateIds()
})

it('asks a person to renew in 消息, once a day, and only the office may', async () => {
  expect(ok(await env.call(PEOPLE.dispatcher, 'reach.remind', { openid: PEOPLE.headA }))).toEqual({ requested: true })
  expect(ok(await env.call(PEOPLE.admin, 'reach.remind', { openid: PEOPLE.headA }))).toEqual({ requested: false })
  const messages = ok(await env.call(PEOPLE.headA, 'notifications.list', {}))
  const renewal = messages.items.find((m) => m.template === 'subscriptionRenewal')!
  expect(renewal).toMatchObject({ title: '请续订微信消息提醒', link: '/pages/index/index', delivery: 'inAppOnly' })
  expect(failure(await env.call(PEOPLE.handlerA, 'reach.remind', { openid: PEOPLE.headA })).code).toBe('FORBIDDEN')
  expect(failure(await env.call(PEOPLE.dispatcher, 'reach.remind', { openid: 'o-nobody' })).code).toBe('NOT_FOUND')
})
