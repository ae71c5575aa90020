/**
 * The ticket lifecycle (DESIGN.md §3) as ONE table: state × event → { target, roles, guards }. Guards are
 * named predicates implemented in GUARDS; what an event does to the ticket is in EVENT_HANDLERS.
 *
 * `transition` is pure: the ticket in, the next ticket and the effects (data) out. Every successful event
 * appends exactly one timeline entry and bumps `version` by one; the shell writes with
 * `where({ version: old })` so a stale write gets CONFLICT.
 */
import type { ErrorCode } from '../../types/api'
import {
  EVENT_LABELS,
  MEETING_KIND_LABELS,
  FLAG_LABELS,
  LEVELS,
  LEVEL_LABELS,
  ROLE_LABELS,
  STATE_LABELS,
  TRACK_LABELS,
  type ActorRole,
  type Ticket,
  type TicketState,
  type TimelineEntry,
} from '../../types/domain'
import { ZOD_ERRORS_IN_CHINESE, type RulesDocument, type TicketDraft } from '../../types/rules'
import { addWorkingDays, extendForPause, reminderTimeFor, workingDaysOverdue, type WorkingCalendar } from './clock'
import { DUE_FIELDS, LIVE_DUES_BY_STATE, type DueField, type Effect } from './effects'
import {
  eventFieldErrors,
  ticketEventSchema,
  type Actor,
  type EventOf,
  type TicketEvent,
  type TicketEventInput,
  type TicketEventType,
} from './events'
import { ROUTING_TABLE, type NotificationTemplate } from './routing'
import { newlyMissedDues } from './lateness'
import { replyDueMoveOf, replyDueMovedNotice, type ReplyDueMove } from './due-moves'
import {
  decide,
  handlingDues,
  isHigherTrack,
  nextTrackUp,
  withoutTrackRules,
  type GradingDecision,
  type GradingFacts,
} from './rules'

/** The event labels live with the vocabulary (types/domain.ts); re-exported for modules that read them here. */
export { EVENT_LABELS }

export type TransitionErrorCode = Extract<ErrorCode, 'INVALID_TRANSITION' | 'FORBIDDEN' | 'INVALID_INPUT'>
const INVALID_TRANSITION: TransitionErrorCode = 'INVALID_TRANSITION'
const FORBIDDEN: TransitionErrorCode = 'FORBIDDEN'
const INVALID_INPUT: TransitionErrorCode = 'INVALID_INPUT'

export type TransitionResult =
  | { ok: true; ticket: Ticket; effects: Effect[] }
  | { ok: false; code: TransitionErrorCode; message: string; fields?: Record<string, string> }

interface GuardContext {
  ticket: Ticket
  event: TicketEvent
  actor: Actor
  rules: RulesDocument
  calendar: WorkingCalendar
  now: Date
  facts?: TransitionFacts
}

/**
 * What a guard needs beyond the ticket, loaded by the shell: the ticket's commitments (child tickets) that
 * are not done yet. Absent = not loaded, and a guard that needs it refuses rather than guesses.
 */
export interface TransitionFacts {
  openChildIds?: readonly string[]
}

/** A commitment is done once its unit has answered (or it was withdrawn / not taken on). */
export function isChildDone(state: TicketState): boolean {
  return state === 'replied' || state === 'closed' || state === 'rejected' || state === 'withdrawn'
}

interface Guard {
  holds: (context: GuardContext) => boolean
  message: (context: GuardContext) => string
  /** a guard about the caller's input rather than the ticket's state answers INVALID_INPUT */
  code?: TransitionErrorCode
}

const isOnSiteChannel = (ticket: Ticket) => ticket.channel === 'visit' || ticket.channel === 'reception'

