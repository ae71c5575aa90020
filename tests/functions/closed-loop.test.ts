/**
 * The closed loop through the real `api` function (issue 3): 受理 → 派单 → 签收 → 答复 → 评价 → 办结, with the
 * lifecycle table deciding who may do what, optimistic concurrency, and the round-trip budget.
 */
import { openTestCloud } from '../support/localCloud'
import { makeEnterprise, makeSubmission, makeUnit, makeUser } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import type { ActionResult } from '../../types/actions'

const CONTACT = 'openid-lq-contact'
const OTHER_CONTACT = 'openid-hx-contact'
const DISPATCHER = 'openid-dispatcher'
const HRSS = 'openid-hrss-handler'
const EDUCATION = 'openid-education-handler'

type Detail = ActionResult<'ticket.get'>
let env: ReturnType<typeof openTestCloud>

beforeEach(() => {
  env = openTestCloud()
  env.cloud.store.insertMany(COLLECTIONS.enterprises, [
    makeEnterprise({ _id: 'ent-lq' }),
    makeEnterprise({ _id: 'ent-hx', name: '桂林华信制药有限公司' }),
  ])
  env.cloud.store.insertMany(COLLECTIONS.units, [
    makeUnit({ code: 'hrss', name: '市人力资源和社会保障局' }),
    makeUnit({ code: 'education', name: '市教育局' }),
  ])
  env.cloud.store.insertMany(COLLECTIONS.users, [
    makeUser(CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-lq' }], { name: '王经理' }),
    makeUser(OTHER_CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-hx' }]),
    makeUser(DISPATCHER, [{ role: 'dispatcher' }], { name: '李科长' }),
    makeUser(HRSS, [{ role: 'handler', unitCode: 'hrss' }], { name: '周经办' }),
    makeUser(EDUCATION, [{ role: 'handler', unitCode: 'education' }]),
  ])
})
afterEach(() => env.close())

function expectOk<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.data
}

async function submitted(): Promise<Detail> {
  return expectOk(await env.call(CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-loop-000001' }))
}

async function act(openid: string, ticket: Detail, event: Record<string, unknown>) {
  return env.call(openid, 'ticket.act', { ticketId: ticket._id, version: ticket.version, event: event as never })
}

it('travels the whole loop and closes, each step on the timeline', async () => {
  let t = await submitted()
  expect(t.offeredEvents).toEqual(expect.arrayContaining(['withdraw']))
  t = expectOk(await act(DISPATCHER, t, { type: 'accept' }))
  expect(t.state).toBe('accepted')
  t = expectOk(await act(DISPATCHER, t, { type: 'dispatch' }))
  expect(t).toMatchObject({ state: 'dispatched', units: ['hrss'], track: 'timed' })
  expect(t.replyDueAt).not.toBeNull()
  const inbox = expectOk(await env.call(HRSS, 'ticket.inbox', {}))
  expect(inbox.items.map((i) => i._id)).toContain(t._id)

  const asHandler = expectOk(await env.call(HRSS, 'ticket.get', { ticketId: t._id }))
  expect(asHandler.offeredEvents).toEqual(expect.arrayContaining(['sign', 'sendBack']))
  t = expectOk(await act(HRSS, t, { type: 'sign' }))
  t = expectOk(
    await act(HRSS, t, { type: 'reply', outcome: 'solved', text: '已联系3家劳务公司，11月28日专场招聘会。' }),
  )
  expect(t.state).toBe('replied')

  const asContact = expectOk(await env.call(CONTACT, 'ticket.get', { ticketId: t._id }))
  expect(asContact.offeredEvents).toContain('rate')
  t = expectOk(await act(CONTACT, t, { type: 'rate', rating: 'satisfied' }))
  expect(t).toMatchObject({ state: 'closed', outcome: 'solved', rating: 'satisfied' })
  expect(t.timeline.map((e) => e.event)).toEqual(['submit', 'accept', 'dispatch', 'sign', 'reply', 'rate'])
  expect(t.version).toBe(6)
})

it('refuses what the table forbids, directly at the function, and changes nothing', async () => {
  const t = await submitted()
  const before = JSON.stringify(env.cloud.store.find(COLLECTIONS.tickets))
  const attempts: Array<[string, Record<string, unknown>, string]> = [
    [HRSS, { type: 'accept' }, 'NOT_FOUND'], // a handler cannot even see an undispatched ticket
    [CONTACT, { type: 'accept' }, 'FORBIDDEN'], // the enterprise cannot accept its own ticket
    [CONTACT, { type: 'sign' }, 'INVALID_TRANSITION'], // nothing to sign before dispatch
    [OTHER_CONTACT, { type: 'withdraw' }, 'NOT_FOUND'], // another enterprise's contact
    [DISPATCHER, { type: 'reply', outcome: 'solved', text: '...' }, 'INVALID_TRANSITION'],
    [DISPATCHER, { type: 'teleport' }, 'INVALID_INPUT'],
  ]
  for (const [who, event, code] of attempts) {
    const res = await act(who, t, event)
    expect({ who, event, res: res.ok ? 'ok' : res.error.code }).toEqual({ who, event, res: code })
  }
  expect(JSON.stringify(env.cloud.store.find(COLLECTIONS.tickets))).toBe(before)
})

it('lets a handler of another unit neither see nor act on a dispatched ticket', async () => {
  let t = await submitted()
  t = expectOk(await act(DISPATCHER, t, { type: 'accept' }))
  t = expectOk(await act(DISPATCHER, t, { type: 'dispatch' }))
  expect(await act(EDUCATION, t, { type: 'sign' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
})

it('answers CONFLICT to a stale version instead of overwriting', async () => {
  const t = await submitted()
  expectOk(await act(DISPATCHER, t, { type: 'accept' }))
  const stale = await act(DISPATCHER, t, { type: 'reject', reason: '不属于受理范围' })
  expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(env.cloud.store.find(COLLECTIONS.tickets)[0].state).toBe('accepted')
})

it('of two simultaneous transitions on one ticket, exactly one wins', async () => {
  const t = await submitted()
  const [a, b] = await Promise.all([
    act(DISPATCHER, t, { type: 'accept' }),
    act(DISPATCHER, t, { type: 'reject', reason: '重复提交' }),
  ])
  const outcomes = [a, b].map((r) => (r.ok ? 'ok' : r.error.code)).sort()
  expect(outcomes).toEqual(['CONFLICT', 'ok'])
  const [stored] = env.cloud.store.find(COLLECTIONS.tickets)
  expect(stored.version).toBe(2)
  expect(stored.timeline).toHaveLength(2)
})

it('keeps every transition within 3 database round trips', async () => {
  let t = await submitted()
  const steps: Array<[string, Record<string, unknown>]> = [
    [DISPATCHER, { type: 'accept' }],
    [DISPATCHER, { type: 'dispatch' }],
    [HRSS, { type: 'sign' }],
    [HRSS, { type: 'reply', outcome: 'explained', text: '政策解释如下……' }],
    [CONTACT, { type: 'rate', rating: 'basicallySatisfied' }],
  ]
  for (const [who, event] of steps) {
    const { result, dbRoundTrips } = await env.callWithStats(who, 'ticket.act', {
      ticketId: t._id,
      version: t.version,
      event: event as never,
    })
    t = expectOk(result)
    expect({ event: event.type, dbRoundTrips: Math.min(dbRoundTrips, 3) }).toEqual({ event: event.type, dbRoundTrips })
  }
})
