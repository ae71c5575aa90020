/**
 * Reception days and coordination meetings through the real `api` function (issue 9 items 1–2): from the
 * agenda to the decision, each commitment a child ticket on the normal loop, the parent answered only once its
 * commitments are done; a crash after any write of the decision is finished by its own retry.
 */
import { openTestCloud } from '../support/localCloud'
import { makeEnterprise, makeSubmission, makeUnit, makeUser } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { childTicketIdFor, commitmentIdFor } from '../../cloudfunctions/core/meetings'
import type { ActionResult } from '../../types/actions'
import type { Leader } from '../../types/directory'

const CONTACT = 'openid-lq-contact'
const OTHER_CONTACT = 'openid-hx-contact'
const DISPATCHER = 'openid-dispatcher'
const DISPATCHER_2 = 'openid-dispatcher-2'
const HRSS = 'openid-hrss-handler'
const EDUCATION = 'openid-education-handler'
const MAYOR = 'openid-mayor'
const OTHER_LEADER = 'openid-vice-mayor'

type Detail = ActionResult<'ticket.get'>
type View = ActionResult<'meeting.get'>
let env: ReturnType<typeof openTestCloud>

const HOUR = 3600_000
const inDays = (days: number) => new Date(Date.now() + days * 24 * HOUR).toISOString()