/** The named preconditions of the table's rows. */
export const GUARDS = {
  isOnSiteChannel: {
    holds: ({ ticket }) => isOnSiteChannel(ticket),
    message: () => '只有走访或接待日当场提出的诉求可以登记现场办结',
  },
  isNotMergedIntoItself: {
    holds: ({ ticket, event }) => event.type !== 'reject' || event.mergedInto !== ticket._id,
    message: () => '重复诉求不能合并到它自身',
    code: INVALID_INPUT,
  },
  isWithinSendBackWindow: {
    holds: ({ ticket, now }) => ticket.sendBackDueAt !== null && now.getTime() <= ticket.sendBackDueAt.getTime(),
    message: ({ rules }) => `已超过退回期限（派单后${rules.limits.sendBack}个工作日内），请联系市重点办改派`,
  },
  namesOtherUnits: {
    holds: ({ ticket, event }) => event.type !== 'reassign' || event.units.join() !== ticket.units.join(),
    message: () => '改派须指定与现在不同的承办单位',
    code: INVALID_INPUT,
  },
  explainsOverride: {
    holds: ({ ticket, event }) => {
      if (event.type !== 'dispatch' || event.reason) return true
      const unitsChanged = event.units.length > 0 && event.units.join() !== ticket.units.join()
      const flagsChanged =
        event.flags !== undefined && [...event.flags].sort().join() !== [...ticket.flags].sort().join()
      return !unitsChanged && !flagsChanged
    },
    message: () => '调整了承办单位或分级标记，请填写调整理由',
    code: INVALID_INPUT,
  },
  isBeforeReplyDue: {
    holds: ({ ticket, now }) => ticket.replyDueAt !== null && now.getTime() <= ticket.replyDueAt.getTime(),
    message: () => '延期须在答复期限届满前申请',
  },
  hasNoPendingExtension: {
    holds: ({ ticket }) => ticket.extensionRequest?.status !== 'pending',
    message: () => '已有待审批的延期申请',
  },
  isWithinExtensionAllowance: {
    holds: ({ ticket, event, rules }) =>
      event.type !== 'requestExtension' || ticket.extensionDaysGranted + event.days <= rules.limits['extension.max'],
    message: ({ ticket, rules }) =>
      `延期合计不能超过${rules.limits['extension.max']}个工作日（已延期${ticket.extensionDaysGranted}个工作日）`,
    code: INVALID_INPUT,
  },
  hasPendingExtension: {
    holds: ({ ticket }) => ticket.extensionRequest?.status === 'pending',
    message: () => '没有待审批的延期申请',
  },
  isClockRunning: {
    holds: ({ ticket }) => ticket.pausedAt === null,
    message: () => '正在等待企业补充材料，请勿重复要求',
  },
  isClockPaused: {
    holds: ({ ticket }) => ticket.pausedAt !== null,
    message: () => '当前没有需要补充的材料',
  },
  hasHigherTrack: {
    holds: ({ ticket }) => nextTrackUp(ticket.track) !== null,
    message: ({ ticket }) => `${TRACK_LABELS[ticket.track]}已是最高办理层级，不能再升级`,
  },
  isOverdueForEscalation: {
    holds: ({ ticket, rules, calendar, now }) =>
      isHigherTrack(overdueRegrade(ticket, rules, calendar, now).track, ticket.track),
    message: ({ rules }) => `答复逾期未满${rules.limits['escalate.overdue']}个工作日，或已是最高办理层级，无需升级`,
  },
  wasRatedDissatisfied: {
    holds: ({ ticket }) => ticket.rating === 'dissatisfied',
    message: () => '只有评价为不满意的诉求可以重办',
  },
  isRatingOverdue: {
    holds: ({ ticket, now }) => ticket.ratingDueAt !== null && now.getTime() > ticket.ratingDueAt.getTime(),
    message: () => '评价期限未到',
  },
  isReceptionTrack: {
    holds: ({ ticket }) => ticket.track === 'reception',
    message: () => '只有提交接待日的诉求需要安排接待日',
  },
  /** a ticket with commitments (child tickets) is answered and closed only when all of them are done */
  hasNoOpenChildren: {
    holds: ({ ticket, facts }) =>
      (ticket.childIds ?? []).length === 0 || (facts?.openChildIds !== undefined && facts.openChildIds.length === 0),
    message: ({ facts }) =>
      facts?.openChildIds === undefined
        ? '承诺事项办理情况未知，请刷新后重试'
        : `还有${facts.openChildIds.length}项承诺事项未办结，办结后再答复企业`,
  },
  /** a commitment is the city's promise, decided at a session: the enterprise follows it, but cannot withdraw it */
  isNotCommitment: {
    holds: ({ ticket }) => !ticket.parentId,
    message: () => '承诺事项由接待日或专题协调会议定，不能撤回',
  },
  hasMeetingDecision: {
    holds: ({ ticket }) => (ticket.meetingDecisions ?? []).length > 0,
    message: () => '接待日或专题协调会尚未议定此诉求',
  },
  // a commissioner solves on site any open problem of their own enterprises (the policy shows them no other:
  // linkedEnterprises), whatever channel it came in by; the enterprise still confirms by rating
  isOnSiteChannelOrCommissioner: {
    holds: ({ ticket, actor }): boolean => actor.role === 'commissioner' || isOnSiteChannel(ticket),
    message: () => '只有走访或接待日当场提出的诉求，或服务专员所联系企业的诉求，可以登记现场办结',
  },
  // 督办 and 申请协调 by a unit are the followers' (专班, lead service unit), not the handling unit's own
  isTicketFollower: {
    holds: ({ actor }) => (actor.role !== 'handler' && actor.role !== 'unitHead') || actor.followsAs !== undefined,
    message: () => '只有本诉求所属专班或企业的牵头服务单位可以这样做',
    code: FORBIDDEN,
  },
  hasNoMeetingRequest: {
    holds: ({ ticket }) => ticket.meetingRequest == null,
    message: () => '已申请召开专题协调会，请等待市重点办安排',
  },
  raisesLevel: {
    holds: ({ ticket, event }) => {
      const level = event.type === 'takeUpward' ? event.level : 'national'
      return LEVELS.indexOf(level) > LEVELS.indexOf(ticket.level)
    },
    message: ({ ticket }) => `该诉求已在${LEVEL_LABELS[ticket.level]}层面协调，请选择更高层级`,
    code: INVALID_INPUT,
  },
  answersAnUpwardEscalation: {
    holds: ({ ticket, event }) => event.type !== 'note' || !event.upwardAnswer || (ticket.upward ?? []).length > 0,
    message: () => '该诉求尚未上报，不能登记上级反馈',
    code: INVALID_INPUT,
  },
} satisfies Record<string, Guard>
export type GuardName = keyof typeof GUARDS

