/**
 * The first enterprise journey through the real `api` function in the local cloud:
 * an enterprise contact reports a problem and finds it under 我的诉求; nobody else's contact can see it.
 */
import { openTestCloud } from '../support/localCloud'
import { makeEnterprise, makeSubmission, makeUnit, makeUser } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'

const LQ_CONTACT = 'openid-lq-contact'
const HX_CONTACT = 'openid-hx-contact'
const DISPATCHER = 'openid-dispatcher'
const HRSS_HANDLER = 'openid-hrss-handler'
const STRANGER = 'openid-not-bound'

let env: ReturnType<typeof openTestCloud>

beforeEach(() => {
  env = openTestCloud()
  env.cloud.store.insertMany(COLLECTIONS.enterprises, [
    makeEnterprise({ _id: 'ent-lq', name: '燕京啤酒（桂林漓泉）股份有限公司' }),
    makeEnterprise({ _id: 'ent-hx', name: '桂林华信制药有限公司', district: '七星区' }),
  ])
  env.cloud.store.insertMany(COLLECTIONS.units, [makeUnit({ code: 'hrss', name: '市人力资源和社会保障局' })])
  env.cloud.store.insertMany(COLLECTIONS.users, [
    makeUser(LQ_CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-lq' }], { name: '王经理' }),
    makeUser(HX_CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-hx' }], { name: '张胜军' }),
    makeUser(DISPATCHER, [{ role: 'dispatcher' }], { name: '市重点办 李科长' }),
    makeUser(HRSS_HANDLER, [{ role: 'handler', unitCode: 'hrss' }], { name: '人社局 周经办' }),
  ])
})
afterEach(() => env.close())

const ticketCount = () => env.cloud.store.count(COLLECTIONS.tickets)

describe('submitting a 诉求', () => {
  it('creates a ticket waiting for acceptance, numbered, graded and with its first timeline line', async () => {
    const res = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-000000001' })
    if (!res.ok) throw new Error(res.error.message)
    expect(res.data.state).toBe('submitted')
    expect(res.data.no).toMatch(/^HQ\d{8}-0001$/)
    expect(res.data.enterpriseName).toBe('燕京啤酒（桂林漓泉）股份有限公司')
    expect(res.data.units[0]).toBe('hrss') // labor → 市人社局 by the default rules
    expect(res.data.ruleIds.length).toBeGreaterThan(0)
    expect(res.data.acceptDueAt).toMatch(/T15:59:59\.999Z$/) // end of a Beijing working day
    expect(res.data.timeline).toHaveLength(1)
    expect(res.data.timeline[0]).toMatchObject({ event: 'submit', to: 'submitted', actorName: '王经理' })
    // the submitter's OPENID and the retry key never leave the server
    expect(res.data).not.toHaveProperty('submittedBy')
    expect(res.data).not.toHaveProperty('requestId')
  })

  it('numbers the tickets of one day in sequence', async () => {
    const first = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-000000001' })
    const second = await env.call(HX_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-000000002' })
    expect(first.ok && second.ok).toBe(true)
    if (first.ok && second.ok) {
      expect(Number(second.data.no.slice(-4))).toBe(Number(first.data.no.slice(-4)) + 1)
    }
  })

  it('shows up under 我的诉求 with its number and status 待受理', async () => {
    const submitted = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-000000001' })
    const mine = await env.call(LQ_CONTACT, 'ticket.listMine', { page: 0 })
    if (!submitted.ok || !mine.ok) throw new Error('call failed')
    expect(mine.data.items).toHaveLength(1)
    expect(mine.data.items[0]).toMatchObject({
      no: submitted.data.no,
      state: 'submitted',
      title: makeSubmission().title,
    })
    expect(mine.data.items[0]).not.toHaveProperty('timeline')
    expect(mine.data.hasMore).toBe(false)
  })

  it('passes the text through the content check with the author as openid', async () => {
    await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-000000001' })
    const check = env.cloud.records.secChecks.at(-1) as { args: Array<Record<string, unknown>> } | undefined
    expect(JSON.stringify(check)).toContain(LQ_CONTACT)
    expect(JSON.stringify(check)).toContain('新厂区投产急需招聘200名技术工人')
  })
})

describe('bad input gets a clear Chinese message and saves nothing', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['an empty title', { title: '' }, 'title', /请填写诉求标题/],
    ['a title of blanks only', { title: '    ' }, 'title', /请填写诉求标题/],
    ['an over-long title', { title: '招'.repeat(51) }, 'title', /不能超过50个字/],
    ['an over-long description', { description: '述'.repeat(1001) }, 'description', /不能超过1000个字/],
    ['an unknown category', { category: 'lottery' }, 'category', /诉求类别/],
    ['an unknown urgency', { urgency: 'asap' }, 'urgency', /紧急程度/],
  ]
  it.each(cases)('refuses %s', async (_why, change, field, message) => {
    const res = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(change), { requestId: 'req-000000001' })
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('INVALID_INPUT')
    expect(res.error.fields?.[field]).toMatch(message)
    expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(ticketCount()).toBe(0)
  })

  it('refuses a submit without a retry key', async () => {
    const res = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission())
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(ticketCount()).toBe(0)
  })

  it('refuses text the content check finds risky', async () => {
    const res = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission({ description: '这里有违禁词测试的内容' }), {
      requestId: 'req-000000001',
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/不适宜/) } })
    expect(ticketCount()).toBe(0)
  })
})

