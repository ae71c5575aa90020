/**
 * A unit's inbox rows say whether the unit leads (主办) or assists (协办) and when signing and the reply are
 * due; the unit head's 待审批 tab lists the extensions waiting for a decision (issue 11).
 */
import { openTestCloud } from '../support/localCloud'
import { makeEnterprise, makeSubmission, makeUnit, makeUser } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import type { ActionResult } from '../../types/actions'

const CONTACT = 'openid-lq-contact'
const DISPATCHER = 'openid-dispatcher'
const HRSS = 'openid-hrss-handler'
const HRSS_HEAD = 'openid-hrss-head'
const EDU = 'openid-edu-handler'

let env: ReturnType<typeof openTestCloud>
beforeEach(() => {
  env = openTestCloud()
  env.cloud.store.insertMany(COLLECTIONS.enterprises, [makeEnterprise({ _id: 'ent-lq' })])
  env.cloud.store.insertMany(COLLECTIONS.units, [
    makeUnit({ code: 'hrss', name: '市人力资源和社会保障局' }),
    makeUnit({ code: 'education', name: '市教育局' }),
  ])
  env.cloud.store.insertMany(COLLECTIONS.users, [
    makeUser(CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-lq' }]),
    makeUser(DISPATCHER, [{ role: 'dispatcher' }]),
    makeUser(HRSS, [{ role: 'handler', unitCode: 'hrss' }]),
    makeUser(HRSS_HEAD, [{ role: 'unitHead', unitCode: 'hrss' }]),
    makeUser(EDU, [{ role: 'handler', unitCode: 'education' }]),
  ])
})
afterEach(() => env.close())

function ok<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.data
}

type Detail = ActionResult<'ticket.get'>
const act = async (openid: string, t: Detail, event: Record<string, unknown>) =>
  ok(await env.call(openid, 'ticket.act', { ticketId: t._id, version: t.version, event: event as { type: 'sign' } }))

/** Dispatched to 人社局 (lead) and 教育局 (co-unit). */
async function twoUnitTicket(requestId: string): Promise<Detail> {
  let t = ok(await env.call(CONTACT, 'ticket.submit', makeSubmission(), { requestId }))
  t = await act(DISPATCHER, t, { type: 'accept' })
  return act(DISPATCHER, t, { type: 'dispatch', units: ['hrss', 'education'], reason: '涉及子女入学，教育局协办' })
}

it('tells the lead unit 主办 and the co-unit 协办, with the sign and reply dues', async () => {
  const t = await twoUnitTicket('req-inbox-row-1')
  const [lead] = ok(await env.call(HRSS, 'ticket.inbox', { tab: 'toSign' })).items
  const [co] = ok(await env.call(EDU, 'ticket.inbox', { tab: 'toSign' })).items
  expect(lead).toMatchObject({ _id: t._id, unitRole: 'lead', signDueAt: t.signDueAt, replyDueAt: t.replyDueAt })
  expect(co).toMatchObject({ _id: t._id, unitRole: 'co' })
  // a row names no other unit's code
  expect(lead).not.toHaveProperty('units')
})

it('lists a requested extension under the head’s 待审批 until it is decided', async () => {
  let t = await twoUnitTicket('req-inbox-row-2')
  const other = await twoUnitTicket('req-inbox-row-3')
  t = await act(HRSS, t, { type: 'sign' })
  t = await act(HRSS, t, { type: 'requestExtension', days: 3, reason: '需等待省厅批复' })

  const pending = ok(await env.call(HRSS_HEAD, 'ticket.inbox', { tab: 'pendingApproval' })).items
  expect(pending.map((r) => r._id)).toEqual([t._id])
  expect(pending[0].pendingExtension).toMatchObject({ days: 3, reason: '需等待省厅批复' })
  expect(pending.map((r) => r._id)).not.toContain(other._id)

  await act(HRSS_HEAD, t, { type: 'approveExtension' })
  expect(ok(await env.call(HRSS_HEAD, 'ticket.inbox', { tab: 'pendingApproval' })).items).toEqual([])
})