export interface TransitionRow {
  target: TicketState
  roles: readonly ActorRole[]
  guards?: readonly GuardName[]
  /**
   * a row units may fire as followers too: a handler / unit head is in scope when their unit handles the
   * ticket (any of its units) or follows it (Actor.followsAs), not only as its lead unit (SCOPE_CHECKS)
   */
  followers?: true
}
export type LifecycleTable = { readonly [S in TicketState]: { readonly [E in TicketEventType]?: TransitionRow } }

// Rows that appear in several states, written once.
const withdraw: TransitionRow = { target: 'withdrawn', roles: ['enterprise'], guards: ['isNotCommitment'] }
const stay = (state: TicketState, roles: readonly ActorRole[], guards?: readonly GuardName[]): TransitionRow => ({
  target: state,
  roles,
  ...(guards ? { guards } : {}),
})
const sendBack: TransitionRow = { target: 'accepted', roles: ['handler'], guards: ['isWithinSendBackWindow'] }
const reassign: TransitionRow = { target: 'dispatched', roles: ['dispatcher'], guards: ['namesOtherUnits'] }
/** Answered to the enterprise from the decision and the commitments' answers, once they are all done. */
const answerFromCommitments: TransitionRow = {
  target: 'replied',
  roles: ['dispatcher', 'system'],
  guards: ['hasMeetingDecision', 'hasNoOpenChildren'],
}
/** A session or meeting decided about the ticket: it stays where it is, its commitments run as child tickets. */
const recordDecisionIn = (state: TicketState): TransitionRow => stay(state, ['dispatcher'])
/** 现场办结 of a ticket already with the office or a unit: by a commissioner of the enterprise only. */
const commissionerOnSite: TransitionRow = { target: 'replied', roles: ['commissioner'] }
/** A note on the ticket's record by whoever follows it (专班, lead service unit, commissioner, leader, office). */
const followerNote = (state: TicketState): TransitionRow => ({
  ...stay(state, ['handler', 'unitHead', 'commissioner', 'leader', 'dispatcher'], ['answersAnUpwardEscalation']),
  followers: true,
})
/** 上报: the problem needs the 自治区 or the national level. */
const takeUpward = (state: TicketState): TransitionRow => stay(state, ['commissioner', 'dispatcher'], ['raisesLevel'])

/** While a unit holds the ticket (signed or not): withdrawal, 退回, 改派, 督办, escalation, 批示, the reception day. */
const whileHandled = (state: 'dispatched' | 'signed') =>
  ({
    withdraw,
    sendBack,
    reassign,
    supervise: {
      ...stay(state, ['dispatcher', 'system', 'handler', 'unitHead'], ['isTicketFollower']),
      followers: true,
    },
    escalate: stay(state, ['dispatcher', 'leader'], ['hasHigherTrack']),
    escalateOverdue: stay(state, ['system'], ['isOverdueForEscalation']),
    instruct: stay(state, ['leader']),
    scheduleReception: stay(state, ['dispatcher'], ['isReceptionTrack']),
    recordDecision: recordDecisionIn(state),
    answerFromCommitments,
    resolveOnSite: commissionerOnSite,
    note: followerNote(state),
    requestMeeting: {
      ...stay(state, ['handler', 'unitHead', 'leader'], ['isTicketFollower', 'hasNoMeetingRequest']),
      followers: true,
    },
    takeUpward: takeUpward(state),
  }) as const

/** The lifecycle: every state, every event allowed in it, who may fire it and under which guards. */
export const LIFECYCLE: LifecycleTable = {
  submitted: {
    accept: { target: 'accepted', roles: ['dispatcher'] },
    reject: { target: 'rejected', roles: ['dispatcher'], guards: ['isNotMergedIntoItself'] },
    resolveOnSite: {
      target: 'replied',
      roles: ['commissioner', 'leader', 'dispatcher'],
      guards: ['isOnSiteChannelOrCommissioner', 'hasNoOpenChildren'],
    },
    askSupplement: stay('submitted', ['dispatcher'], ['isClockRunning']),
    supplement: stay('submitted', ['enterprise'], ['isClockPaused']),
    withdraw,
    instruct: stay('submitted', ['leader']),
    recordDecision: recordDecisionIn('submitted'),
    answerFromCommitments,
    note: followerNote('submitted'),
    takeUpward: takeUpward('submitted'),
  },
  accepted: {
    dispatch: { target: 'dispatched', roles: ['dispatcher'], guards: ['explainsOverride'] },
    withdraw,
    instruct: stay('accepted', ['leader']),
    recordDecision: recordDecisionIn('accepted'),
    answerFromCommitments,
    resolveOnSite: commissionerOnSite,
    note: followerNote('accepted'),
    takeUpward: takeUpward('accepted'),
  },
  dispatched: {
    sign: { target: 'signed', roles: ['handler'] },
    ...whileHandled('dispatched'),
  },
  signed: {
    reply: { target: 'replied', roles: ['handler'], guards: ['hasNoOpenChildren'] },
    requestExtension: stay(
      'signed',
      ['handler'],
      ['isBeforeReplyDue', 'hasNoPendingExtension', 'isWithinExtensionAllowance'],
    ),
    approveExtension: stay('signed', ['unitHead'], ['hasPendingExtension']),
    denyExtension: stay('signed', ['unitHead'], ['hasPendingExtension']),
    askSupplement: stay('signed', ['handler'], ['isClockRunning']),
    supplement: stay('signed', ['enterprise'], ['isClockPaused']),
    ...whileHandled('signed'),
  },
  replied: {
    rate: { target: 'closed', roles: ['enterprise'] },
    expireRating: { target: 'closed', roles: ['system'], guards: ['isRatingOverdue'] },
    instruct: stay('replied', ['leader']),
    note: followerNote('replied'),
  },
  // 办结 is final except for 重办 after 不满意
  closed: {
    reopen: { target: 'dispatched', roles: ['enterprise', 'dispatcher'], guards: ['wasRatedDissatisfied'] },
    note: followerNote('closed'),
  },
  rejected: {},
  withdrawn: {},
}

