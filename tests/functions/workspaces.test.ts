/**
 * What the workspaces read and enter through the `api` function: the office's hotline entry, the submit
 * form's preview, the queue and inbox tabs, and the grading reasons on the detail.
 */
import { openTestCloud } from '../support/localCloud'
import { makeEnterprise, makeSubmission, makeUnit, makeUser } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import type { ActionResult } from '../../types/actions'

const CONTACT = 'openid-lq-contact'
const DISPATCHER = 'openid-dispatcher'
const HRSS = 'openid-hrss-handler'

let env: ReturnType<typeof openTestCloud>
beforeEach(() => {
  env = openTestCloud()
  env.cloud.store.insertMany(COLLECTIONS.enterprises, [
    makeEnterprise({ _id: 'ent-lq' }),
    makeEnterprise({ _id: 'ent-hx', name: '桂林华信制药有限公司', isKey: false }),
    makeEnterprise({ _id: 'ent-closed', name: '桂林已注销机械厂', active: false }),
  ])
  env.cloud.store.insertMany(COLLECTIONS.units, [
    makeUnit({ code: 'hrss', name: '市人力资源和社会保障局' }),
    makeUnit({ code: 'education', name: '市教育局' }),
    makeUnit({ code: 'tf-land', name: '用地专班', kind: 'taskForce' }),
  ])
  env.cloud.store.insertMany(COLLECTIONS.users, [
    makeUser(CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-lq' }]),
    makeUser(DISPATCHER, [{ role: 'dispatcher' }], { name: '李科长' }),
    makeUser(HRSS, [{ role: 'handler', unitCode: 'hrss' }]),
  ])
})
afterEach(() => env.close())

function ok<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.data
}

