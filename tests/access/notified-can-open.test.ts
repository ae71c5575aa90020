/**
 * Whoever is notified about a ticket can open it, and nothing else: a ticket is run through its loop with the
 * 专班, the lead service unit, the commissioner, the leader and the office taking part; then every message the
 * system planned (the outbox, through the real routing and addressing) is opened by its addressee in the role
 * it was sent to, and each addressee is refused another enterprise's tickets.
 */
import { openTestCloud } from '../support/localCloud'
import { makeSubmission, makeUser } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { failure, ok, PEOPLE, seedWorld } from '../directory/world'

const TF_MEMBER = 'o-tf-financing' // a 专班 member: a handler whose unit is the 专班 (tf-financing)
const FINANCE = 'o-handler-finance' // the handling unit of financing (市金融办)
const LEADER_B = 'o-leader-b'

let env: ReturnType<typeof openTestCloud>
beforeAll(() => {
  env = openTestCloud()
  seedWorld(env)
  env.cloud.store.insertMany(COLLECTIONS.users, [
    makeUser(TF_MEMBER, [{ role: 'handler', unitCode: 'tf-financing' }], { name: '融资专班联络员' }),
    makeUser(FINANCE, [{ role: 'handler', unitCode: 'finance-office' }], { name: '金融办经办' }),
    makeUser(LEADER_B, [{ role: 'leader', leaderId: 'leader-b', enterpriseIds: ['ent-b'] }], { name: '黄志刚' }),
  ])
})
afterAll(() => env.close())

type Ticket = { _id: string; version: number }

async function act(openid: string, ticket: Ticket, event: Record<string, unknown>): Promise<Ticket> {
  const next = ok(await env.call(openid, 'ticket.act', { ticketId: ticket._id, version: ticket.version, event }))
  ok(await env.call(openid, 'notifications.flush', { ticketId: ticket._id }))
  return next
}

async function submit(openid: string, requestId: string, payload: Record<string, unknown>): Promise<Ticket> {
  const ticket = ok(await env.call(openid, 'ticket.submit', makeSubmission(payload), { requestId }))
  ok(await env.call(openid, 'notifications.flush', { ticketId: ticket._id }))
  return ticket
}

async function dispatched(ticket: Ticket): Promise<Ticket> {
  const accepted = await act(PEOPLE.dispatcher, ticket, { type: 'accept' })
  return act(PEOPLE.dispatcher, accepted, { type: 'dispatch' })
}

interface Sent {
  recipientOpenId: string
  recipientRole: string
  template: string
}
const sentAbout = (ticketId: string) => env.cloud.store.find(COLLECTIONS.outbox, { ticketId }) as unknown as Sent[]