/** Scope beyond the role: an enterprise acts on its own tickets, a unit's staff on tickets it leads. */
export const SCOPE_CHECKS: {
  readonly [R in ActorRole]?: { inScope: (actor: Actor, ticket: Ticket) => boolean; message: string }
} = {
  enterprise: {
    inScope: (actor, ticket) => actor.enterpriseId === ticket.enterpriseId,
    message: '只能办理本企业的诉求',
  },
  handler: {
    inScope: (actor, ticket) => actor.unitCode === ticket.units[0],
    message: '只有牵头承办单位可以办理此诉求',
  },
  unitHead: {
    inScope: (actor, ticket) => actor.unitCode === ticket.units[0],
    message: '只有牵头承办单位负责人可以审批',
  },
}

/**
 * Is the actor in scope for this row? A handling unit's staff act on tickets their unit leads (SCOPE_CHECKS);
 * on a follower row, also on tickets their unit co-handles or follows as 专班 / lead service unit.
 */
export function isInRowScope(row: TransitionRow, actor: Actor, ticket: Ticket): boolean {
  const scope = SCOPE_CHECKS[actor.role]
  if (scope === undefined || scope.inScope(actor, ticket)) return true
  if (!row.followers || (actor.role !== 'handler' && actor.role !== 'unitHead')) return false
  return actor.followsAs !== undefined || (actor.unitCode !== undefined && ticket.units.includes(actor.unitCode))
}

/** What an event does to the ticket, beyond the state change, version and timeline. */
interface EventOutcome {
  changes: Partial<Ticket>
  notify: readonly NotificationTemplate[]
  reason?: string
  note?: string
  /** the units the event named (codes, lead first): kept on the timeline entry, shown by name */
  units?: string[]
}

interface HandlerContext<E extends TicketEventType> {
  ticket: Ticket
  event: EventOf<E>
  actor: Actor
  rules: RulesDocument
  calendar: WorkingCalendar
  now: Date
}

/** The draft the rules engine grades, from a ticket. */
function draftOf(ticket: Ticket, overrides: Partial<TicketDraft> = {}): TicketDraft {
  return {
    id: ticket._id,
    enterprise: { name: ticket.enterpriseName, isKey: ticket.enterpriseIsKey },
    category: ticket.category,
    title: ticket.title,
    description: ticket.description,
    units: ticket.units,
    flags: ticket.flags,
    urgency: ticket.urgency,
    reopenCount: ticket.reopenCount,
    submittedAt: ticket.createdAt,
    channel: ticket.channel,
    ...overrides,
  }
}

/** Grade, route and every handling due of a (re)dispatch at `now`. */
function dispatchChanges(
  ticket: Ticket,
  decision: GradingDecision,
  now: Date,
  receptionDayAt: Date | null,
): Partial<Ticket> {
  return {
    track: decision.track,
    level: decision.level,
    units: [decision.leadUnit, ...decision.coUnits],
    taskForce: decision.taskForce,
    ruleIds: decision.ruleIds,
    dispatchedAt: now,
    signDueAt: decision.signDueAt,
    sendBackDueAt: decision.sendBackDueAt,
    replyDueAt: decision.replyDueAt,
    meetingDueAt: decision.meetingDueAt,
    receptionDayAt,
    calendarMissing: ticket.calendarMissing || decision.calendarMissing,
    // the rules decided this grade again: a person's earlier reason no longer explains it
    gradeNote: null,
  }
}

/**
 * A track change at `now` (升级): new reply and meeting dues from now; the unit keeps its sign status. A
 * pending extension was asked against the old due, so it lapses.
 */
function trackChanges(
  ticket: Ticket,
  track: Ticket['track'],
  rules: RulesDocument,
  calendar: WorkingCalendar,
  now: Date,
): Partial<Ticket> {
  const dues = handlingDues(track, ticket.urgency, rules.limits, calendar, now, ticket.receptionDayAt)
  return {
    track,
    replyDueAt: dues.replyDueAt,
    meetingDueAt: dues.meetingDueAt,
    calendarMissing: ticket.calendarMissing || dues.calendarMissing,
    ...(ticket.extensionRequest?.status === 'pending' ? { extensionRequest: null } : {}),
  }
}

function regrade(
  ticket: Ticket,
  rules: RulesDocument,
  calendar: WorkingCalendar,
  now: Date,
  facts: GradingFacts,
  overrides?: Partial<TicketDraft>,
): GradingDecision {
  return decide(draftOf(ticket, overrides), rules, calendar, { currentTrack: ticket.track, ...facts }, now)
}