describe('the office enters a 966011 hotline call', () => {
  it('creates the ticket for the named enterprise, channel hotline, entered by the dispatcher', async () => {
    const t = ok(
      await env.call(DISPATCHER, 'ticket.submit', makeSubmission({ enterpriseId: 'ent-hx' }), {
        requestId: 'req-hotline-01',
      }),
    )
    expect(t).toMatchObject({
      enterpriseId: 'ent-hx',
      enterpriseName: '桂林华信制药有限公司',
      channel: 'hotline',
      state: 'submitted',
    })
    expect(t.timeline[0]).toMatchObject({ role: 'dispatcher', actorName: '李科长' })
  })
  it('asks which enterprise when none is named', async () => {
    const res = await env.call(DISPATCHER, 'ticket.submit', makeSubmission(), { requestId: 'req-hotline-02' })
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { enterpriseId: '请选择企业' } } })
  })
  it('refuses an enterprise that is deactivated', async () => {
    const res = await env.call(DISPATCHER, 'ticket.submit', makeSubmission({ enterpriseId: 'ent-closed' }), {
      requestId: 'req-hotline-03',
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(env.cloud.store.count(COLLECTIONS.tickets)).toBe(0)
  })
  it("does not let a contact submit in another enterprise's name", async () => {
    const res = await env.call(CONTACT, 'ticket.submit', makeSubmission({ enterpriseId: 'ent-hx' }), {
      requestId: 'req-hotline-04',
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(env.cloud.store.count(COLLECTIONS.tickets)).toBe(0)
  })
  it('finds enterprises by part of the name, active ones only', async () => {
    const found = ok(await env.call(DISPATCHER, 'directory.enterprises', { keyword: '华信' }))
    expect(found.map((e) => e._id)).toEqual(['ent-hx'])
    const none = ok(await env.call(DISPATCHER, 'directory.enterprises', { keyword: '注销' }))
    expect(none).toEqual([])
    const literal = ok(await env.call(DISPATCHER, 'directory.enterprises', { keyword: '.*' }))
    expect(literal).toEqual([]) // the keyword is text, not a pattern
  })
})

describe('the submit form preview', () => {
  it('names the lead unit and the reply limit from the same engine, with the reasons', async () => {
    const p = ok(await env.call(CONTACT, 'ticket.preview', { category: 'labor', urgency: 'urgent' }))
    expect(p.leadUnit).toMatchObject({ code: 'hrss', name: '市人力资源和社会保障局' })
    expect(p.track).toBe('timed')
    expect(p.replyDueAt).toMatch(/T15:59:59\.999Z$/)
    // plain reasons for the person filling the form: no rule id
    expect(p.reasons).toContain('用工招工由市人力资源和社会保障局牵头')
    expect(p.reasons.join('\n')).not.toMatch(/R-[A-Z]/)
  })
  it('refuses an unknown category in Chinese', async () => {
    expect(await env.call(CONTACT, 'ticket.preview', { category: 'weather' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '请选择有效的诉求类别' },
    })
  })
})

describe('queue and inbox tabs', () => {
  async function dispatchedTicket(): Promise<ActionResult<'ticket.get'>> {
    let t = ok(await env.call(CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-tabs-0001' }))
    t = ok(await env.call(DISPATCHER, 'ticket.act', { ticketId: t._id, version: t.version, event: { type: 'accept' } }))
    return ok(
      await env.call(DISPATCHER, 'ticket.act', { ticketId: t._id, version: t.version, event: { type: 'dispatch' } }),
    )
  }
  const ids = (page: { items: Array<{ _id: string }> }) => page.items.map((i) => i._id)

  it('moves a ticket from 待受理 to 待派单 to the unit’s 待签收 and 办理中', async () => {
    let t = ok(await env.call(CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-tabs-0002' }))
    expect(ids(ok(await env.call(DISPATCHER, 'ticket.queue', { tab: 'new' })))).toEqual([t._id])
    t = ok(await env.call(DISPATCHER, 'ticket.act', { ticketId: t._id, version: t.version, event: { type: 'accept' } }))
    expect(ids(ok(await env.call(DISPATCHER, 'ticket.queue', { tab: 'new' })))).toEqual([])
    expect(ids(ok(await env.call(DISPATCHER, 'ticket.queue', { tab: 'accepted' })))).toEqual([t._id])
    t = ok(
      await env.call(DISPATCHER, 'ticket.act', { ticketId: t._id, version: t.version, event: { type: 'dispatch' } }),
    )
    expect(ids(ok(await env.call(HRSS, 'ticket.inbox', { tab: 'toSign' })))).toEqual([t._id])
    t = ok(await env.call(HRSS, 'ticket.act', { ticketId: t._id, version: t.version, event: { type: 'sign' } }))
    expect(ids(ok(await env.call(HRSS, 'ticket.inbox', { tab: 'toSign' })))).toEqual([])
    expect(ids(ok(await env.call(HRSS, 'ticket.inbox', { tab: 'inProgress' })))).toEqual([t._id])
  })

  it('lists a ticket past its reply limit as 已超期 for the unit and the office', async () => {
    const t = await dispatchedTicket()
    // as if the days had gone by: the stored reply limit lies in the past
    const [stored] = env.cloud.store.find(COLLECTIONS.tickets, { _id: t._id })
    env.cloud.store.clear(COLLECTIONS.tickets)
    env.cloud.store.insertMany(COLLECTIONS.tickets, [{ ...stored, replyDueAt: new Date('2026-01-05T15:59:59.999Z') }])
    expect(ids(ok(await env.call(HRSS, 'ticket.inbox', { tab: 'overdue' })))).toEqual([t._id])
    expect(ids(ok(await env.call(HRSS, 'ticket.inbox', { tab: 'dueSoon' })))).toEqual([])
    expect(ids(ok(await env.call(DISPATCHER, 'ticket.queue', { tab: 'overdue' })))).toEqual([t._id])
  })

  it('shows a fresh ticket under 即将超期 only when its reply is due within a working day', async () => {
    const t = await dispatchedTicket() // timed: due in 5 working days
    expect(ids(ok(await env.call(HRSS, 'ticket.inbox', { tab: 'dueSoon' })))).toEqual([])
    // a unit reads why in plain words; the rule ids are the office's detail
    expect(t.gradeReasons).toContain('指派责任单位限时办理')
    expect(t.gradeReasons.join('\n')).not.toMatch(/R-[A-Z]/)
  })

  it('names the handling units on the detail, not just their codes', async () => {
    const t = await dispatchedTicket()
    const detail = ok(await env.call(HRSS, 'ticket.get', { ticketId: t._id }))
    expect(detail.unitNames).toEqual({ hrss: '市人力资源和社会保障局' })
  })

  it('tells the timeline in unit names and keeps the rule ids to the office', async () => {
    const t = await dispatchedTicket()
    const seen = ok(await env.call(CONTACT, 'ticket.get', { ticketId: t._id }))
    const text = seen.timeline.map((e) => `${e.note ?? ''} ${e.reason ?? ''}`).join('\n')
    expect(text).toContain('牵头单位 市人力资源和社会保障局')
    expect(text).not.toMatch(/\bhrss\b/)
    expect(seen.gradeRules).toBeUndefined()
    const office = ok(await env.call(DISPATCHER, 'ticket.get', { ticketId: t._id }))
    expect(office.gradeRules?.some((r) => r.startsWith('R-TRACK-TIMED'))).toBe(true)
  })

  it('keeps the unit’s tabs to the unit and the queue to the office', async () => {
    expect(await env.call(HRSS, 'ticket.queue', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await env.call(CONTACT, 'ticket.inbox', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await env.call(HRSS, 'ticket.inbox', { tab: 'everything' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})

it('offers the units to dispatch to: active departments, not task forces', async () => {
  const units = ok(await env.call(DISPATCHER, 'directory.units', {}))
  expect(units.map((u) => u.code).sort()).toEqual(['education', 'hrss'])
})