it('lets every addressee of every message open the ticket, in the role it reached them in', async () => {
  // ent-a is a key enterprise: leader-a, lead service unit hrss, commissioner comm-a; financing → 专班 tf-financing
  let a = await submit(PEOPLE.contactA, 'req-notified-a-1', { category: 'financing', title: '技改项目流动资金贷款' })
  // the lead service unit is told of the new 诉求 and follows it before any unit handles it
  expect(ok(await env.call(PEOPLE.handlerA, 'ticket.get', { ticketId: a._id })).offeredEvents).toEqual(['note'])
  a = await dispatched(a)
  a = await act(FINANCE, a, { type: 'sign' })
  // the 专班 and the lead service unit 督办 and note; the 专班 asks the office for a 专题协调会
  a = await act(TF_MEMBER, a, { type: 'supervise', note: '请金融办本周内对接银行' })
  a = await act(PEOPLE.handlerA, a, { type: 'note', text: '已电话了解企业用款计划' })
  a = await act(PEOPLE.headA, a, { type: 'supervise', note: '牵头服务单位督办' })
  a = await act(TF_MEMBER, a, { type: 'requestMeeting', reason: '需银行、担保公司和金融办共同协调' })
  a = await act(PEOPLE.leaderA, a, { type: 'instruct', text: '请专班抓紧推进' })
  a = await act(PEOPLE.dispatcher, a, { type: 'escalate', reason: '涉及多家金融机构' })
  a = await act(PEOPLE.commissionerA, a, { type: 'takeUpward', level: 'region', reason: '需自治区金融局协调' })
  a = await act(FINANCE, a, { type: 'reply', outcome: 'solved', text: '已落实贷款3000万元' })

  const messages = sentAbout(a._id)
  const received = (openid: string) => messages.filter((m) => m.recipientOpenId === openid).map((m) => m.template)
  // the people the issue names as locked out are among the addressees
  expect(received(TF_MEMBER)).toEqual(expect.arrayContaining(['ticketDispatched', 'ticketEscalated']))
  expect(received(PEOPLE.handlerA)).toEqual(expect.arrayContaining(['ticketSubmitted', 'ticketSupervised']))
  expect(received(PEOPLE.commissionerA)).toEqual(
    expect.arrayContaining(['ticketSubmitted', 'ticketEscalated', 'ticketTakenUpward', 'ticketReplied']),
  )
  expect(received(PEOPLE.dispatcher)).toEqual(expect.arrayContaining(['meetingRequested', 'ticketTakenUpward']))

  const addressees = [...new Set(messages.map((m) => `${m.recipientOpenId}|${m.recipientRole}`))]
  expect(addressees.length).toBeGreaterThanOrEqual(7)
  for (const addressee of addressees) {
    const [openid, role] = addressee.split('|')
    const res = await env.call(openid, 'ticket.get', { ticketId: a._id }, { role })
    expect([addressee, res.ok]).toEqual([addressee, true])
  }

  // …and none of them opens another enterprise's tickets: B's (education) and a non-key enterprise's land ticket
  let b = await submit(PEOPLE.contactB, 'req-notified-b-1', { category: 'schooling', title: '职工子女入学' })
  b = await dispatched(b)
  let c = await submit(PEOPLE.dispatcher, 'req-notified-c-1', { category: 'land', enterpriseId: 'ent-c' })
  c = await dispatched(c)
  for (const addressee of addressees) {
    const [openid, role] = addressee.split('|')
    if (role === 'dispatcher') continue
    for (const other of [b, c]) {
      const res = await env.call(openid, 'ticket.get', { ticketId: other._id }, { role })
      // a city leader reads any ticket (the summary's drill-down opens them) but may act on none of these
      const seen = res.ok ? (res.data.offeredEvents.length === 0 ? 'read only' : 'ok') : res.error.code
      const expected = role === 'leader' ? 'read only' : 'NOT_FOUND'
      expect([addressee, other._id, seen]).toEqual([addressee, other._id, expected])
    }
  }
})

it('shows the 专班 and its leading city leader the category’s tickets across the city, once dispatched', async () => {
  // ent-c is not a key enterprise: leader-a is not linked to it, but leads tf-financing
  let c = await submit(PEOPLE.dispatcher, 'req-tf-c-0001', { category: 'financing', enterpriseId: 'ent-c' })
  expect(failure(await env.call(TF_MEMBER, 'ticket.get', { ticketId: c._id })).code).toBe('NOT_FOUND')
  // before dispatch the 专班 is not involved: its leader reads the ticket as any city ticket, acting on nothing
  expect(ok(await env.call(PEOPLE.leaderA, 'ticket.get', { ticketId: c._id })).offeredEvents).toEqual([])
  c = await dispatched(c)
  expect(ok(await env.call(TF_MEMBER, 'ticket.get', { ticketId: c._id })).offeredEvents).toEqual(
    expect.arrayContaining(['supervise', 'note', 'requestMeeting']),
  )
  // once dispatched its leading city leader may act (批示); another leader only reads it
  expect(ok(await env.call(PEOPLE.leaderA, 'ticket.get', { ticketId: c._id })).offeredEvents).toContain('instruct')
  expect(ok(await env.call(LEADER_B, 'ticket.get', { ticketId: c._id })).offeredEvents).toEqual([])

  const board = ok(await env.call(TF_MEMBER, 'taskForce.tickets', {}))
  expect(board.taskForce).toMatchObject({ code: 'tf-financing', name: '融资专班', leaderName: '周立群' })
  expect(board.items.map((i) => i._id)).toContain(c._id)
  expect(board.items.every((i) => i.category === 'financing')).toBe(true)
  expect(ok(await env.call(PEOPLE.leaderA, 'taskForce.tickets', {})).items.map((i) => i._id)).toContain(c._id)
  expect(failure(await env.call(PEOPLE.handlerA, 'taskForce.tickets', {})).code).toBe('FORBIDDEN')
  expect(failure(await env.call(LEADER_B, 'taskForce.tickets', {})).code).toBe('FORBIDDEN')
})

it('keeps 督办 for followers: the handling unit cannot supervise itself', async () => {
  let t = await submit(PEOPLE.contactA, 'req-self-sup-1', { category: 'financing', title: '贷款贴息' })
  t = await dispatched(t)
  const res = await env.call(FINANCE, 'ticket.act', {
    ticketId: t._id,
    version: t.version,
    event: { type: 'supervise', note: '自己督办自己' },
  })
  expect(failure(res)).toMatchObject({ code: 'FORBIDDEN', message: '只有本诉求所属专班或企业的牵头服务单位可以这样做' })
})
