/**
 * Every action of the api's ActionTable, tried by every role of side A on side B's data (tests/directory/
 * world.ts). A role the policy does not name is FORBIDDEN; a scoped role reaching outside its scope gets
 * FORBIDDEN, or NOT_FOUND where the existence of the record is itself private; a scoped list never shows
 * B's records. Afterwards the store is exactly as before: a refused call writes nothing.
 */
import { openTestCloud } from '../support/localCloud'
import { makeSubmission } from '../support/factories'
import type { ActionTable } from '../../cloudfunctions/api/router'
import { scopeOf } from '../../cloudfunctions/shared/access'
import manifest from '../../cloudfunctions/db-manifest.json'
import type { ActionName } from '../../types/actions'
import { ROLES, type Role } from '../../types/domain'
import { CODES, failure, ok, PEOPLE, seedWorld, storeSnapshot } from '../directory/world'

/** Who plays each role: always someone of side A. */
const CALLER: Record<Role, string> = {
  enterprise: PEOPLE.contactA,
  handler: PEOPLE.handlerA,
  unitHead: PEOPLE.headA,
  commissioner: PEOPLE.commissionerA,
  leader: PEOPLE.leaderA,
  dispatcher: PEOPLE.dispatcher,
  admin: PEOPLE.admin,
}

interface World {
  ticketB: { _id: string; version: number }
  ticketA: string
  inviteB: string
  bindingB: string
  xlsxB64: string
  /** B's reception day: leader-b sits, B's ticket on the agenda */
  meetingB: { _id: string; version: number }
}

/** Actions about the caller alone (their profile, binding, privacy, phone, messages, consents): nobody else's data. */
const SELF: readonly string[] = [
  'me.profile',
  'me.acceptPrivacy',
  'me.verifyPhone',
  'binding.status',
  'binding.redeem',
  'ticket.preview',
  'notifications.flush',
  'notifications.list',
  'notifications.unreadCount',
  'notifications.markRead',
  'subscriptions.status',
  'subscriptions.record',
  'subscriptions.templateIds',
]
/** Lists narrowed to the caller's scope: they answer, but never with B's records. */
const SCOPED_LISTS: readonly string[] = [
  'ticket.listMine',
  'ticket.inbox',
  'ticket.listLinked',
  'directory.linked',
  'ticket.search',
  'meeting.list',
  'ticket.leaderItems',
  // the lead service unit's enterprises' tickets; a commissioner's enterprises at a glance
  'ticket.listFollowed',
  'visit.overview',
]
/** Not private: the unit catalogue, the city's aggregate figures. */
const PUBLIC: readonly string[] = ['directory.units', 'stats.summary']

