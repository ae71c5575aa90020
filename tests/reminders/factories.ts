/**
 * Fixtures of the reminders core, with overridable defaults (STYLE.md §9). Tickets that need a history are
 * made by firing the real lifecycle events, so a fixture is always a ticket the lifecycle can reach.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import type { ActorRole, ServiceArrangement, Ticket } from '../../types/domain'
import type { RulesDocument } from '../../types/rules'
import type { Actor, TicketEventInput } from '../../cloudfunctions/core/events'
import { openTicket, type Intake } from '../../cloudfunctions/core/intake'
import { transition } from '../../cloudfunctions/core/lifecycle'
import { defaultRulesDocument } from '../../cloudfunctions/core/rules'
import type { Directory } from '../../cloudfunctions/core/reminders/addressees'
import type { MessageTicket } from '../../cloudfunctions/core/reminders/format'
import type { OutboxRecord } from '../../cloudfunctions/core/reminders/outbox'
import type { ScheduledTicket } from '../../cloudfunctions/core/reminders/schedule'

/** An instant given as Shanghai wall time: sh('2026-10-08T08:30'). */
export function sh(wallTime: string): Date {
  return new Date(`${wallTime}+08:00`)
}

/** 'MM-DD HH:mm' in Shanghai, for readable expectations. */
export function wall(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ')
}

export const rules: RulesDocument = defaultRulesDocument()

export function rulesWith(limits: Partial<RulesDocument['limits']>): RulesDocument {
  return { ...rules, limits: { ...rules.limits, ...limits } }
}

/** The people of the fixtures' directory, by OPENID. */
export const OPENIDS = {
  contact: 'o-contact',
  dispatcher: 'o-dispatcher',
  hrssHandler: 'o-hrss',
  hrssHead: 'o-hrss-head',
  /** staff of industry-it, the key enterprise's lead service unit (四个一) */
  leadServiceUnit: 'o-industry',
  leader: 'o-leader',
  commissioner: 'o-commissioner',
} as const

export const ENTERPRISE = { _id: 'ent-1', name: '桂林某机械制造有限公司', isKey: true, district: '七星区' } as const

export const ARRANGEMENT: ServiceArrangement = {
  _id: ENTERPRISE._id,
  enterpriseId: ENTERPRISE._id,
  leaderId: 'L-1',
  leadUnitCode: 'industry-it',
  serviceTeamId: 'team-1',
  commissionerIds: ['c-1'],
}

export function makeDirectory(overrides: Partial<Directory> = {}): Directory {
  return {
    users: [
      { _id: OPENIDS.contact, grants: [{ role: 'enterprise', enterpriseId: ENTERPRISE._id }] },
      { _id: OPENIDS.dispatcher, grants: [{ role: 'dispatcher' }] },
      { _id: OPENIDS.hrssHandler, grants: [{ role: 'handler', unitCode: 'hrss' }] },
      { _id: OPENIDS.hrssHead, grants: [{ role: 'unitHead', unitCode: 'hrss' }] },
      { _id: OPENIDS.leadServiceUnit, grants: [{ role: 'handler', unitCode: 'industry-it' }] },
      { _id: OPENIDS.leader, grants: [{ role: 'leader', leaderId: 'L-1' }] },
      { _id: OPENIDS.commissioner, grants: [{ role: 'commissioner', commissionerId: 'c-1' }] },
    ],
    serviceTeamMembers: { 'team-1': ['c-1'] },
    ...overrides,
  }
}

export const ACTORS: { readonly [R in ActorRole]: Actor } = {
  enterprise: { id: OPENIDS.contact, name: '王经理', role: 'enterprise', enterpriseId: ENTERPRISE._id },
  commissioner: { id: OPENIDS.commissioner, name: '特派员', role: 'commissioner' },
  handler: { id: OPENIDS.hrssHandler, name: '人社局 周经办', role: 'handler', unitCode: 'hrss' },
  unitHead: { id: OPENIDS.hrssHead, name: '人社局 负责人', role: 'unitHead', unitCode: 'hrss' },
  dispatcher: { id: OPENIDS.dispatcher, name: '市重点办 李科长', role: 'dispatcher' },
  leader: { id: OPENIDS.leader, name: '市领导', role: 'leader' },
  admin: { id: 'o-admin', name: '管理员', role: 'admin' },
  system: { id: 'system', name: '系统', role: 'system' },
}