/** The rules' grade of a ticket whose reply is overdue now (R-COORD-OVERDUE, R-TRACK-RECEPTION-OVERDUE). */
function overdueRegrade(ticket: Ticket, rules: RulesDocument, calendar: WorkingCalendar, now: Date): GradingDecision {
  const overdue = ticket.replyDueAt === null ? 0 : workingDaysOverdue(calendar, ticket.replyDueAt, now).days
  return regrade(ticket, rules, calendar, now, { overdueWorkingDays: overdue, receptionDayAt: ticket.receptionDayAt })
}

/** The dues the clock runs against in each state that can wait for a supplement. */
const PAUSABLE_DUES: { readonly [S in TicketState]?: readonly DueField[] } = {
  submitted: ['acceptDueAt'],
  signed: ['replyDueAt'],
}

/**
 * Ends a pause at `now`: the running dues move on by the working days spent waiting (clock.extendForPause).
 * Called when the enterprise supplies the material and when the ticket moves on without it.
 */
function resumeClock(ticket: Ticket, calendar: WorkingCalendar, now: Date): Partial<Ticket> {
  if (ticket.pausedAt === null) return {}
  const changes: Partial<Ticket> = { pausedAt: null }
  let calendarMissing = ticket.calendarMissing
  for (const field of PAUSABLE_DUES[ticket.state] ?? []) {
    const due = ticket[field]
    if (due === null) continue
    const extended = extendForPause(calendar, due, ticket.pausedAt, now)
    changes[field] = extended.at
    calendarMissing ||= extended.calendarMissing
  }
  changes.calendarMissing = calendarMissing
  return changes
}

function ratingDue(ticket: Ticket, rules: RulesDocument, calendar: WorkingCalendar, now: Date): Partial<Ticket> {
  const due = addWorkingDays(calendar, now, rules.limits.rating)
  return { ratingDueAt: due.at, calendarMissing: ticket.calendarMissing || due.calendarMissing }
}

