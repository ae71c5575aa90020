/**
 * Commissioners' work through the real local cloud: the visit log (走访记录) and its tickets, retried after a
 * crash at any of its writes; their enterprises at a glance; the office's coverage; 现场办结 of a ticket the
 * enterprise filed in the app; 上报 to the 自治区 / national level, which tells the office.
 */
import { openTestCloud } from '../support/localCloud'
import { makeSubmission } from '../support/factories'
import { shanghaiDateOf } from '../../cloudfunctions/core/clock'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { failure, ok, PEOPLE, seedWorld } from '../directory/world'

let env: ReturnType<typeof openTestCloud>
beforeEach(() => {
  env = openTestCloud()
  seedWorld(env)
})
afterEach(() => env.close())

const today = () => shanghaiDateOf(new Date())
const daysAgo = (days: number) => shanghaiDateOf(new Date(Date.now() - days * 86_400_000))

function visitOf(overrides: Record<string, unknown> = {}) {
  return {
    enterpriseId: 'ent-a',
    visitedOn: today(),
    peopleMet: '王经理（办公室主任）、生产部李部长',
    heard: '二期生产线即将投产，用工和流动资金紧张',
    problems: [
      { category: 'labor', title: '二期投产缺技术工人', description: '缺焊工、电工约200名，请人社部门组织专场招聘' },
      { category: 'financing', title: '流动资金贷款', description: '需流动资金贷款3000万元，请协调银行' },
    ],
    ...overrides,
  }
}

const store = () => env.cloud.store
const visitTickets = () => store().find(COLLECTIONS.tickets, { channel: 'visit' })

describe('the visit log', () => {
  it('records the visit and turns each problem found into a ticket with channel visit; a retry adds nothing', async () => {
    const visit = ok(await env.call(PEOPLE.commissionerA, 'visit.log', visitOf(), { requestId: 'req-visit-0001' }))
    expect(visit).toMatchObject({ enterpriseName: '燕京啤酒(桂林漓泉)股份有限公司', commissionerName: '粟明辉' })
    expect(visit.status).toBe('complete')
    const tickets = visitTickets()
    expect(tickets.map((t) => t._id).sort()).toEqual(visit.problems.map((p) => p.ticketId).sort())
    expect(tickets.map((t) => t.state)).toEqual(['submitted', 'submitted'])

    // the same retry key (even with another payload) answers the first visit and writes nothing new
    const again = ok(
      await env.call(PEOPLE.commissionerA, 'visit.log', visitOf({ heard: '改' }), { requestId: 'req-visit-0001' }),
    )
    expect(again).toEqual(visit)
    expect(store().count(COLLECTIONS.visits)).toBe(1)
    expect(visitTickets()).toHaveLength(2)
  })

  it('is healed by a retry after a crash at any of its writes', async () => {
    const first = ok(await env.call(PEOPLE.commissionerA, 'visit.log', visitOf(), { requestId: 'req-visit-crash' }))
    const [visitDoc] = store().find(COLLECTIONS.visits)
    const tickets = visitTickets()
    const coverage = store().find(COLLECTIONS.visitCoverage)
    // the writes in order: the visit (recording), ticket 1, ticket 2, the coverage, the visit completed
    const crashes: Array<[string, number, boolean]> = [
      ['after the visit record', 0, false],
      ['after the first ticket', 1, false],
      ['after every ticket', 2, false],
      ['after the coverage', 2, true],
    ]
    for (const [when, ticketsWritten, coverageWritten] of crashes) {
      store().clear(COLLECTIONS.visits)
      store().clear(COLLECTIONS.tickets)
      store().clear(COLLECTIONS.visitCoverage)
      store().insertMany(COLLECTIONS.visits, [{ ...visitDoc, status: 'recording' }])
      store().insertMany(COLLECTIONS.tickets, tickets.slice(0, ticketsWritten))
      if (coverageWritten) store().insertMany(COLLECTIONS.visitCoverage, coverage)

      const retried = ok(await env.call(PEOPLE.commissionerA, 'visit.log', visitOf(), { requestId: 'req-visit-crash' }))
      expect([when, retried]).toEqual([when, first])
      expect([
        when,
        visitTickets()
          .map((t) => t._id)
          .sort(),
      ]).toEqual([when, tickets.map((t) => t._id).sort()])
      expect([when, store().find(COLLECTIONS.visitCoverage)]).toEqual([when, coverage])
      expect([when, store().find(COLLECTIONS.visits)[0].status]).toEqual([when, 'complete'])
    }
  })

  it('refuses another enterprise, a future date, and says which field', async () => {
    const foreign = failure(
      await env.call(PEOPLE.commissionerA, 'visit.log', visitOf({ enterpriseId: 'ent-b' }), {
        requestId: 'req-v-b-01',
      }),
    )
    expect(foreign).toMatchObject({ code: 'FORBIDDEN', fields: { enterpriseId: '只能选择您服务的企业' } })
    const tomorrow = shanghaiDateOf(new Date(Date.now() + 2 * 86_400_000))
    const future = failure(
      await env.call(PEOPLE.commissionerA, 'visit.log', visitOf({ visitedOn: tomorrow }), { requestId: 'req-v-f-01' }),
    )
    expect(future).toMatchObject({ code: 'INVALID_INPUT', fields: { visitedOn: '走访日期不能晚于今天' } })
    const empty = failure(
      await env.call(PEOPLE.commissionerA, 'visit.log', visitOf({ peopleMet: ' ' }), { requestId: 'req-v-e-01' }),
    )
    expect(empty.code).toBe('INVALID_INPUT')
    expect(store().count(COLLECTIONS.visits)).toBe(0)
  })

  it('shows the commissioner their enterprises at a glance and the office who was not visited', async () => {
    ok(
      await env.call(PEOPLE.commissionerA, 'visit.log', visitOf({ visitedOn: daysAgo(40) }), {
        requestId: 'req-v-old-1',
      }),
    )
    const overview = ok(await env.call(PEOPLE.commissionerA, 'visit.overview', {}))
    expect(overview).toEqual([
      expect.objectContaining({ enterpriseId: 'ent-a', open: 2, overdue: 0, daysSinceVisit: expect.any(Number) }),
    ])
    expect(overview[0].daysSinceVisit).toBeGreaterThanOrEqual(39)

    // key enterprises: ent-a (40 days ago) and ent-b (never) are not covered in 30 days
    const stale = ok(await env.call(PEOPLE.dispatcher, 'visit.coverage', { days: 30 }))
    expect(stale.keyEnterprises).toBe(2)
    expect(stale.notVisited.map((n) => [n.enterpriseId, n.lastVisitAt === null])).toEqual([
      ['ent-b', true],
      ['ent-a', false],
    ])
    ok(await env.call(PEOPLE.commissionerA, 'visit.log', visitOf({ problems: [] }), { requestId: 'req-v-new-1' }))
    const covered = ok(await env.call(PEOPLE.dispatcher, 'visit.coverage', { days: 30 }))
    expect(covered.notVisited.map((n) => n.enterpriseId)).toEqual(['ent-b'])
    expect(ok(await env.call(PEOPLE.dispatcher, 'visit.list', { enterpriseId: 'ent-a' })).items).toHaveLength(2)
  })
})