export function makeIntake(overrides: Partial<Intake> = {}): Intake {
  return {
    ticketId: 'T-1',
    no: 'HQ20260929-0001',
    enterprise: ENTERPRISE,
    channel: 'app',
    category: 'labor',
    title: '新厂区投产急需招聘200名技术工人',
    description: '二期生产线投产，缺焊工、电工等技术工人约200名',
    urgency: 'normal',
    flags: [],
    submitter: { openid: OPENIDS.contact, name: '王经理', role: 'enterprise' },
    requestId: 'req-00000001',
    ...overrides,
  }
}

/** Fires one event and fails loudly if the lifecycle refuses it (a broken fixture, not a test result). */
export function fire(
  ticket: Ticket,
  event: TicketEventInput,
  actor: Actor,
  at: Date,
  rulesDocument: RulesDocument = rules,
): Ticket {
  const result = transition(ticket, event, actor, rulesDocument, BUILT_IN_CALENDAR, at)
  if (!result.ok) throw new Error(`fixture: ${event.type} on ${ticket.state} failed: ${result.code} ${result.message}`)
  return result.ticket
}

/** A timed ticket submitted, accepted and dispatched to hrss on Tue 29 Sep 2026 (the day before National Day). */
export function ticketDispatchedAt(dispatchedAt: Date, intake: Partial<Intake> = {}): Ticket {
  const submittedAt = new Date(dispatchedAt.getTime() - 60 * 60_000)
  let ticket = openTicket(makeIntake(intake), rules, BUILT_IN_CALENDAR, submittedAt)
  ticket = fire(ticket, { type: 'accept' }, ACTORS.dispatcher, new Date(dispatchedAt.getTime() - 30 * 60_000))
  return fire(ticket, { type: 'dispatch' }, ACTORS.dispatcher, dispatchedAt)
}

/** A planner input with every due empty: state the dues a case needs. */
export function makeScheduledTicket(overrides: Partial<ScheduledTicket> = {}): ScheduledTicket {
  return {
    _id: 'T-1',
    state: 'signed',
    track: 'timed',
    version: 4,
    createdAt: sh('2026-09-29T09:00'),
    dispatchedAt: sh('2026-09-29T10:00'),
    pausedAt: null,
    acceptDueAt: null,
    signDueAt: null,
    sendBackDueAt: null,
    replyDueAt: null,
    meetingDueAt: null,
    ratingDueAt: null,
    reply: null,
    timeline: [],
    ...overrides,
  }
}

export function makeMessageTicket(overrides: Partial<MessageTicket> = {}): MessageTicket {
  return {
    _id: 'T-1',
    no: 'HQ20260929-0001',
    title: '新厂区投产急需招聘200名技术工人',
    enterpriseName: ENTERPRISE.name,
    state: 'replied',
    track: 'timed',
    outcome: 'solved',
    rating: null,
    reply: {
      text: '已组织专场招聘会，招到焊工48名、电工20名',
      attachments: [],
      at: sh('2026-10-09T10:00'),
      by: OPENIDS.hrssHandler,
    },
    createdAt: sh('2026-09-29T09:00'),
    signDueAt: sh('2026-09-30T23:59:59.999'),
    replyDueAt: sh('2026-10-12T23:59:59.999'),
    ratingDueAt: sh('2026-10-15T23:59:59.999'),
    closedAt: null,
    ...overrides,
  }
}

export function makeOutboxRecord(overrides: Partial<OutboxRecord> = {}): OutboxRecord {
  const key = 'replyDueSoon:T-1:o-hrss:2026-10-12T15:59:59.999Z'
  return {
    _id: key,
    dedupeKey: key,
    recipientOpenId: OPENIDS.hrssHandler,
    recipientRole: 'handler',
    template: 'replyDueSoon',
    templateKey: 'dueSoon',
    ticketId: 'T-1',
    dueField: 'replyDueAt',
    dueAt: sh('2026-10-12T23:59:59.999'),
    message: { data: { thing2: { value: '新厂区投产急需招聘200名技术工人' } }, page: 'pages/ticket/index?id=T-1' },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: sh('2026-10-10T08:30'),
    lastErrCode: null,
    lastError: null,
    defect: null,
    createdAt: sh('2026-10-10T08:30'),
    sentAt: null,
    ...overrides,
  }
}

/** Every template configured: template key → a plausible id (ids are never in the code; tests make their own). */
export function envWithAllTemplateIds(
  registryTemplates: Readonly<Record<string, { templateIdEnv: string }>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(registryTemplates).map(([key, template]) => [
      template.templateIdEnv,
      `tpl-${key}-${'x'.repeat(30)}`.slice(0, 43),
    ]),
  )
}

/** Deep-freezes a value so a test can prove a function never mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const member of Object.values(value)) deepFreeze(member)
  }
  return value
}