beforeEach(() => {
  env = openTestCloud()
  env.cloud.store.insertMany(COLLECTIONS.enterprises, [
    makeEnterprise({ _id: 'ent-lq' }),
    makeEnterprise({ _id: 'ent-hx', name: '桂林华信制药有限公司', isKey: false }),
  ])
  env.cloud.store.insertMany(COLLECTIONS.units, [
    makeUnit({ code: 'hrss', name: '市人力资源和社会保障局' }),
    makeUnit({ code: 'education', name: '市教育局' }),
  ])
  const leaders: Leader[] = [
    { _id: 'leader-mayor', name: '黄志刚', title: '市长', rank: 2, active: true } as Leader,
    { _id: 'leader-vice', name: '李明', title: '副市长', rank: 3, active: true } as Leader,
  ]
  env.cloud.store.insertMany(COLLECTIONS.leaders, leaders)
  env.cloud.store.insertMany(COLLECTIONS.users, [
    makeUser(CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-lq' }], { name: '王经理' }),
    makeUser(OTHER_CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-hx' }]),
    makeUser(DISPATCHER, [{ role: 'dispatcher' }], { name: '李科长' }),
    makeUser(DISPATCHER_2, [{ role: 'dispatcher' }], { name: '赵科员' }),
    makeUser(HRSS, [{ role: 'handler', unitCode: 'hrss' }], { name: '周经办' }),
    makeUser(EDUCATION, [{ role: 'handler', unitCode: 'education' }]),
    makeUser(MAYOR, [{ role: 'leader', leaderId: 'leader-mayor', enterpriseIds: [] }], { name: '黄志刚' }),
    makeUser(OTHER_LEADER, [{ role: 'leader', leaderId: 'leader-vice', enterpriseIds: [] }], { name: '李明' }),
  ])
})
afterEach(() => env.close())

function expectOk<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.data
}
function expectError(res: { ok: boolean; error?: { code: string; message: string } }) {
  if (res.ok) throw new Error('expected a refusal')
  return res.error!
}

async function act(openid: string, ticket: Detail, event: Record<string, unknown>) {
  return expectOk(
    await env.call(openid, 'ticket.act', { ticketId: ticket._id, version: ticket.version, event: event as never }),
  )
}
const get = async (openid: string, id: string) => expectOk(await env.call(openid, 'ticket.get', { ticketId: id }))

/** A ticket dispatched to `units` (two units: graded 专题协调, with a meeting due). */
async function dispatched(requestId: string, units: string[], contact = CONTACT): Promise<Detail> {
  let t = expectOk(await env.call(contact, 'ticket.submit', makeSubmission(), { requestId }))
  t = await act(DISPATCHER, t, { type: 'accept' })
  return act(DISPATCHER, t, {
    type: 'dispatch',
    units,
    ...(units.length > 1 ? { reason: '涉及多个部门' } : {}),
  })
}

async function convene(kind: 'reception' | 'coordination', ticketIds: string[], requestId = 'req-meeting-0001') {
  return expectOk(
    await env.call(
      DISPATCHER,
      'meeting.create',
      {
        kind,
        title: kind === 'reception' ? '2026年第1期接待日' : '用工保障专题协调会',
        startsAt: new Date(Date.now() - HOUR).toISOString(),
        place: '市政府3楼会议室',
        leaderIds: kind === 'reception' ? ['leader-mayor'] : [],
        chair: kind === 'coordination' ? '市重点办主任' : '',
        unitCodes: ['hrss', 'education'],
        ticketIds,
      },
      { requestId },
    ),
  )
}

function decide(meeting: View, ticketId: string, extra: Record<string, unknown>, requestId = 'req-decide-0001') {
  return env.call(
    DISPATCHER,
    'meeting.decide',
    { meetingId: meeting._id, version: meeting.version, ticketId, decision: '由市人社局牵头组织专场招聘', ...extra },
    { requestId },
  )
}

const TWO_COMMITMENTS = [
  { unitCode: 'hrss', what: '组织专场招聘会2场', dueAt: inDays(10) },
  { unitCode: 'education', what: '协调职工子女就近入学', dueAt: inDays(12) },
]

describe('a reception day', () => {
  it('goes from agenda to commitments to done, and answers the enterprise when the last one is done', async () => {
    const parent = await dispatched('req-parent-0001', ['hrss'])
    // before it is on his agenda the mayor reads it as any city ticket (the summary's drill-down) but may not act
    expect((await get(MAYOR, parent._id)).offeredEvents).toEqual([])
    let meeting = await convene('reception', [parent._id])
    expect(meeting).toMatchObject({ status: 'planned', leaderNames: ['市长黄志刚'], enterpriseIds: ['ent-lq'] })

    // the mayor sees and prepares his session, and opens its agenda ticket; another leader does not
    expect(expectOk(await env.call(MAYOR, 'meeting.list', {})).items.map((m) => m._id)).toEqual([meeting._id])
    expect(expectOk(await env.call(OTHER_LEADER, 'meeting.list', {})).items).toEqual([])
    expect(expectError(await env.call(OTHER_LEADER, 'meeting.get', { meetingId: meeting._id })).code).toBe('NOT_FOUND')
    const seated = await get(MAYOR, parent._id)
    expect(seated.enterpriseName).toBe('燕京啤酒（桂林漓泉）股份有限公司')
    // on his agenda he may give a 批示; a leader who does not sit reads it but is offered nothing
    expect(seated.offeredEvents).toContain('instruct')
    expect((await get(OTHER_LEADER, parent._id)).offeredEvents).toEqual([])

    // invitations: 消息 to the enterprise, the unit and the mayor
    meeting = expectOk(
      await env.call(DISPATCHER, 'meeting.invite', { meetingId: meeting._id, version: meeting.version }),
    )
    expect(meeting.status).toBe('invited')
    const invited = env.cloud.store
      .find(COLLECTIONS.outbox, { template: 'meetingInvited' })
      .map((r) => r.recipientOpenId as string)
    expect(invited.sort()).toEqual([CONTACT, HRSS, MAYOR].sort())

    meeting = expectOk(await decide(meeting, parent._id, { commitments: TWO_COMMITMENTS }))
    const [c1, c2] = meeting.agenda[0].commitments
    expect(meeting.agenda[0].commitments.map((c) => [c.unitName, c.state, c.done])).toEqual([
      ['市人力资源和社会保障局', 'dispatched', false],
      ['市教育局', 'dispatched', false],
    ])
    expect(meeting.tally).toEqual([
      {
        enterpriseId: 'ent-lq',
        enterpriseName: '燕京啤酒（桂林漓泉）股份有限公司',
        raised: 1,
        promised: 2,
        done: 0,
        late: 0,
      },
    ])

    // linked both ways; the child runs the normal loop at its own unit
    let p = await get(DISPATCHER, parent._id)
    expect(p.childIds).toEqual([c1.childTicketId, c2.childTicketId])
    expect(p.offeredEvents).not.toContain('answerFromCommitments')
    let child1 = await get(HRSS, c1.childTicketId)
    expect(child1).toMatchObject({
      parentId: parent._id,
      origin: { kind: 'reception', id: meeting._id },
      state: 'dispatched',
    })
    expect(child1.replyDueAt).toBe(c1.dueAt)
    expect((await get(MAYOR, c1.childTicketId))._id).toBe(c1.childTicketId) // the mayor follows his promises

    // the parent's own unit cannot answer it while a commitment is open (guard hasNoOpenChildren)
    let parentAsHandler = await act(HRSS, await get(HRSS, parent._id), { type: 'sign' })
    const refused = expectError(
      await env.call(HRSS, 'ticket.act', {
        ticketId: parent._id,
        version: parentAsHandler.version,
        event: { type: 'reply', outcome: 'solved', text: '已解决' },
      }),
    )
    expect(refused).toMatchObject({ code: 'INVALID_TRANSITION', message: '还有2项承诺事项未办结，办结后再答复企业' })

    child1 = await act(HRSS, await act(HRSS, child1, { type: 'sign' }), {
      type: 'reply',
      outcome: 'solved',
      text: '已举办专场招聘会2场，招录86人',
    })
    expect((await get(DISPATCHER, parent._id)).state).toBe('signed') // one of two done
    const child2 = await get(EDUCATION, c2.childTicketId)
    await act(EDUCATION, await act(EDUCATION, child2, { type: 'sign' }), {
      type: 'reply',
      outcome: 'solved',
      text: '已安排12名职工子女就近入学',
    })

    p = await get(CONTACT, parent._id)
    expect(p).toMatchObject({ state: 'replied', outcome: 'solved' })
    expect(p.reply!.text).toContain('接待日议定：由市人社局牵头组织专场招聘')
    expect(p.reply!.text).toContain('已安排12名职工子女就近入学')
    expect(p.offeredEvents).toContain('rate')
    meeting = expectOk(await env.call(DISPATCHER, 'meeting.get', { meetingId: meeting._id }))
    expect(meeting.tally[0]).toMatchObject({ raised: 1, promised: 2, done: 2, late: 0 })
    parentAsHandler = await act(CONTACT, p, { type: 'rate', rating: 'satisfied' })
    expect(parentAsHandler.state).toBe('closed')
  })

  it('answers at once with the decision when nothing was committed, and files a problem raised at the session', async () => {
    const parent = await dispatched('req-parent-0002', ['hrss'])
    let meeting = await convene('reception', [parent._id])
    // nothing committed needs an outcome to answer with; the error names the field
    const missing = expectError(await decide(meeting, parent._id, {}))
    expect(missing).toMatchObject({ code: 'INVALID_INPUT', message: '没有承诺事项时，请选择办理结果（据此答复企业）' })
    meeting = expectOk(await decide(meeting, parent._id, { outcome: 'explained' }))
    expect(await get(CONTACT, parent._id)).toMatchObject({ state: 'replied', outcome: 'explained' })

    // raised at the session: channel reception, on the agenda, opened by the seated mayor
    meeting = expectOk(
      await env.call(
        MAYOR,
        'meeting.raise',
        {
          meetingId: meeting._id,
          version: meeting.version,
          enterpriseId: 'ent-hx',
          category: 'approval',
          title: '仿制药一致性评价审评提速',
          description: '请协调自治区药监局开通绿色通道',
        },
        { requestId: 'req-raise-000001' },
      ),
    )
    const raised = meeting.agenda.find((item) => item.source === 'raisedAtSession')!
    expect(raised.enterpriseName).toBe('桂林华信制药有限公司')
    expect(await get(MAYOR, raised.ticketId)).toMatchObject({ channel: 'reception', state: 'submitted' })
    expect(meeting.tally.map((t) => t.enterpriseName)).toEqual([
      '燕京啤酒（桂林漓泉）股份有限公司',
      '桂林华信制药有限公司',
    ])
  })

  it('keeps two office users consistent: the second decision on the same item is refused', async () => {
    const parent = await dispatched('req-parent-0003', ['hrss'])
    const meeting = await convene('reception', [parent._id])
    expectOk(await decide(meeting, parent._id, { commitments: TWO_COMMITMENTS.slice(0, 1) }, 'req-decide-a0001'))
    const second = await env.call(
      DISPATCHER_2,
      'meeting.decide',
      {
        meetingId: meeting._id,
        version: meeting.version,
        ticketId: parent._id,
        decision: '另一个决定',
        outcome: 'solved',
      },
      { requestId: 'req-decide-b0001' },
    )
    expect(expectError(second).code).toBe('CONFLICT')
    expect((await get(DISPATCHER, parent._id)).childIds).toHaveLength(1)
  })
})

describe('a crash after each write of a decision', () => {
  /** Makes the database refuse every write after the first `writes` of the next call: the function dies there. */
  function crashAfterWrites(writes: number) {
    const database = (env.cloud as unknown as { database: { handle: (r: { action: string }) => object } }).database
    const original = database.handle.bind(database)
    let seen = 0
    database.handle = (request) => {
      if (request.action === 'database.insertDocument' || request.action === 'database.modifyDocument') {
        seen += 1
        if (seen > writes) throw new Error('crash injected by the test')
      }
      return original(request)
    }
    return () => {
      database.handle = original
    }
  }

  // the writes: the meeting, child 1, child 2, the parent's event, the parent's agenda link
  it.each([0, 1, 2, 3, 4])('is finished by its retry after %i writes, with no second child', async (writes) => {
    const parent = await dispatched('req-parent-crash1', ['hrss'])
    const meeting = await convene('reception', [parent._id])
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const restore = crashAfterWrites(writes)
    const crashed = await decide(meeting, parent._id, { commitments: TWO_COMMITMENTS }, 'req-decide-crash1')
    restore()
    quiet.mockRestore()
    expect(expectError(crashed).code).toBe('INTERNAL')
    const done = expectOk(await decide(meeting, parent._id, { commitments: TWO_COMMITMENTS }, 'req-decide-crash1'))
    const commitmentIds = [0, 1].map((i) => commitmentIdFor(meeting._id, parent._id, 'req-decide-crash1', i))
    expect(done.agenda[0].commitments.map((c) => c.id)).toEqual(commitmentIds)
    const children = env.cloud.store.find(COLLECTIONS.tickets, { parentId: parent._id })
    expect(children.map((c) => c._id).sort()).toEqual(commitmentIds.map(childTicketIdFor).sort())
    const p = await get(DISPATCHER, parent._id)
    expect(p.childIds).toEqual(commitmentIds.map(childTicketIdFor))
    expect(p.meetingDecisions).toHaveLength(1)
    expect(p.timeline.filter((e) => e.event === 'recordDecision')).toHaveLength(1)
  })
})

describe('a coordination meeting', () => {
  it('covers several tickets of a topic, clears the meeting due, and the parent cannot close while a child is open', async () => {
    const a = await dispatched('req-coord-a00001', ['hrss', 'education'])
    const b = await dispatched('req-coord-b00001', ['hrss', 'education'], OTHER_CONTACT)
    expect(a).toMatchObject({ track: 'coordination' })
    expect(a.meetingDueAt).not.toBeNull()
    let meeting = await convene('coordination', [a._id, b._id], 'req-coord-meet01')
    expect(meeting.agenda.map((i) => i.source)).toEqual(['graded', 'graded'])
    meeting = expectOk(
      await decide(meeting, a._id, { commitments: TWO_COMMITMENTS.slice(0, 1), minutes: '会议纪要：人社局牵头。' }),
    )
    meeting = expectOk(await decide(meeting, b._id, { outcome: 'planned' }, 'req-decide-coord2'))
    expect(meeting).toMatchObject({ status: 'held', minutes: '会议纪要：人社局牵头。' })

    // holding it cleared the meeting due, on time (held before the due): the scheduler has nothing to chase
    let pa = await get(DISPATCHER, a._id)
    expect(pa).toMatchObject({ meetingDueAt: null, meetingLate: false })
    expect(pa.meetingHeldAt).not.toBeNull()
    expect(await get(OTHER_CONTACT, b._id)).toMatchObject({ state: 'replied', outcome: 'planned' })

    // the lead unit cannot answer the parent while its child is open
    pa = await act(HRSS, await get(HRSS, a._id), { type: 'sign' })
    const refused = await env.call(HRSS, 'ticket.act', {
      ticketId: a._id,
      version: pa.version,
      event: { type: 'reply', outcome: 'solved', text: '已解决' },
    })
    expect(expectError(refused).code).toBe('INVALID_TRANSITION')
    expect((await get(HRSS, a._id)).offeredEvents).not.toContain('reply')

    const childId = meeting.agenda[0].commitments[0].childTicketId
    const child = await get(HRSS, childId)
    await act(HRSS, await act(HRSS, child, { type: 'sign' }), {
      type: 'reply',
      outcome: 'planned',
      text: '已列入下月招聘计划',
    })
    pa = await get(CONTACT, a._id)
    expect(pa).toMatchObject({ state: 'replied', outcome: 'planned' })
    pa = await act(CONTACT, pa, { type: 'rate', rating: 'basicallySatisfied' })
    expect(pa.state).toBe('closed')
  })
})
