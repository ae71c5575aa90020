/**
 * Reception days (接待日) and coordination meetings (专题协调会), pure (DESIGN.md §2, issue 9 items 1–2): a
 * session is convened with an agenda of tickets; each agenda item gets a decision and commitments (承诺事项:
 * owner unit, what, due), each commitment a child ticket that runs the normal lifecycle (core/lifecycle.ts),
 * linked both ways (child.parentId / origin, parent.childIds). The parent is answered once they are all done.
 *
 * Ids are derived, never random: the meeting from (caller, retry key), a commitment from (meeting, ticket,
 * retry key, position), its child ticket from the commitment. So a call that died after any of its writes is
 * finished by its own retry, and never makes a second meeting or a second child.
 */
import { createHash } from 'node:crypto'
import type { ErrorCode } from '../../types/api'
import {
  MEETING_KIND_LABELS,
  OUTCOME_LABELS,
  type MeetingKind,
  type Outcome,
  type Ticket,
  type TicketState,
} from '../../types/domain'
import type {
  AgendaItem,
  AgendaSource,
  Commitment,
  CommitmentInput,
  EnterpriseTally,
  Meeting,
  MeetingCreateInput,
} from '../../types/meetings'
import type { RulesDocument } from '../../types/rules'
import { untouchedTicketFields } from './intake'
import { addWorkingDays, endOfShanghaiDay, shanghaiDateOf, type WorkingCalendar } from './clock'
import type { Effect } from './effects'
import type { Actor } from './events'
import { isChildDone, submissionEffects } from './lifecycle'
import { ROUTING_TABLE } from './routing'
import { decide } from './rules'

export { isChildDone }

type MeetingErrorCode = Extract<ErrorCode, 'INVALID_INPUT' | 'CONFLICT' | 'INVALID_TRANSITION' | 'NOT_FOUND'>
export type MeetingResult<T> =
  { ok: true; value: T } | { ok: false; code: MeetingErrorCode; message: string; field?: string }

const fail = (code: MeetingErrorCode, message: string, field?: string): { ok: false } & MeetingResult<never> => ({
  ok: false,
  code,
  message,
  ...(field ? { field } : {}),
})

const hash = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length)

/** The meeting a (caller, retry key) creates. */
export function meetingIdFor(openid: string, requestId: string): string {
  return `M${hash(`meeting\n${openid}\n${requestId}`, 23)}`
}

/** The commitment made at position `index` of the decision a retry key recorded on an agenda item. */
export function commitmentIdFor(meetingId: string, ticketId: string, requestId: string, index: number): string {
  return `C${hash(`commitment\n${meetingId}\n${ticketId}\n${requestId}\n${index}`, 23)}`
}

/** The child ticket of a commitment: the same commitment always names the same ticket. */
export function childTicketIdFor(commitmentId: string): string {
  return `T${hash(`child\n${commitmentId}`, 23)}`
}

/** States in which a ticket can still be taken up by a session or meeting (before the enterprise is answered). */
export const OPEN_FOR_AGENDA: readonly TicketState[] = ['submitted', 'accepted', 'dispatched', 'signed']