describe('following the enterprise’s tickets', () => {
  async function appTicketSigned() {
    const submitted = ok(
      await env.call(PEOPLE.contactA, 'ticket.submit', makeSubmission(), { requestId: 'req-app-01' }),
    )
    let t = ok(
      await env.call(PEOPLE.dispatcher, 'ticket.act', {
        ticketId: submitted._id,
        version: submitted.version,
        event: { type: 'accept' },
      }),
    )
    t = ok(
      await env.call(PEOPLE.dispatcher, 'ticket.act', {
        ticketId: t._id,
        version: t.version,
        event: { type: 'dispatch' },
      }),
    )
    return ok(
      await env.call(PEOPLE.handlerA, 'ticket.act', { ticketId: t._id, version: t.version, event: { type: 'sign' } }),
    )
  }

  it('lets the commissioner record 现场办结 of a ticket the enterprise filed in the app; the enterprise confirms', async () => {
    const signed = await appTicketSigned()
    expect(signed.channel).toBe('app')
    const resolved = ok(
      await env.call(PEOPLE.commissionerA, 'ticket.act', {
        ticketId: signed._id,
        version: signed.version,
        event: { type: 'resolveOnSite', text: '现场协调人社局，专场招聘会已招到48名' },
      }),
    )
    expect(resolved).toMatchObject({ state: 'replied', outcome: 'solved', channel: 'app' })
    ok(await env.call(PEOPLE.commissionerA, 'notifications.flush', { ticketId: signed._id }))
    const told = store()
      .find(COLLECTIONS.outbox, { ticketId: signed._id, template: 'ticketResolvedOnSite' })
      .map((m) => m.recipientOpenId)
    expect(told).toEqual(expect.arrayContaining([PEOPLE.contactA, PEOPLE.dispatcher, PEOPLE.handlerA]))
    const closed = ok(
      await env.call(PEOPLE.contactA, 'ticket.act', {
        ticketId: resolved._id,
        version: resolved.version,
        event: { type: 'rate', rating: 'satisfied' },
      }),
    )
    expect(closed.state).toBe('closed')
  })

  it('takes a problem upward: the office is told, the ticket shows who and when, and later what came back', async () => {
    const signed = await appTicketSigned()
    const upward = ok(
      await env.call(PEOPLE.commissionerA, 'ticket.act', {
        ticketId: signed._id,
        version: signed.version,
        event: { type: 'takeUpward', level: 'national', reason: '仿制药一致性评价需国家药监局加快审评' },
      }),
    )
    expect(upward).toMatchObject({ level: 'national', flags: ['national'] })
    expect(upward.upward).toEqual([
      expect.objectContaining({ level: 'national', byName: '粟明辉', at: expect.any(String), answer: null }),
    ])
    ok(await env.call(PEOPLE.commissionerA, 'notifications.flush', { ticketId: signed._id }))
    const told = store()
      .find(COLLECTIONS.outbox, { ticketId: signed._id, template: 'ticketTakenUpward' })
      .map((m) => m.recipientOpenId)
    expect(told).toEqual(expect.arrayContaining([PEOPLE.dispatcher, PEOPLE.commissionerA, PEOPLE.handlerA]))
    const answered = ok(
      await env.call(PEOPLE.dispatcher, 'ticket.act', {
        ticketId: upward._id,
        version: upward.version,
        event: { type: 'note', text: '国家药监局已纳入优先审评', upwardAnswer: true },
      }),
    )
    expect(answered.upward?.[0].answer).toMatchObject({ text: '国家药监局已纳入优先审评' })
    // nothing higher than national
    const again = await env.call(PEOPLE.commissionerA, 'ticket.act', {
      ticketId: answered._id,
      version: answered.version,
      event: { type: 'takeUpward', level: 'region', reason: '再报' },
    })
    expect(failure(again).code).toBe('INVALID_INPUT')
  })
})
