/**
 * The policy's scopes as rules (table-driven), phone masking, and the scoped roles through the real function:
 * leaders and commissioners on their linked enterprises, callers without a binding, one person with two roles.
 */
import { canSeeTicket, maskPhone, phoneFor, scopeOf, type ScopedSubject } from '../../cloudfunctions/shared/access'
import type { RoleGrant } from '../../types/domain'
import { openTestCloud } from '../support/localCloud'
import { makeSubmission, makeUser } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { failure, ok, PEOPLE, seedWorld } from '../directory/world'

describe('phone numbers', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['0773-2821234', '0773-***1234'],
    ['07732821234', '0773-***1234'],
    ['12', '**'],
  ])('%s is shown as %s outside the office', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })
  it('are shown in full to the office only', () => {
    expect(phoneFor('dispatcher', '13812345678')).toBe('13812345678')
    expect(phoneFor('admin', '13812345678')).toBe('13812345678')
    for (const role of ['enterprise', 'handler', 'unitHead', 'commissioner', 'leader'] as const) {
      expect(phoneFor(role, '13812345678')).toBe('138****5678')
    }
  })
})

describe('who may act on a ticket (ticket.act; ticket.get is the same but for leaders)', () => {
  const ticket = { enterpriseId: 'ent-a', units: ['hrss', 'education'], dispatchedAt: new Date('2026-03-02T02:00:00Z') }
  const undispatched = { ...ticket, dispatchedAt: null }
  // the facts the shell looks up (shared/ticketAccess.ts): the 专班's leader, the 四个一 lead service unit
  const financing = { ...ticket, taskForce: 'tf-financing', taskForceLeaderId: 'leader-f' }
  const undispatchedFinancing = { ...financing, dispatchedAt: null }
  const followed = { ...undispatched, leadServiceUnit: 'industry-it' }
  const cases: Array<
    [string, RoleGrant, ScopedSubject & { enterpriseId: string; units: string[]; dispatchedAt: Date | null }, boolean]
  > = [
    ['the enterprise’s own contact', { role: 'enterprise', enterpriseId: 'ent-a' }, ticket, true],
    ['another enterprise’s contact', { role: 'enterprise', enterpriseId: 'ent-b' }, ticket, false],
    ['a contact bound to no enterprise', { role: 'enterprise' }, ticket, false],
    ['the lead unit’s handler, once dispatched', { role: 'handler', unitCode: 'hrss' }, ticket, true],
    ['a co-unit’s head, once dispatched', { role: 'unitHead', unitCode: 'education' }, ticket, true],
    ['the lead unit before dispatch', { role: 'handler', unitCode: 'hrss' }, undispatched, false],
    ['another unit', { role: 'handler', unitCode: 'tax' }, ticket, false],
    [
      'the enterprise’s leader (四个一)',
      { role: 'leader', leaderId: 'leader-a', enterpriseIds: ['ent-a'] },
      undispatched,
      true,
    ],
    ['another leader', { role: 'leader', leaderId: 'leader-b', enterpriseIds: ['ent-b'] }, ticket, false],
    ['a leader whose grant lists no enterprises', { role: 'leader', leaderId: 'leader-a' }, ticket, false],
    [
      'the enterprise’s commissioner',
      { role: 'commissioner', commissionerId: 'comm-a', enterpriseIds: ['ent-a'] },
      ticket,
      true,
    ],
    ['the category’s 专班 member, once dispatched', { role: 'handler', unitCode: 'tf-financing' }, financing, true],
    ['the 专班 member before dispatch', { role: 'handler', unitCode: 'tf-financing' }, undispatchedFinancing, false],
    ['another 专班’s member', { role: 'handler', unitCode: 'tf-land' }, financing, false],
    ['the 专班’s leading city leader', { role: 'leader', leaderId: 'leader-f', enterpriseIds: [] }, financing, true],
    ['another city leader', { role: 'leader', leaderId: 'leader-b', enterpriseIds: ['ent-b'] }, financing, false],
    ['the lead service unit (四个一), before dispatch', { role: 'handler', unitCode: 'industry-it' }, followed, true],
    ['the lead service unit’s head', { role: 'unitHead', unitCode: 'industry-it' }, followed, true],
    ['a unit that is not the lead service unit', { role: 'handler', unitCode: 'tax' }, followed, false],
    ['the dispatcher', { role: 'dispatcher' }, undispatched, true],
    ['the admin', { role: 'admin' }, undispatched, true],
  ]
  it.each(cases)('%s → %s', (_who, grant, t, visible) => {
    expect(canSeeTicket(grant, t, 'ticket.act')).toBe(visible)
    if (grant.role !== 'leader') expect(canSeeTicket(grant, t)).toBe(visible)
  })
  it('lets any leader read any ticket of the city: the summary’s drill-down opens them', () => {
    expect(canSeeTicket({ role: 'leader', leaderId: 'leader-b', enterpriseIds: ['ent-b'] }, ticket)).toBe(true)
    expect(canSeeTicket({ role: 'leader', leaderId: 'leader-b' }, undispatched, 'ticket.files')).toBe(true)
  })
})