/** B's data, as each remaining action would name it. */
const FOREIGN: { [A in ActionName]?: (w: World) => Record<string, unknown> } = {
  'ticket.submit': () => makeSubmission({ enterpriseId: 'ent-b' }),
  'ticket.get': (w) => ({ ticketId: w.ticketB._id }),
  'ticket.files': (w) => ({ ticketId: w.ticketB._id }),
  'ticket.act': (w) => ({ ticketId: w.ticketB._id, version: w.ticketB.version, event: { type: 'sign' } }),
  'ticket.previewAct': (w) => ({ ticketId: w.ticketB._id, version: w.ticketB.version, event: { type: 'sign' } }),
  'ticket.queue': () => ({}),
  'directory.enterprises': () => ({ keyword: '华信' }),
  'directory.search': () => ({ kind: 'enterprise', keyword: '华信' }),
  'directory.get': () => ({ kind: 'enterprise', id: 'ent-b' }),
  'directory.enterprise.save': () => ({
    enterpriseId: 'ent-b',
    name: '桂林华信制药有限公司（改）',
    creditCode: CODES.b,
    district: '七星区',
    industry: '医药制造业',
    isKey: true,
  }),
  'directory.unit.save': () => ({ code: 'education', name: '市教育局（改）', level: 'city' }),
  'directory.taskForce.save': () => ({
    code: 'tf-financing',
    name: '融资专班（改）',
    leaderId: 'leader-b',
    memberUnitCodes: ['education'],
  }),
  'directory.leader.save': () => ({ leaderId: 'leader-b', name: '黄志刚', title: '市长', rank: 9 }),
  'directory.commissioner.save': () => ({
    commissionerId: 'comm-b',
    name: '蒋德胜',
    unitCode: 'education',
    station: { kind: 'enterprise', enterpriseId: 'ent-b' },
  }),
  'directory.arrangement.save': () => ({
    enterpriseId: 'ent-b',
    leaderId: 'leader-a',
    leadUnitCode: 'hrss',
    commissionerIds: ['comm-a'],
  }),
  'directory.setActive': () => ({ kind: 'enterprise', id: 'ent-b', active: false }),
  'directory.import': (w) => ({ source: { base64: w.xlsxB64, fileName: 'b.csv' }, dryRun: false }),
  'directory.export': () => ({ format: 'xlsx' }),
  'directory.importJobs': () => ({}),
  // the statutory calendar is the office's (read) and the admin's (write): everyone else is refused outright
  'calendar.get': () => ({}),
  'calendar.preview': () => ({
    year: 2027,
    holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
    workdays: [],
  }),
  'calendar.save': () => ({
    year: 2027,
    holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
    workdays: [],
    version: 0,
  }),
  'invite.issue': () => ({ grant: { role: 'enterprise', enterpriseId: 'ent-b' } }),
  'invite.list': () => ({}),
  'invite.cancel': (w) => ({ inviteId: w.inviteB }),
  'binding.list': () => ({}),
  'binding.approve': (w) => ({ bindingId: w.bindingB }),
  'binding.revoke': (w) => ({ bindingId: w.bindingB }),
  'meeting.create': (w) => ({
    kind: 'reception',
    title: '接待日（他方）',
    startsAt: '2026-03-26T06:30:00.000Z',
    place: '市政府',
    leaderIds: ['leader-b'],
    ticketIds: [w.ticketB._id],
  }),
  'meeting.get': (w) => ({ meetingId: w.meetingB._id }),
  'meeting.candidates': (w) => ({ meetingId: w.meetingB._id }),
  'meeting.addAgenda': (w) => ({ meetingId: w.meetingB._id, version: w.meetingB.version, ticketIds: [w.ticketA] }),
  'meeting.invite': (w) => ({ meetingId: w.meetingB._id, version: w.meetingB.version }),
  'meeting.decide': (w) => ({
    meetingId: w.meetingB._id,
    version: w.meetingB.version,
    ticketId: w.ticketB._id,
    decision: '由市教育局办理',
    outcome: 'solved',
  }),
  'meeting.raise': (w) => ({
    meetingId: w.meetingB._id,
    version: w.meetingB.version,
    enterpriseId: 'ent-b',
    category: 'other',
    title: '当场提出的问题',
    description: '当场提出的问题',
  }),
  // B's ticket is an ordinary timed one: it never reaches leader A's city-wide list
  'ticket.leaderItems': () => ({ kind: 'escalated' }),
  'export.tickets': () => ({ filters: { enterpriseId: 'ent-b' } }),
  'export.monthlyReport': () => ({}),
  'export.receptionDay': () => ({ receptionDayId: 'rd-b' }),
  'reach.list': () => ({}),
  'reach.remind': () => ({ openid: PEOPLE.contactB }),
  // a 专班 the caller neither belongs to nor leads (side A: hrss staff, leader-a leads tf-financing)
  'taskForce.tickets': () => ({ taskForce: 'tf-land' }),
  'visit.log': () => ({ enterpriseId: 'ent-b', visitedOn: '2026-03-02', peopleMet: '李主任', heard: '审评进度慢' }),
  'visit.list': () => ({ enterpriseId: 'ent-b' }),
  'visit.coverage': () => ({ days: 30 }),
}