/** What each event does. The table decides whether it may happen; these only say how. */
const EVENT_HANDLERS: { readonly [E in TicketEventType]: (context: HandlerContext<E>) => EventOutcome } = {
  accept: ({ event }) => ({ changes: {}, notify: ['ticketAccepted'], note: event.note }),

  reject: ({ event }) => ({
    changes: { mergedInto: event.mergedInto ?? null },
    notify: ['ticketRejected'],
    reason: event.reason,
    note: event.mergedInto === undefined ? undefined : `重复诉求，合并至 ${event.mergedInto}`,
  }),

  resolveOnSite: ({ ticket, event, actor, rules, calendar, now }) => {
    // The rules still grade it: R-TRACK-ONSITE applies to visit/reception channels solved on the spot.
    const decision = regrade(ticket, rules, calendar, now, { resolvedOnSite: true })
    return {
      changes: {
        track: decision.track,
        level: decision.level,
        ruleIds: decision.ruleIds,
        outcome: 'solved',
        reply: { text: event.text, attachments: event.attachments, at: now, by: actor.id },
        ...ratingDue(ticket, rules, calendar, now),
      },
      notify: ['ticketResolvedOnSite'],
      note: event.text,
    }
  },

  dispatch: ({ ticket, event, rules, calendar, now }) => {
    const flags = event.flags ?? ticket.flags
    const units = event.units.length > 0 ? event.units : ticket.units
    const receptionDayAt = event.receptionDayAt ?? ticket.receptionDayAt
    // The first dispatch confirms the grade from scratch; a re-dispatch after 退回 keeps an escalated track.
    const currentTrack = ticket.dispatchedAt === null ? null : ticket.track
    const decision = regrade(ticket, rules, calendar, now, { currentTrack, receptionDayAt }, { units, flags })
    return {
      changes: {
        flags,
        ...dispatchChanges(ticket, decision, now, receptionDayAt),
        ...(ticket.clearedReplyDueAt != null ? { clearedReplyDueAt: null } : {}),
      },
      notify: ['ticketDispatched'],
      ...(event.reason ? { reason: event.reason } : {}),
      // codes stay on the entry; readers name the units (api/actions/present.ts), never print the codes
      note: TRACK_LABELS[decision.track],
      units: [decision.leadUnit, ...decision.coUnits],
    }
  },

  sign: () => ({ changes: {}, notify: [] }),

  sendBack: ({ ticket, event }) => ({
    changes: {
      signDueAt: null,
      sendBackDueAt: null,
      replyDueAt: null,
      meetingDueAt: null,
      extensionRequest: null,
      // the enterprise was shown this due: the next dispatch says how it moved (core/due-moves.ts)
      clearedReplyDueAt: ticket.replyDueAt,
    },
    notify: ['ticketSentBack'],
    reason: event.reason,
  }),

  reassign: ({ ticket, event, rules, calendar, now }) => {
    // The new unit gets its own full limits and extension allowance.
    const decision = regrade(
      ticket,
      rules,
      calendar,
      now,
      { receptionDayAt: ticket.receptionDayAt },
      { units: event.units },
    )
    return {
      changes: {
        ...dispatchChanges(ticket, decision, now, ticket.receptionDayAt),
        extensionRequest: null,
        extensionDaysGranted: 0,
      },
      notify: ['ticketReassigned'],
      reason: event.reason,
      units: [decision.leadUnit, ...decision.coUnits],
    }
  },

  requestExtension: ({ event, actor, now }) => ({
    changes: {
      extensionRequest: {
        days: event.days,
        reason: event.reason,
        requestedAt: now,
        requestedBy: actor.id,
        status: 'pending',
        decidedAt: null,
        decidedBy: null,
      },
    },
    notify: ['extensionRequested'],
    reason: event.reason,
    note: `申请延期${event.days}个工作日`,
  }),

  approveExtension: ({ ticket, event, actor, calendar, now }) => {
    const request = ticket.extensionRequest!
    // Extended from the due itself, so approving late neither gains nor loses days.
    const extended = addWorkingDays(calendar, ticket.replyDueAt!, request.days)
    return {
      changes: {
        replyDueAt: extended.at,
        calendarMissing: ticket.calendarMissing || extended.calendarMissing,
        extensionDaysGranted: ticket.extensionDaysGranted + request.days,
        extensionRequest: { ...request, status: 'approved', decidedAt: now, decidedBy: actor.id },
      },
      notify: ['extensionApproved'],
      note: event.note ?? `同意延期${request.days}个工作日`,
    }
  },

  denyExtension: ({ ticket, event, actor, now }) => ({
    changes: {
      extensionRequest: { ...ticket.extensionRequest!, status: 'denied', decidedAt: now, decidedBy: actor.id },
    },
    notify: ['extensionDenied'],
    reason: event.reason,
  }),

  askSupplement: ({ ticket, event, actor, now }) => ({
    changes: {
      pausedAt: now,
      supplements: [
        ...ticket.supplements,
        { question: event.question, askedAt: now, askedBy: actor.id, answeredAt: null, text: null, attachments: [] },
      ],
    },
    notify: ['supplementRequested'],
    note: event.question,
  }),

  supplement: ({ ticket, event, calendar, now }) => {
    const answered = ticket.supplements.map((round, index) =>
      index === ticket.supplements.length - 1
        ? { ...round, answeredAt: now, text: event.text, attachments: event.attachments }
        : round,
    )
    return {
      changes: { ...resumeClock(ticket, calendar, now), supplements: answered },
      notify: ['supplementProvided'],
      note: event.text,
    }
  },

  reply: ({ ticket, event, actor, rules, calendar, now }) => ({
    changes: {
      outcome: event.outcome,
      reply: { text: event.text, attachments: event.attachments, at: now, by: actor.id },
      ...ratingDue(ticket, rules, calendar, now),
    },
    notify: ['ticketReplied'],
    note: event.text,
  }),

  rate: ({ event, now }) => ({
    changes: { rating: event.rating, closedAt: now },
    notify: ['ticketRated'],
    note: event.comment,
  }),

  reopen: ({ ticket, event, rules, calendar, now }) => {
    const reopenCount = ticket.reopenCount + 1
    const decision = regrade(
      ticket,
      rules,
      calendar,
      now,
      { isReopening: true, receptionDayAt: ticket.receptionDayAt },
      { reopenCount },
    )
    return {
      changes: {
        ...dispatchChanges(ticket, decision, now, ticket.receptionDayAt),
        reopenCount,
        outcome: null,
        reply: null,
        rating: null,
        ratingDueAt: null,
        closedAt: null,
        extensionRequest: null,
        extensionDaysGranted: 0,
      },
      notify: isHigherTrack(decision.track, ticket.track) ? ['ticketReopened', 'ticketEscalated'] : ['ticketReopened'],
      reason: event.reason,
    }
  },

  withdraw: ({ event }) => ({ changes: {}, notify: ['ticketWithdrawn'], reason: event.reason }),

  supervise: ({ event }) => ({ changes: {}, notify: ['ticketSupervised'], note: event.note }),

  escalate: ({ ticket, event, actor, rules, calendar, now }) => {
    const track = nextTrackUp(ticket.track)!
    const by = actor.role === 'system' ? '系统' : ROLE_LABELS[actor.role]
    return {
      changes: {
        ...trackChanges(ticket, track, rules, calendar, now),
        // no rule chose this track: the track rule that did no longer explains it; the person's reason does
        ruleIds: withoutTrackRules(ticket.ruleIds, rules),
        gradeNote: `${by}将办理方式由${TRACK_LABELS[ticket.track]}升级为${TRACK_LABELS[track]}：${event.reason}`,
      },
      notify: ['ticketEscalated'],
      reason: event.reason,
    }
  },

  escalateOverdue: ({ ticket, rules, calendar, now }) => {
    const decision = overdueRegrade(ticket, rules, calendar, now)
    return {
      changes: {
        ...trackChanges(ticket, decision.track, rules, calendar, now),
        ruleIds: decision.ruleIds,
        gradeNote: null,
      },
      notify: ['ticketEscalated'],
      reason: decision.reasons[0],
    }
  },

  instruct: ({ ticket, event, actor, now }) => ({
    changes: {
      instructions: [...ticket.instructions, { text: event.text, at: now, leaderId: actor.id, leaderName: actor.name }],
    },
    notify: ['leaderInstructed'],
    note: event.text,
  }),

  scheduleReception: ({ ticket, event, rules, calendar }) => {
    const reply = addWorkingDays(calendar, event.receptionDayAt, rules.limits['reply.reception'])
    return {
      changes: {
        receptionDayAt: event.receptionDayAt,
        replyDueAt: reply.at,
        calendarMissing: ticket.calendarMissing || reply.calendarMissing,
      },
      notify: ['receptionScheduled'],
    }
  },

  expireRating: ({ now }) => ({
    changes: { closedAt: now },
    notify: ['ticketClosedUnrated'],
    note: '超过评价期限未评价，自动办结（未评价）',
  }),

  recordDecision: ({ ticket, event, now }) => {
    // Holding the meeting clears the meeting due; late if held after it (a fact that stays).
    const meetingHeld =
      ticket.meetingDueAt !== null
        ? {
            meetingDueAt: null,
            meetingHeldAt: event.heldAt,
            meetingLate: event.heldAt.getTime() > ticket.meetingDueAt.getTime(),
          }
        : {}
    return {
      changes: {
        ...meetingHeld,
        childIds: [...(ticket.childIds ?? []), ...event.childIds.filter((id) => !(ticket.childIds ?? []).includes(id))],
        meetingDecisions: [
          ...(ticket.meetingDecisions ?? []),
          { meetingId: event.meetingId, kind: event.kind, text: event.decision, at: now, childIds: event.childIds },
        ],
      },
      notify: [],
      note:
        event.childIds.length > 0
          ? `${MEETING_KIND_LABELS[event.kind]}议定：${event.decision}（承诺事项${event.childIds.length}项）`
          : `${MEETING_KIND_LABELS[event.kind]}议定：${event.decision}`,
    }
  },

  answerFromCommitments: ({ ticket, event, actor, rules, calendar, now }) => ({
    changes: {
      outcome: event.outcome,
      reply: { text: event.text, attachments: [], at: now, by: actor.id },
      ...ratingDue(ticket, rules, calendar, now),
    },
    notify: ['ticketReplied'],
    note: event.text,
  }),

  note: ({ ticket, event, actor, now }) => {
    if (!event.upwardAnswer) return { changes: {}, notify: [], note: event.text }
    // what came back from above: kept on the latest 上报 (guard answersAnUpwardEscalation)
    const upward = [...(ticket.upward ?? [])]
    upward[upward.length - 1] = {
      ...upward[upward.length - 1],
      answer: { text: event.text, at: now, byName: actor.name },
    }
    return { changes: { upward }, notify: [], note: `上级反馈：${event.text}` }
  },

  requestMeeting: ({ event, actor, now }) => ({
    changes: {
      meetingRequest: {
        reason: event.reason,
        at: now,
        by: actor.id,
        byName: actor.name,
        ...(actor.unitCode ? { unitCode: actor.unitCode } : {}),
      },
    },
    notify: ['meetingRequested'],
    reason: event.reason,
  }),

  takeUpward: ({ ticket, event, actor, now }) => {
    const flag = event.level === 'national' ? 'national' : 'upstream'
    return {
      changes: {
        level: event.level,
        flags: ticket.flags.includes(flag) ? ticket.flags : [...ticket.flags, flag],
        upward: [
          ...(ticket.upward ?? []),
          { level: event.level, reason: event.reason, at: now, by: actor.id, byName: actor.name, answer: null },
        ],
      },
      notify: ['ticketTakenUpward'],
      reason: event.reason,
      note: FLAG_LABELS[flag],
    }
  },
}