export function newMeeting(
  input: MeetingCreateInput,
  by: { id: string; openid: string; requestId: string },
  now: Date,
): MeetingResult<Meeting> {
  if (input.kind === 'reception' && input.leaderIds.length === 0)
    return fail('INVALID_INPUT', '请选择出席的市领导', 'leaderIds')
  if (input.kind === 'coordination' && input.chair === '' && input.leaderIds.length === 0)
    return fail('INVALID_INPUT', '请填写主持人', 'chair')
  return {
    ok: true,
    value: {
      _id: by.id,
      kind: input.kind,
      title: input.title,
      startsAt: input.startsAt,
      place: input.place,
      leaderIds: [...new Set(input.leaderIds)],
      chair: input.chair,
      unitCodes: [...new Set(input.unitCodes)],
      enterpriseIds: [...new Set(input.enterpriseIds)],
      representatives: input.representatives,
      agenda: [],
      status: 'planned',
      invitedAt: null,
      heldAt: null,
      minutes: '',
      createdBy: by.openid,
      requestId: by.requestId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
  }
}

/**
 * Puts tickets on the agenda (those already on it are left as they are). Refused: a ticket already answered
 * or closed (nothing is left to decide), and a coordination meeting over tickets of different enterprises'
 * topics is allowed (one meeting can cover several tickets of a topic).
 */
export function addToAgenda(
  meeting: Meeting,
  tickets: readonly Ticket[],
  source: AgendaSource,
  now: Date,
): MeetingResult<Meeting> {
  if (meeting.status === 'held' && source !== 'raisedAtSession')
    return fail('INVALID_TRANSITION', '会议已召开，不能再增加议题')
  const onAgenda = new Set(meeting.agenda.map((item) => item.ticketId))
  const added: AgendaItem[] = []
  for (const ticket of tickets) {
    if (onAgenda.has(ticket._id)) continue
    if (!OPEN_FOR_AGENDA.includes(ticket.state))
      return fail('INVALID_TRANSITION', `诉求「${ticket.title}」已答复或已办结，不能列入议程`, 'ticketIds')
    if (ticket.parentId) return fail('INVALID_INPUT', `「${ticket.title}」是承诺事项，请列入它的主诉求`, 'ticketIds')
    onAgenda.add(ticket._id)
    added.push({
      ticketId: ticket._id,
      ticketNo: ticket.no,
      enterpriseId: ticket.enterpriseId,
      enterpriseName: ticket.enterpriseName,
      title: ticket.title,
      source: source === 'added' && ticket.track === meeting.kind ? 'graded' : source,
      addedAt: now,
      decision: null,
      decidedAt: null,
      decidedBy: null,
      outcome: null,
      commitments: [],
    })
  }
  const enterpriseIds = [...new Set([...meeting.enterpriseIds, ...added.map((item) => item.enterpriseId)])]
  return {
    ok: true,
    value: {
      ...meeting,
      agenda: [...meeting.agenda, ...added],
      enterpriseIds,
      version: meeting.version + 1,
      updatedAt: now,
    },
  }
}

export function markInvited(meeting: Meeting, now: Date): MeetingResult<Meeting> {
  if (meeting.status !== 'planned') return fail('INVALID_TRANSITION', '邀请已经发出')
  if (meeting.agenda.length === 0) return fail('INVALID_TRANSITION', '请先确定议程再发邀请')
  return {
    ok: true,
    value: { ...meeting, status: 'invited', invitedAt: now, version: meeting.version + 1, updatedAt: now },
  }
}

export interface DecisionPlan {
  meeting: Meeting
  item: AgendaItem
  /** false when this retry key had already recorded it: only the later writes remain to be finished */
  changed: boolean
}

/**
 * Records the decision on one agenda item, with its commitments (ids derived from the retry key). A second
 * call with the same retry key finds it recorded and changes nothing; another call finds it decided and is
 * refused (two office users at once: the first one's decision stands).
 */
export function planDecision(
  meeting: Meeting,
  input: {
    ticketId: string
    decision: string
    commitments: readonly CommitmentInput[]
    outcome?: Outcome
    minutes?: string
  },
  requestId: string,
  now: Date,
): MeetingResult<DecisionPlan> {
  const index = meeting.agenda.findIndex((item) => item.ticketId === input.ticketId)
  if (index < 0) return fail('NOT_FOUND', '该诉求不在本次议程中')
  const item = meeting.agenda[index]
  if (item.decidedBy === requestId) return { ok: true, value: { meeting, item, changed: false } }
  if (item.decision !== null) return fail('CONFLICT', '该议题已有议定事项，请刷新后查看')
  if (meeting.startsAt.getTime() > now.getTime())
    return fail('INVALID_TRANSITION', '会议尚未召开，召开后再记录议定事项')
  if (input.commitments.length === 0 && input.outcome === undefined)
    return fail('INVALID_INPUT', '没有承诺事项时，请选择办理结果（据此答复企业）', 'outcome')
  const today = shanghaiDateOf(now)
  const late = input.commitments.findIndex((c) => shanghaiDateOf(c.dueAt) < today)
  if (late >= 0) return fail('INVALID_INPUT', `第${late + 1}项承诺事项的完成期限已过`, `commitments.${late}.dueAt`)
  const commitments: Commitment[] = input.commitments.map((c, position) => {
    const id = commitmentIdFor(meeting._id, item.ticketId, requestId, position)
    return {
      id,
      unitCode: c.unitCode,
      what: c.what,
      // a due date means the whole day, as every time limit does (DESIGN.md §4)
      dueAt: endOfShanghaiDay(shanghaiDateOf(c.dueAt)),
      childTicketId: childTicketIdFor(id),
    }
  })
  const decided: AgendaItem = {
    ...item,
    decision: input.decision,
    decidedAt: now,
    decidedBy: requestId,
    outcome: commitments.length === 0 ? (input.outcome ?? null) : null,
    commitments,
  }
  const agenda = meeting.agenda.map((each, i) => (i === index ? decided : each))
  return {
    ok: true,
    value: {
      changed: true,
      item: decided,
      meeting: {
        ...meeting,
        agenda,
        status: 'held',
        // held at its time: decisions are recorded at or after it (refused before)
        heldAt: meeting.heldAt ?? meeting.startsAt,
        minutes: input.minutes !== undefined && input.minutes !== '' ? input.minutes : meeting.minutes,
        version: meeting.version + 1,
        updatedAt: now,
      },
    },
  }
}

/**
 * The child ticket of a commitment: dispatched at once to the owner unit (the session already decided who
 * acts), its reply due the commitment's due date, then the normal loop — sign, reply, 督办, escalation.
 */
export function openCommitmentTicket(
  parent: Ticket,
  commitment: Commitment,
  meeting: Pick<Meeting, '_id' | 'kind' | 'leaderIds'>,
  position: number,
  actor: Actor,
  rules: RulesDocument,
  calendar: WorkingCalendar,
  now: Date,
): { ticket: Ticket; effects: Effect[] } {
  const decision = decide(
    {
      id: commitment.childTicketId,
      enterprise: { name: parent.enterpriseName, isKey: parent.enterpriseIsKey },
      category: parent.category,
      title: commitment.what,
      description: commitment.what,
      units: [commitment.unitCode],
      flags: [],
      urgency: 'normal',
      reopenCount: 0,
      submittedAt: now,
      channel: parent.channel,
    },
    rules,
    calendar,
    {},
    now,
  )
  const sign = addWorkingDays(calendar, now, rules.limits.sign)
  const sendBack = addWorkingDays(calendar, now, rules.limits.sendBack)
  const label = MEETING_KIND_LABELS[meeting.kind]
  const ticket: Ticket = {
    _id: commitment.childTicketId,
    // the parent's number and the position: no counter, so a retry gives the same number
    no: `${parent.no}-${position + 1}`,
    enterpriseId: parent.enterpriseId,
    enterpriseName: parent.enterpriseName,
    enterpriseIsKey: parent.enterpriseIsKey,
    enterpriseDistrict: parent.enterpriseDistrict,
    submittedBy: actor.id,
    channel: parent.channel,
    category: parent.category,
    title: commitment.what.length > 50 ? `${commitment.what.slice(0, 49)}…` : commitment.what,
    description: `${label}承诺事项（主诉求 ${parent.no}「${parent.title}」）：${commitment.what}`,
    urgency: 'normal',
    flags: [],
    state: 'dispatched',
    // a unit's promise with a date: time-limited handling (escalates to 专题协调 if ≥5 working days late)
    track: 'timed',
    level: decision.level,
    units: [commitment.unitCode],
    taskForce: null,
    ruleIds: decision.ruleIds,
    calendarMissing: decision.calendarMissing || sign.calendarMissing || sendBack.calendarMissing,
    acceptDueAt: null,
    signDueAt: sign.at,
    replyDueAt: commitment.dueAt,
    ratingDueAt: null,
    sendBackDueAt: sendBack.at,
    meetingDueAt: null,
    receptionDayAt: parent.receptionDayAt,
    dispatchedAt: now,
    ...untouchedTicketFields(),
    requestId: commitment.id,
    version: 1,
    timeline: [
      {
        at: now,
        event: 'dispatch',
        actorId: actor.id,
        actorName: actor.name,
        role: actor.role,
        from: null,
        to: 'dispatched',
        note: `${label}承诺事项，责任单位 ${commitment.unitCode}，期限 ${shanghaiDateOf(commitment.dueAt)}`,
      },
    ],
    createdAt: now,
    updatedAt: now,
    parentId: parent._id,
    origin: { kind: meeting.kind, id: meeting._id, commitmentId: commitment.id },
    meetingIds: [meeting._id],
    meetingLeaderIds: [...meeting.leaderIds],
  }
  // a new assignment: the unit is told as for a dispatch, and every due is set
  const effects = submissionEffects(ticket, rules, calendar).map((effect) =>
    effect.kind === 'notify'
      ? { ...effect, template: 'ticketDispatched' as const, audience: ROUTING_TABLE.ticketDispatched }
      : effect,
  )
  return { ticket, effects }
}

/** The answer the parent gets once its commitments are done: the decision, then each commitment's outcome. */
export function answerFromCommitments(
  parent: Pick<Ticket, 'meetingDecisions'>,
  children: readonly Pick<Ticket, '_id' | 'title' | 'state' | 'outcome' | 'reply'>[],
  unitNames: Readonly<Record<string, string>> = {},
  childUnits: Readonly<Record<string, string>> = {},
): { outcome: Outcome; text: string } {
  const decisions = (parent.meetingDecisions ?? []).map((d) => `${MEETING_KIND_LABELS[d.kind]}议定：${d.text}`)
  const lines = children.map((child, i) => {
    const unit = unitNames[childUnits[child._id] ?? ''] ?? childUnits[child._id] ?? ''
    const result = child.outcome ? OUTCOME_LABELS[child.outcome] : '未办理'
    return `${i + 1}. ${child.title}${unit ? `（${unit}）` : ''}：${result}${child.reply ? `，${child.reply.text}` : ''}`
  })
  const answered = children.filter((child) => child.outcome !== null)
  // solved only when every promise was kept as solved; otherwise the weakest outcome speaks for the whole
  const order: Outcome[] = ['unfeasible', 'planned', 'explained', 'solved']
  const outcome =
    answered.length === 0 ? 'solved' : (order.find((o) => answered.some((child) => child.outcome === o)) ?? 'solved')
  const text = [...decisions, ...(lines.length > 0 ? ['承诺事项办理情况：', ...lines] : [])].join('\n')
  return { outcome, text: text.length > 1000 ? `${text.slice(0, 999)}…` : text }
}

/** What the session page shows per enterprise: raised, promised, done and late (a late one stays late). */
export function tallyByEnterprise(
  meeting: Pick<Meeting, 'agenda'>,
  children: ReadonlyMap<string, Pick<Ticket, 'state' | 'replyDueAt' | 'reply' | 'closedAt'>>,
  now: Date,
): EnterpriseTally[] {
  const byEnterprise = new Map<string, EnterpriseTally>()
  for (const item of meeting.agenda) {
    const tally = byEnterprise.get(item.enterpriseId) ?? {
      enterpriseId: item.enterpriseId,
      enterpriseName: item.enterpriseName,
      raised: 0,
      promised: 0,
      done: 0,
      late: 0,
    }
    tally.raised += 1
    for (const commitment of item.commitments) {
      tally.promised += 1
      const child = children.get(commitment.childTicketId)
      if (child && isChildDone(child.state)) tally.done += 1
      if (isCommitmentLate(commitment, child ?? null, now)) tally.late += 1
    }
    byEnterprise.set(item.enterpriseId, tally)
  }
  return [...byEnterprise.values()]
}

/** Late: answered after its due, or not answered and the due has passed. */
export function isCommitmentLate(
  commitment: Pick<Commitment, 'dueAt'>,
  child: Pick<Ticket, 'state' | 'reply' | 'replyDueAt'> | null,
  now: Date,
): boolean {
  const due = child?.replyDueAt ?? commitment.dueAt
  if (child?.reply) return child.reply.at.getTime() > due.getTime()
  if (child && isChildDone(child.state)) return false
  return now.getTime() > due.getTime()
}

/** A kind's label for messages. */
export function meetingKindLabel(kind: MeetingKind): string {
  return MEETING_KIND_LABELS[kind]
}
