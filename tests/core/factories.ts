/**
 * Fixtures of the pure core, with overridable defaults (STYLE.md §9). Tickets in a given state are made by
 * firing the real events from a fresh submission, so a fixture is always a ticket the lifecycle can reach.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import type { ActorRole, Ticket, TicketState } from '../../types/domain'
import type { RulesDocument, TicketDraft } from '../../types/rules'
import type { Actor, TicketEventInput, TicketEventType } from '../../cloudfunctions/core/events'
import { openTicket, type Intake } from '../../cloudfunctions/core/intake'
import { transition } from '../../cloudfunctions/core/lifecycle'
import { defaultRulesDocument } from '../../cloudfunctions/core/rules'
import { makeEnterprise } from '../support/factories'

/** An instant given as Shanghai wall time: sh('2026-10-08T23:59:59.999'). */
export function sh(wallTime: string): Date {
  return new Date(`${wallTime}+08:00`)
}

export const rules: RulesDocument = defaultRulesDocument()

/** A rules document with some limits changed (tests shrink or stretch a named limit). */
export function rulesWith(limits: Partial<RulesDocument['limits']>): RulesDocument {
  return { ...rules, limits: { ...rules.limits, ...limits } }
}

export function makeDraft(overrides: Partial<TicketDraft> = {}): TicketDraft {
  return {
    id: 'draft-1',
    enterprise: { name: '桂林某机械制造有限公司', isKey: false },
    category: 'labor',
    title: '急需招聘技术工人',
    description: '新生产线投产，缺焊工约50名',
    units: [],
    flags: [],
    urgency: 'normal',
    reopenCount: 0,
    submittedAt: sh('2026-09-30T10:00:00'),
    ...overrides,
  }
}

const ENTERPRISE = makeEnterprise({ _id: 'ent-1', name: '桂林某机械制造有限公司', district: '七星区', isKey: true })

/** One actor per role, each in scope of the default ticket (its enterprise, its lead unit hrss). */
export const ACTORS: { readonly [R in ActorRole]: Actor } = {
  enterprise: { id: 'u-contact', name: '企业联系人', role: 'enterprise', enterpriseId: ENTERPRISE._id },
  commissioner: { id: 'u-commissioner', name: '特派员', role: 'commissioner' },
  handler: { id: 'u-handler', name: '人社局经办人', role: 'handler', unitCode: 'hrss' },
  unitHead: { id: 'u-head', name: '人社局负责人', role: 'unitHead', unitCode: 'hrss' },
  dispatcher: { id: 'u-dispatcher', name: '市重点办', role: 'dispatcher' },
  leader: { id: 'u-leader', name: '市领导', role: 'leader' },
  admin: { id: 'u-admin', name: '管理员', role: 'admin' },
  system: { id: 'system', name: '系统', role: 'system' },
}
export const ACTOR_ROLES = Object.keys(ACTORS) as ActorRole[]

/** Which role fires an event in the fixtures' happy paths. */
export const USUAL_ACTOR: { readonly [E in TicketEventType]: ActorRole } = {
  accept: 'dispatcher',
  reject: 'dispatcher',
  resolveOnSite: 'commissioner',
  dispatch: 'dispatcher',
  sign: 'handler',
  sendBack: 'handler',
  reassign: 'dispatcher',
  requestExtension: 'handler',
  approveExtension: 'unitHead',
  denyExtension: 'unitHead',
  askSupplement: 'handler',
  supplement: 'enterprise',
  reply: 'handler',
  rate: 'enterprise',
  reopen: 'enterprise',
  withdraw: 'enterprise',
  supervise: 'dispatcher',
  escalate: 'dispatcher',
  escalateOverdue: 'system',
  instruct: 'leader',
  scheduleReception: 'dispatcher',
  expireRating: 'system',
  recordDecision: 'dispatcher',
  answerFromCommitments: 'dispatcher',
  note: 'dispatcher',
  requestMeeting: 'leader',
  takeUpward: 'commissioner',
}