function refuse(code: TransitionErrorCode, message: string): TransitionResult {
  return { ok: false, code, message }
}

function timelineEntry(
  ticket: Ticket,
  eventType: string,
  actor: Actor,
  to: TicketState,
  now: Date,
  detail: { reason?: string; note?: string; units?: string[] },
): TimelineEntry {
  const entry: TimelineEntry = {
    at: now,
    event: eventType,
    actorId: actor.id,
    actorName: actor.name,
    role: actor.role,
    from: ticket.state,
    to,
  }
  // Only present keys: the database stores what is there, and undefined is not a value it keeps.
  if (detail.reason !== undefined) entry.reason = detail.reason
  if (detail.note !== undefined) entry.note = detail.note
  if (detail.units !== undefined) entry.units = detail.units
  return Object.freeze(entry)
}

/**
 * The enterprise is told when its reply deadline moves and why (core/due-moves.ts): the entry that moved it
 * says so in the very words of the enterprise's message.
 */
function withReplyDueMove(note: string | undefined, move: ReplyDueMove | null): string | undefined {
  if (move === null) return note
  return note === undefined ? move.text : `${note}；${move.text}`
}

export function deadlineEffects(
  before: Ticket | null,
  after: Ticket,
  rules: RulesDocument,
  calendar: WorkingCalendar,
): Effect[] {
  const effects: Effect[] = []
  const live = LIVE_DUES_BY_STATE[after.state]
  for (const due of DUE_FIELDS) {
    const at = after[due]
    if ((before?.[due]?.getTime() ?? null) === (at?.getTime() ?? null)) continue
    const remindAt =
      at !== null && live.includes(due) ? reminderTimeFor(calendar, at, rules.limits['remind.before']).at : null
    effects.push({ kind: 'deadline', ticketId: after._id, due, at, remindAt })
  }
  return effects
}