describe('the table', () => {
  it('scopes a leader: reads any ticket, acts on linked ones, the sessions they sit in and the city-wide leader items, aggregates on statistics', () => {
    expect(scopeOf('ticket.act', 'leader')).toBe('leaderItems')
    expect(scopeOf('ticket.get', 'leader')).toBe('cityTickets')
    expect(scopeOf('ticket.listLinked', 'leader')).toBe('linkedEnterprises')
    expect(scopeOf('ticket.get', 'handler')).toBe('involvedUnit')
    expect(scopeOf('taskForce.tickets', 'handler')).toBe('ownTaskForce')
    expect(scopeOf('taskForce.tickets', 'leader')).toBe('ledTaskForce')
    expect(scopeOf('ticket.listFollowed', 'unitHead')).toBe('leadServiceUnit')
    expect(scopeOf('visit.log', 'commissioner')).toBe('linkedEnterprises')
    expect(scopeOf('visit.coverage', 'commissioner')).toBeUndefined()
    expect(scopeOf('stats.summary', 'leader')).toBe('cityAggregates')
    expect(scopeOf('directory.enterprise.save', 'dispatcher')).toBeUndefined()
    expect(scopeOf('directory.enterprise.save', 'admin')).toBe('everything')
  })
})

describe('through the function', () => {
  let env: ReturnType<typeof openTestCloud>
  beforeEach(() => {
    env = openTestCloud()
    seedWorld(env)
  })
  afterEach(() => env.close())

  async function ticketOf(contact: string, requestId: string) {
    return ok(await env.call(contact, 'ticket.submit', makeSubmission(), { requestId }))
  }

  it('lets a leader instruct on a linked enterprise’s ticket within 3 round trips, and not on another’s', async () => {
    const mine = await ticketOf(PEOPLE.contactA, 'req-a-instruct-1')
    const theirs = await ticketOf(PEOPLE.contactB, 'req-b-instruct-1')
    const { result, dbRoundTrips } = await env.callWithStats(PEOPLE.leaderA, 'ticket.act', {
      ticketId: mine._id,
      version: mine.version,
      event: { type: 'instruct', text: '请市人社局抓紧对接，务必按时答复。' },
    })
    expect(ok(result).instructions).toHaveLength(1)
    expect(dbRoundTrips).toBeLessThanOrEqual(3)
    const refused = await env.call(PEOPLE.leaderA, 'ticket.act', {
      ticketId: theirs._id,
      version: theirs.version,
      event: { type: 'instruct', text: '请办理' },
    })
    expect(failure(refused).code).toBe('NOT_FOUND')
  })

  it('gives a leader the city’s summary but not another enterprise’s tickets in their list', async () => {
    await ticketOf(PEOPLE.contactA, 'req-a-summary-1')
    await ticketOf(PEOPLE.contactB, 'req-b-summary-1')
    expect(ok(await env.call(PEOPLE.leaderA, 'stats.summary', {})).overall.collected).toBe(2)
    const linked = ok(await env.call(PEOPLE.leaderA, 'ticket.listLinked', {}))
    expect(linked.items.map((i) => i.enterpriseName)).toEqual(['燕京啤酒(桂林漓泉)股份有限公司'])
  })

  it('shows contact phones masked to the enterprise and the leader, in full to the office', async () => {
    const asContact = ok(await env.call(PEOPLE.contactA, 'directory.get', { kind: 'enterprise', id: 'ent-a' }))
    const asLeader = ok(await env.call(PEOPLE.leaderA, 'directory.get', { kind: 'enterprise', id: 'ent-a' }))
    const asOffice = ok(await env.call(PEOPLE.dispatcher, 'directory.get', { kind: 'enterprise', id: 'ent-a' }))
    const phoneIn = (view: typeof asContact) => (view.kind === 'enterprise' ? view.record.contacts[0].phone : null)
    expect([phoneIn(asContact), phoneIn(asLeader), phoneIn(asOffice)]).toEqual([
      '138****5678',
      '138****5678',
      '13812345678',
    ])
    const linked = ok(await env.call(PEOPLE.commissionerA, 'directory.linked', {}))
    expect(linked.map((l) => [l.enterprise._id, l.enterprise.contacts[0].phone, l.arrangement?.leaderName])).toEqual([
      ['ent-a', '138****5678', '周立群'],
    ])
  })

  it('answers a WeChat user with no binding on the binding actions only', async () => {
    const status = ok(await env.call(PEOPLE.stranger, 'binding.status', {}))
    expect(status).toMatchObject({
      bound: false,
      grants: [],
      pending: [],
      phone: null,
      privacy: { acceptedVersion: null },
    })
    expect(failure(await env.call(PEOPLE.stranger, 'me.profile', {})).code).toBe('UNAUTHENTICATED')
    expect(failure(await env.call(PEOPLE.stranger, 'ticket.listMine', {})).code).toBe('UNAUTHENTICATED')
    // a record made by accepting the privacy notice is still not a binding
    ok(await env.call(PEOPLE.stranger, 'me.acceptPrivacy', { version: status.privacy.currentVersion }))
    expect(failure(await env.call(PEOPLE.stranger, 'ticket.listMine', {})).code).toBe('UNAUTHENTICATED')
    expect(env.cloud.store.find(COLLECTIONS.users, { _id: PEOPLE.stranger })[0]).toMatchObject({ name: '', grants: [] })
  })

  it('lets one person hold two roles and act in the one they name', async () => {
    env.cloud.store.insertMany(COLLECTIONS.users, [
      makeUser('o-two-hats', [
        { role: 'enterprise', enterpriseId: 'ent-b' },
        { role: 'commissioner', commissionerId: 'comm-a', enterpriseIds: ['ent-a'] },
      ]),
    ])
    const a = await ticketOf(PEOPLE.contactA, 'req-a-twohats-1')
    expect(ok(await env.call('o-two-hats', 'ticket.listMine', {}, { role: 'enterprise' })).items).toEqual([])
    expect(failure(await env.call('o-two-hats', 'ticket.listMine', {}, { role: 'commissioner' })).code).toBe(
      'FORBIDDEN',
    )
    expect(
      ok(await env.call('o-two-hats', 'ticket.listLinked', {}, { role: 'commissioner' })).items.map((i) => i._id),
    ).toEqual([a._id])
    expect(failure(await env.call('o-two-hats', 'ticket.get', { ticketId: a._id }, { role: 'enterprise' })).code).toBe(
      'NOT_FOUND',
    )
    expect(failure(await env.call('o-two-hats', 'ticket.get', { ticketId: a._id }, { role: 'leader' })).code).toBe(
      'FORBIDDEN',
    )
  })
})