/** A valid payload of every event; override fields to test the input. */
export function makeEvent<E extends TicketEventType>(
  type: E,
  overrides: Record<string, unknown> = {},
): TicketEventInput {
  const payloads: { readonly [T in TicketEventType]: Record<string, unknown> } = {
    accept: {},
    reject: { reason: '不属于企业服务范围' },
    resolveOnSite: { text: '现场协调供电所，当场恢复供电' },
    dispatch: {},
    sign: {},
    sendBack: { reason: '不属于本单位职责，应由教育局办理' },
    reassign: { units: ['education'], reason: '职责调整' },
    requestExtension: { days: 3, reason: '需等待省厅批复' },
    approveExtension: {},
    denyExtension: { reason: '理由不充分' },
    askSupplement: { question: '请补充用工岗位清单' },
    supplement: { text: '岗位清单见附件', attachments: ['cloud://files/list.pdf'] },
    reply: { outcome: 'solved', text: '已组织专场招聘会，招到焊工48名' },
    rate: { rating: 'satisfied' },
    reopen: { reason: '问题没有解决' },
    withdraw: {},
    supervise: { note: '请加快办理' },
    escalate: { reason: '涉及多个部门' },
    escalateOverdue: {},
    instruct: { text: '请人社局本周内答复' },
    scheduleReception: { receptionDayAt: sh('2026-10-20T09:00:00') },
    expireRating: {},
    recordDecision: {
      meetingId: 'M-1',
      kind: 'reception',
      decision: '由市人社局牵头举办专场招聘会',
      childIds: [],
      heldAt: sh('2026-10-20T09:00:00'),
    },
    answerFromCommitments: { outcome: 'solved', text: '接待日承诺事项均已办结' },
    note: { text: '专班已约见银行，下周反馈' },
    requestMeeting: { reason: '涉及用地和规划两个部门' },
    takeUpward: { level: 'region', reason: '需自治区药监局加快审评' },
  }
  return { type, ...payloads[type], ...overrides } as TicketEventInput
}

export function makeIntake(overrides: Partial<Intake> = {}): Intake {
  return {
    ticketId: 'T-1',
    no: 'HQ20260930-0001',
    enterprise: ENTERPRISE,
    channel: 'app',
    category: 'labor',
    title: '急需招聘技术工人',
    description: '新生产线投产，缺焊工约50名',
    urgency: 'normal',
    flags: [],
    submitter: { openid: ACTORS.enterprise.id, name: ACTORS.enterprise.name, role: 'enterprise' },
    requestId: 'req-00000001',
    ...overrides,
  }
}

/** The moment each fixture event happens: submitted Wed 30 Sep 2026, before the National Day holiday. */
export const TIMES = {
  submitted: sh('2026-09-30T10:00:00'),
  accepted: sh('2026-09-30T11:00:00'),
  dispatched: sh('2026-09-30T12:00:00'),
  signed: sh('2026-10-08T09:00:00'),
  replied: sh('2026-10-09T10:00:00'),
  closed: sh('2026-10-09T15:00:00'),
} as const

type Step = { type: TicketEventType; at: Date; overrides?: Record<string, unknown> }

/** The events that take a fresh ticket to each state. */
const PATHS: { readonly [S in TicketState]: readonly Step[] } = {
  submitted: [],
  accepted: [{ type: 'accept', at: TIMES.accepted }],
  dispatched: [
    { type: 'accept', at: TIMES.accepted },
    { type: 'dispatch', at: TIMES.dispatched },
  ],
  signed: [
    { type: 'accept', at: TIMES.accepted },
    { type: 'dispatch', at: TIMES.dispatched },
    { type: 'sign', at: TIMES.signed },
  ],
  replied: [
    { type: 'accept', at: TIMES.accepted },
    { type: 'dispatch', at: TIMES.dispatched },
    { type: 'sign', at: TIMES.signed },
    { type: 'reply', at: TIMES.replied },
  ],
  closed: [
    { type: 'accept', at: TIMES.accepted },
    { type: 'dispatch', at: TIMES.dispatched },
    { type: 'sign', at: TIMES.signed },
    { type: 'reply', at: TIMES.replied },
    { type: 'rate', at: TIMES.closed, overrides: { rating: 'dissatisfied' } },
  ],
  rejected: [{ type: 'reject', at: TIMES.accepted }],
  withdrawn: [{ type: 'withdraw', at: TIMES.accepted }],
}

export interface TicketFixture {
  intake?: Partial<Intake>
  /** payload overrides of the events on the way, by event type (e.g. dispatch units) */
  events?: Partial<Record<TicketEventType, Record<string, unknown>>>
}

/** Fires one event as the usual actor and fails the test loudly if the fixture path is broken. */
export function fire(
  ticket: Ticket,
  type: TicketEventType,
  at: Date,
  overrides: Record<string, unknown> = {},
  actor?: Actor,
): Ticket {
  const result = transition(
    ticket,
    makeEvent(type, overrides),
    actor ?? ACTORS[USUAL_ACTOR[type]],
    rules,
    BUILT_IN_CALENDAR,
    at,
  )
  if (!result.ok) throw new Error(`fixture: ${type} on ${ticket.state} failed: ${result.code} ${result.message}`)
  return result.ticket
}

/** A ticket in `state`, reached by the real events (closed = rated 不满意, so it can be reopened). */
export function ticketIn(state: TicketState, fixture: TicketFixture = {}): Ticket {
  let ticket = openTicket(makeIntake(fixture.intake), rules, BUILT_IN_CALENDAR, TIMES.submitted)
  for (const step of PATHS[state]) {
    ticket = fire(ticket, step.type, step.at, { ...step.overrides, ...fixture.events?.[step.type] })
  }
  return ticket
}

/** Deep-freezes a value so a test can prove a function never mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const member of Object.values(value)) deepFreeze(member)
  }
  return value
}