describe('a retried submit never duplicates', () => {
  it('returns the first ticket for the same retry key', async () => {
    const first = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-retry-0001' })
    const again = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-retry-0001' })
    if (!first.ok || !again.ok) throw new Error('call failed')
    expect(again.data._id).toBe(first.data._id)
    expect(again.data.no).toBe(first.data.no)
    expect(ticketCount()).toBe(1)
  })

  it('creates one ticket when the same submit arrives twice at once', async () => {
    const [a, b] = await Promise.all([
      env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-race-00001' }),
      env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-race-00001' }),
    ])
    if (!a.ok || !b.ok) throw new Error('call failed')
    expect(a.data._id).toBe(b.data._id)
    expect(ticketCount()).toBe(1)
  })

  it('treats the same key from two users as two submits', async () => {
    await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-shared-001' })
    await env.call(HX_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-shared-001' })
    expect(ticketCount()).toBe(2)
  })
})

describe("another enterprise's contact cannot see it", () => {
  it('answers NOT_FOUND to a direct read and leaves it out of their list', async () => {
    const submitted = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-000000001' })
    if (!submitted.ok) throw new Error('submit failed')
    const peek = await env.call(HX_CONTACT, 'ticket.get', { ticketId: submitted.data._id })
    expect(peek).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const theirs = await env.call(HX_CONTACT, 'ticket.listMine', {})
    expect(theirs).toMatchObject({ ok: true, data: { items: [] } })
    const own = await env.call(LQ_CONTACT, 'ticket.get', { ticketId: submitted.data._id })
    expect(own).toMatchObject({ ok: true, data: { _id: submitted.data._id } })
  })

  it('keeps a handler of an unrelated unit out until the ticket is dispatched to them', async () => {
    const submitted = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission({ category: 'schooling' }), {
      requestId: 'req-000000001',
    })
    if (!submitted.ok) throw new Error('submit failed')
    const peek = await env.call(HRSS_HANDLER, 'ticket.get', { ticketId: submitted.data._id })
    expect(peek).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('lets the dispatcher see it in the acceptance queue', async () => {
    const submitted = await env.call(LQ_CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-000000001' })
    const queue = await env.call(DISPATCHER, 'ticket.queue', {})
    if (!submitted.ok || !queue.ok) throw new Error('call failed')
    expect(queue.data.items.map((t) => t._id)).toEqual([submitted.data._id])
  })
})

describe('who is calling', () => {
  it('refuses a call without an identity', async () => {
    expect(await env.call('', 'me.profile', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
  it('refuses a WeChat user who is not bound to anything yet', async () => {
    expect(await env.call(STRANGER, 'me.profile', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
  it('refuses to act as a role the user does not hold', async () => {
    const res = await env.call(LQ_CONTACT, 'ticket.queue', {}, { role: 'dispatcher' })
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
  it('refuses staff submitting as if they were an enterprise', async () => {
    const res = await env.call(HRSS_HANDLER, 'ticket.submit', makeSubmission(), { requestId: 'req-000000001' })
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(ticketCount()).toBe(0)
  })
  it('answers an unknown action with an explicit error', async () => {
    const res = await env.call(LQ_CONTACT, 'ticket.explode' as 'me.profile', {})
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('ticket.explode') },
    })
  })
  it('tells the contact who they are and for which enterprise', async () => {
    const res = await env.call(LQ_CONTACT, 'me.profile', {})
    expect(res).toMatchObject({
      ok: true,
      data: { name: '王经理', activeRole: 'enterprise', enterpriseName: '燕京啤酒（桂林漓泉）股份有限公司' },
    })
  })
})