function notifyEffects(ticketId: string, templates: readonly NotificationTemplate[]): Effect[] {
  return templates.map((template) => ({ kind: 'notify', ticketId, template, audience: ROUTING_TABLE[template] }))
}

/**
 * An event's notifications when it moved the enterprise's reply due: the enterprise gets the one message that
 * says from when to when and why (replyDueMoved), instead of the event's usual message to it; everyone else
 * is told as usual, and nobody twice.
 */
function notifyEffectsWithMove(
  ticketId: string,
  templates: readonly NotificationTemplate[],
  move: ReplyDueMove | null,
): Effect[] {
  const usual = notifyEffects(ticketId, templates)
  if (move === null) return usual
  const others = usual.flatMap((effect): Effect[] => {
    if (effect.kind !== 'notify') return [effect]
    const audience = effect.audience.filter((role) => role !== 'enterprise')
    return audience.length === 0 ? [] : [{ ...effect, audience }]
  })
  return [...others, replyDueMovedNotice(ticketId, move)]
}

/**
 * Fires `event` on `ticket` as `actor` at `now`. Checks, in order: the payload (INVALID_INPUT), that the
 * table has the event in this state (INVALID_TRANSITION), the actor's role and scope (FORBIDDEN), the row's
 * guards (INVALID_TRANSITION, or INVALID_INPUT for a guard about the input). Never mutates `ticket`.
 */
export function transition(
  ticket: Ticket,
  eventInput: TicketEventInput,
  actor: Actor,
  rules: RulesDocument,
  calendar: WorkingCalendar,
  now: Date,
  facts?: TransitionFacts,
): TransitionResult {
  const parsed = ticketEventSchema.safeParse(eventInput, ZOD_ERRORS_IN_CHINESE)
  if (!parsed.success) {
    // each message belongs next to its field: plain Chinese, no field key (the form shows them where they go)
    const fields = eventFieldErrors(parsed.error.issues)
    return { ok: false, code: INVALID_INPUT, message: [...new Set(Object.values(fields))].join('；'), fields }
  }
  const event = parsed.data
  const label = EVENT_LABELS[event.type]

  const row = LIFECYCLE[ticket.state][event.type]
  if (row === undefined) return refuse(INVALID_TRANSITION, `${STATE_LABELS[ticket.state]}的诉求不能${label}`)
  if (!row.roles.includes(actor.role)) {
    const roleName = actor.role === 'system' ? '系统' : ROLE_LABELS[actor.role]
    return refuse(FORBIDDEN, `${roleName}不能${label}`)
  }
  if (!isInRowScope(row, actor, ticket)) return refuse(FORBIDDEN, SCOPE_CHECKS[actor.role]!.message)

  const guardContext: GuardContext = { ticket, event, actor, rules, calendar, now, ...(facts ? { facts } : {}) }
  for (const name of row.guards ?? []) {
    const guard: Guard = GUARDS[name]
    if (!guard.holds(guardContext)) return refuse(guard.code ?? INVALID_TRANSITION, guard.message(guardContext))
  }

  // Moving on while waiting for material ends the wait; the dues keep the days spent waiting.
  const resumed =
    row.target !== ticket.state && ticket.pausedAt !== null
      ? { ...ticket, ...resumeClock(ticket, calendar, now) }
      : ticket
  const handler = EVENT_HANDLERS[event.type] as (context: HandlerContext<TicketEventType>) => EventOutcome
  const outcome = handler({ ticket: resumed, event, actor, rules, calendar, now })
  const changed: Ticket = { ...resumed, ...outcome.changes, state: row.target }
  // a due already missed stays on the ticket when this event moves or clears it (core/lateness.ts)
  const missed = newlyMissedDues(ticket, changed, event.type, now)
  const move = replyDueMoveOf(ticket, changed, event.type)
  const entry = timelineEntry(ticket, event.type, actor, row.target, now, {
    ...outcome,
    note: withReplyDueMove(outcome.note, move),
  })
  const next: Ticket = {
    ...changed,
    ...(missed.length > 0 ? { missedDues: [...(ticket.missedDues ?? []), ...missed] } : {}),
    version: ticket.version + 1,
    updatedAt: now,
    timeline: [...ticket.timeline, entry],
  }
  return {
    ok: true,
    ticket: next,
    effects: [
      { kind: 'timeline', ticketId: ticket._id, entry },
      ...notifyEffectsWithMove(ticket._id, outcome.notify, move),
      ...deadlineEffects(ticket, next, rules, calendar),
    ],
  }
}

/**
 * The effects of a ticket just opened (core/intake.ts openTicket): its first timeline entry, the dispatcher
 * and a key enterprise's service team told, the accept due set.
 */
export function submissionEffects(ticket: Ticket, rules: RulesDocument, calendar: WorkingCalendar): Effect[] {
  return [
    ...ticket.timeline.map((entry): Effect => ({ kind: 'timeline', ticketId: ticket._id, entry })),
    ...notifyEffects(ticket._id, ['ticketSubmitted']),
    ...deadlineEffects(null, ticket, rules, calendar),
  ]
}