let env: ReturnType<typeof openTestCloud>
let world: World
/** loaded after the local cloud patched the SDK (the actions' modules initialise it) */
let ACTIONS: ActionTable

beforeAll(async () => {
  env = openTestCloud()
  ACTIONS = {
    ...(require('../../cloudfunctions/api/actions') as { ACTIONS: ActionTable }).ACTIONS,
    // the export function's actions go through the same router and the same policy table
    ...(require('../../cloudfunctions/export/actions') as { EXPORT_ACTIONS: Partial<ActionTable> }).EXPORT_ACTIONS,
  } as ActionTable
  seedWorld(env)
  // B's ticket, dispatched to B's lead unit; A's ticket, dispatched to hrss
  const submitted = ok(
    await env.call(PEOPLE.contactB, 'ticket.submit', makeSubmission({ category: 'schooling', title: '职工子女入学' }), {
      requestId: 'req-b-0000001',
    }),
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
  const a = ok(await env.call(PEOPLE.contactA, 'ticket.submit', makeSubmission(), { requestId: 'req-a-0000001' }))
  const issued = ok(
    await env.call(PEOPLE.admin, 'invite.issue', { grant: { role: 'enterprise', enterpriseId: 'ent-b' } }),
  )
  const staff = ok(await env.call(PEOPLE.admin, 'invite.issue', { grant: { role: 'handler', unitCode: 'education' } }))
  const redeemed = ok(await env.call('o-new-education-handler', 'binding.redeem', { code: staff.code, name: '新经办' }))
  const csv = `\uFEFF单位代码,单位名称,层级\r\neducation,市教育局（改）,市直\r\n`
  const meetingB = ok(
    await env.call(
      PEOPLE.dispatcher,
      'meeting.create',
      {
        kind: 'reception',
        title: '2026年第1期接待日',
        startsAt: '2026-03-26T06:30:00.000Z',
        place: '市政府',
        leaderIds: ['leader-b'],
        ticketIds: [t._id],
      },
      { requestId: 'req-meeting-b-0001' },
    ),
  )
  world = {
    ticketB: { _id: t._id, version: t.version },
    ticketA: a._id,
    inviteB: issued.inviteId,
    bindingB: redeemed.bindingId,
    xlsxB64: Buffer.from(csv, 'utf8').toString('base64'),
    meetingB: { _id: meetingB._id, version: meetingB.version },
  }
})
afterAll(() => env.close())

it('classifies every action of the table: self, scoped list, public, or with a payload on B’s data', () => {
  const unclassified = Object.keys(ACTIONS).filter(
    (action) =>
      !SELF.includes(action) && !SCOPED_LISTS.includes(action) && !PUBLIC.includes(action) && !(action in FOREIGN),
  )
  expect(unclassified).toEqual([])
})

it('refuses every role outside its scope on every action, and the store is unchanged', async () => {
  const collections = Object.keys(manifest.collections)
  const before = storeSnapshot(env, collections)
  const outcomes: string[] = []
  const unexpected: string[] = []
  for (const action of Object.keys(ACTIONS) as ActionName[]) {
    for (const role of ROLES) {
      const scope = scopeOf(action, role)
      const payload = FOREIGN[action]?.(world) ?? {}
      const extra = { role, requestId: `req-sweep-${action.replace(/\W/g, '')}-${role}`.slice(0, 64) }
      if (scope === undefined) {
        const res = await env.call(CALLER[role], action, payload, extra)
        const code = res.ok ? 'ok' : res.error.code
        if (code !== 'FORBIDDEN') unexpected.push(`${action} as ${role}: ${code} (expected FORBIDDEN)`)
        outcomes.push(`${action}/${role}/FORBIDDEN`)
        continue
      }
      // the office sees everything, a leader reads every ticket of the city (the summary's drill-down);
      // an action about the caller alone has no one else's data
      if (scope === 'everything' || scope === 'cityTickets' || SELF.includes(action)) continue
      const res = await env.call(CALLER[role], action, payload, extra)
      if (SCOPED_LISTS.includes(action) || PUBLIC.includes(action)) {
        const text = JSON.stringify(ok(res))
        for (const foreign of ['ent-b', world.ticketB._id, '华信制药']) {
          if (text.includes(foreign)) unexpected.push(`${action} as ${role} shows ${foreign}`)
        }
        continue
      }
      const code = res.ok ? 'ok' : res.error.code
      if (code !== 'FORBIDDEN' && code !== 'NOT_FOUND')
        unexpected.push(`${action} as ${role}: ${code} (expected FORBIDDEN or NOT_FOUND)`)
      outcomes.push(`${action}/${role}/${code}`)
    }
  }
  expect(unexpected).toEqual([])
  expect(outcomes.length).toBeGreaterThan(150) // 43 actions × 7 roles, less the office's and the self actions
  // a sample of what the policy decided, as a reader would check it
  expect(outcomes).toEqual(
    expect.arrayContaining([
      'ticket.get/enterprise/NOT_FOUND',
      'ticket.get/handler/NOT_FOUND',
      'ticket.act/leader/NOT_FOUND',
      'ticket.get/commissioner/NOT_FOUND',
      'ticket.act/unitHead/NOT_FOUND',
      'ticket.submit/enterprise/FORBIDDEN',
      'directory.get/enterprise/NOT_FOUND',
      'directory.get/leader/NOT_FOUND',
      'directory.enterprise.save/dispatcher/FORBIDDEN',
      'invite.issue/leader/FORBIDDEN',
      'binding.revoke/enterprise/FORBIDDEN',
      // a leader who does not sit in B's reception day neither sees it nor files a problem there
      'meeting.get/leader/NOT_FOUND',
      'meeting.raise/leader/NOT_FOUND',
      'meeting.decide/handler/FORBIDDEN',
      'meeting.create/leader/FORBIDDEN',
      'taskForce.tickets/handler/FORBIDDEN',
      'taskForce.tickets/leader/FORBIDDEN',
      'visit.log/commissioner/FORBIDDEN',
      'visit.list/commissioner/NOT_FOUND',
      'visit.coverage/commissioner/FORBIDDEN',
    ]),
  )
  expect(storeSnapshot(env, collections)).toBe(before)
})

it('has a policy row naming at least one role for every action', () => {
  const missing = Object.keys(ACTIONS).filter((action) => ROLES.every((role) => scopeOf(action, role) === undefined))
  expect(missing).toEqual([])
})

it('lets the side-A people see their own side (the sweep is not passing by refusing everything)', async () => {
  expect(ok(await env.call(PEOPLE.contactA, 'ticket.get', { ticketId: world.ticketA })).enterpriseId).toBe('ent-a')
  expect(ok(await env.call(PEOPLE.leaderA, 'ticket.get', { ticketId: world.ticketA })).enterpriseId).toBe('ent-a')
  expect(ok(await env.call(PEOPLE.commissionerA, 'ticket.listLinked', {})).items.map((i) => i._id)).toEqual([
    world.ticketA,
  ])
  expect(ok(await env.call(PEOPLE.handlerB, 'ticket.get', { ticketId: world.ticketB._id })).enterpriseId).toBe('ent-b')
  // hrss is not yet A's handling unit, but it is A's 四个一 lead service unit: told of the new 诉求, it can open it
  expect(ok(await env.call(PEOPLE.handlerA, 'ticket.get', { ticketId: world.ticketA })).enterpriseId).toBe('ent-a')
  expect(ok(await env.call(PEOPLE.handlerA, 'ticket.listFollowed', {})).items.map((i) => i._id)).toEqual([
    world.ticketA,
  ])
  // education handles B's ticket but is not yet told of A's (not dispatched to it, not A's lead service unit)
  expect(failure(await env.call(PEOPLE.handlerB, 'ticket.get', { ticketId: world.ticketA })).code).toBe('NOT_FOUND')
})
