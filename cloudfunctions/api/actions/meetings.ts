/**
 * Reception days (接待日) and coordination meetings (专题协调会): thin shells over core/meetings.ts and the
 * lifecycle table. Every create carries a retry key; every multi-write action is ordered so that its own
 * retry finishes it after a crash at any point (meeting first, then the child tickets by derived id, then the
 * parent's event, which is skipped once present); two office users at once meet the meeting's `version`.
 */
import type { ActionContext, ActionDef } from '../router'
import type { Ticket } from '../../../types/domain'
import {
  agendaAddSchema,
  decisionSchema,
  meetingCreateSchema,
  meetingIdSchema,
  meetingInviteSchema,
  meetingListSchema,
  raiseAtSessionSchema,
  type AgendaItemView,
  type DecisionInput,
  type MeetingCreateInput,
  type Meeting,
  type MeetingView,
} from '../../../types/meetings'
import type { Leader } from '../../../types/directory'
import {
  OPEN_FOR_AGENDA,
  addToAgenda,
  answerFromCommitments,
  isChildDone,
  isCommitmentLate,
  markInvited,
  meetingIdFor,
  newMeeting,
  openCommitmentTicket,
  planDecision,
  tallyByEnterprise,
} from '../../core/meetings'
import { submissionEffects, transition } from '../../core/lifecycle'
import { SYSTEM_ACTOR, type Actor, type TicketEventInput } from '../../core/events'
import { openTicket, ticketNoDay } from '../../core/intake'
import { ROUTING_TABLE } from '../../core/routing'
import { defaultRulesDocument } from '../../core/rules'
import { loadWorkingCalendar } from '../../shared/calendar'
import { inScope } from '../../shared/access'
import { COLLECTIONS } from '../../shared/collections'
import { assertTextIsSafe } from '../../shared/contentSafety'
import { deliverRecords } from '../../shared/delivery'
import { findByIds } from '../../shared/directory'
import { findEnterprise, unitNamesOf } from '../../shared/enterprises'
import { AppError } from '../../shared/errors'
import {
  childFactsOf,
  findMeeting,
  findTicketsByIds,
  insertMeeting,
  linkTicketToMeeting,
  listCandidateTickets,
  listMeetings,
  queueTicketNotifications,
  saveMeeting,
} from '../../shared/meetings'
import {
  moveTicketNotifications,
  notificationTicketOf,
  pendingNotificationsOf,
  pendingNotificationsWrite,
  withPendingNotifications,
  type PendingNotification,
} from '../../shared/notifications'
import { createNumberedTicket, findTicket, insertTicket, saveTransition } from '../../shared/tickets'
import { ticketIdFor } from './tickets'
import { actorOf } from './workflow'

const NOT_FOUND_MESSAGE = '未找到该会议，或您无权查看'
/** the api function's timeout is 10 s: deliveries started by a meeting action stop well before it */
const DELIVERY_BUDGET_MS = 4_000

/** A meeting the caller may see: the office all, a leader those they sit in (ACCESS_POLICY seatedLeader). */
async function loadVisibleMeeting(
  ctx: Pick<ActionContext, 'grant'>,
  action: 'meeting.get' | 'meeting.raise',
  id: string,
) {
  const meeting = await findMeeting(id)
  if (!meeting || !inScope(action, ctx.grant, { leaderIds: meeting.leaderIds })) {
    throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  }
  return meeting
}

function refuse(result: { code: AppError['code']; message: string; field?: string }): never {
  throw new AppError(result.code, result.message, result.field ? { [result.field]: result.message } : undefined)
}

/** Fires an event on a ticket, reloading once if someone else wrote meanwhile (a server-side follow-up, not a user's stale view). */
async function fire(ticketId: string, event: TicketEventInput, actor: Actor, now: Date, withFacts = false) {
  const rules = defaultRulesDocument()
  const calendar = await loadWorkingCalendar()
  for (let attempt = 0; attempt < 3; attempt++) {
    const ticket = await findTicket(ticketId)
    if (!ticket) throw new AppError('NOT_FOUND', '未找到该诉求')
    const facts = withFacts ? await childFactsOf(ticket) : undefined
    const result = transition(ticket, event, actor, rules, calendar, now, facts)
    if (!result.ok) throw new AppError(result.code, result.message)
    const notify = pendingNotificationsWrite(pendingNotificationsOf(result.effects, result.ticket), now)
    if (await saveTransition(ticket, result.ticket, notify)) return result.ticket
  }
  throw new AppError('CONFLICT', '该诉求正在被他人更新，请稍后重试')
}

/** Delivers what the tickets have queued, within a budget; the scheduler's next run delivers the rest. */
async function deliverQueued(ticketIds: readonly string[], now: Date) {
  const deadline = Date.now() + DELIVERY_BUDGET_MS
  for (const id of ticketIds) {
    if (Date.now() > deadline) return
    try {
      const moved = await moveTicketNotifications(id, now)
      await deliverRecords(moved.inserted, now, deadline)
    } catch (error) {
      console.error('[meetings] delivery left to the scheduler', id, error)
    }
  }
}

/**
 * Once every commitment of a parent is done, the parent is answered to the enterprise (SYSTEM, from the
 * decision and the commitments' answers). Called after a child is answered; a crash before it is finished by
 * the office's 答复企业 on the session page, which fires the same event.
 */
export async function answerParentIfDone(parentId: string, now: Date): Promise<void> {
  const parent = await findTicket(parentId)
  if (!parent || !OPEN_FOR_AGENDA.includes(parent.state) || (parent.meetingDecisions ?? []).length === 0) return
  const children = await findTicketsByIds(parent.childIds ?? [])
  if (children.some((child) => !isChildDone(child.state))) return
  const unitNames = await unitNamesOf([...new Set(children.map((child) => child.units[0]))])
  const childUnits = Object.fromEntries(children.map((child) => [child._id, child.units[0]]))
  const ordered = (parent.childIds ?? []).flatMap((id) => children.filter((child) => child._id === id))
  const answer = answerFromCommitments(parent, ordered, unitNames, childUnits)
  await fire(parent._id, { type: 'answerFromCommitments', ...answer }, SYSTEM_ACTOR, now, true)
  await deliverQueued([parent._id], now)
}

async function present(meeting: Meeting, now: Date): Promise<MeetingView> {
  const { requestId: _r, createdBy: _c, agenda, ...rest } = meeting
  const ticketIds = agenda.flatMap((item) => [item.ticketId, ...item.commitments.map((c) => c.childTicketId)])
  const tickets = new Map((await findTicketsByIds(ticketIds)).map((t) => [t._id, t]))
  const unitCodes = [
    ...new Set([...meeting.unitCodes, ...agenda.flatMap((item) => item.commitments.map((c) => c.unitCode))]),
  ]
  const unitNames = await unitNamesOf(unitCodes)
  const leaders = await findByIds<Leader>(COLLECTIONS.leaders, meeting.leaderIds)
  const leaderNames = meeting.leaderIds.map((id) => {
    const leader = leaders.find((l) => l._id === id)
    return leader ? `${leader.title}${leader.name}` : id
  })
  const agendaView: AgendaItemView[] = agenda.map(({ decidedBy: _d, commitments, ...item }) => ({
    ...item,
    state: tickets.get(item.ticketId)?.state ?? null,
    commitments: commitments.map((c) => {
      const child = tickets.get(c.childTicketId) ?? null
      return {
        ...c,
        unitName: unitNames[c.unitCode] ?? c.unitCode,
        state: child?.state ?? null,
        done: child !== null && isChildDone(child.state),
        late: isCommitmentLate(c, child, now),
      }
    }),
  }))
  const enterpriseNames = Object.fromEntries(agenda.map((item) => [item.enterpriseId, item.enterpriseName]))
  const missing = meeting.enterpriseIds.filter((id) => !(id in enterpriseNames))
  for (const id of missing) enterpriseNames[id] = (await findEnterprise(id))?.name ?? id
  return {
    ...rest,
    agenda: agendaView,
    leaderNames,
    unitNames,
    enterpriseNames,
    tally: tallyByEnterprise(meeting, tickets, now),
  }
}

export const create: ActionDef<'meeting.create'> = {
  idempotent: true,
  payload: meetingCreateSchema,
  async handle(ctx, payload) {
    const input = payload as unknown as MeetingCreateInput
    const id = meetingIdFor(ctx.openid, ctx.requestId)
    // A retried create returns the first meeting, and finishes its agenda links if it died before them.
    let meeting = await findMeeting(id)
    if (!meeting) {
      const made = newMeeting(input, { id, openid: ctx.openid, requestId: ctx.requestId }, ctx.now)
      if (!made.ok) refuse(made)
      let draft = made.value
      if (input.ticketIds.length > 0) {
        const tickets = await visibleOpenTickets(input.ticketIds)
        const added = addToAgenda(draft, tickets, 'added', ctx.now)
        if (!added.ok) refuse(added)
        draft = { ...added.value, version: 1 }
      }
      try {
        await insertMeeting(draft)
      } catch (error) {
        if (!(await findMeeting(id))) throw error
      }
      meeting = (await findMeeting(id))!
    }
    await linkAgenda(meeting)
    return present(meeting, ctx.now)
  },
}

async function visibleOpenTickets(ids: readonly string[]): Promise<Ticket[]> {
  const tickets = await findTicketsByIds([...new Set(ids)])
  if (tickets.length !== new Set(ids).size)
    throw new AppError('NOT_FOUND', '有诉求不存在', { ticketIds: '有诉求不存在' })
  return tickets
}

/** Each agenda ticket names the meeting and its leaders (idempotent: a retry redoes it harmlessly). */
async function linkAgenda(meeting: Meeting) {
  for (const item of meeting.agenda) await linkTicketToMeeting(item.ticketId, meeting._id, meeting.leaderIds)
}

export const list: ActionDef<'meeting.list'> = {
  payload: meetingListSchema,
  async handle({ grant }, { kind, page = 0 }) {
    if (grant.role === 'leader' && !grant.leaderId) return { items: [], hasMore: false }
    const { items, hasMore } = await listMeetings(
      grant.role === 'leader' ? { leaderId: grant.leaderId } : kind ? { kind } : {},
      page,
    )
    const leaderIds = [...new Set(items.flatMap((m) => m.leaderIds))]
    const leaders = await findByIds<Leader>(COLLECTIONS.leaders, leaderIds)
    return {
      items: items.map((m) => ({
        _id: m._id,
        kind: m.kind,
        title: m.title,
        startsAt: m.startsAt,
        place: m.place,
        status: m.status,
        heldAt: m.heldAt,
        version: m.version,
        agendaCount: m.agenda.length,
        leaderNames: m.leaderIds.map((id) => {
          const leader = leaders.find((l) => l._id === id)
          return leader ? `${leader.title}${leader.name}` : id
        }),
      })),
      hasMore,
    }
  },
}

export const get: ActionDef<'meeting.get'> = {
  payload: meetingIdSchema,
  async handle(ctx, { meetingId }) {
    return present(await loadVisibleMeeting(ctx, 'meeting.get', meetingId), ctx.now)
  },
}

export const candidates: ActionDef<'meeting.candidates'> = {
  payload: meetingIdSchema,
  async handle(_ctx, { meetingId }) {
    const meeting = await findMeeting(meetingId)
    if (!meeting) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    const onAgenda = new Set(meeting.agenda.map((item) => item.ticketId))
    // graded for this kind of session first, then any other open ticket the office may pick
    const graded = await listCandidateTickets({ track: meeting.kind }, OPEN_FOR_AGENDA)
    const others = await listCandidateTickets({}, ['dispatched', 'signed'])
    const seen = new Set<string>()
    const items = [...graded.items, ...others.items]
      .filter((t) => !onAgenda.has(t._id) && !t.parentId && !seen.has(t._id) && seen.add(t._id))
      .map(({ parentId: _p, ...row }) => row)
    return { items, hasMore: graded.hasMore || others.hasMore, nextCursor: null }
  },
}

function checkVersion(meeting: Meeting, version: number) {
  if (meeting.version !== version) throw new AppError('CONFLICT', '会议已被他人更新，请刷新后再操作')
}

export const addAgenda: ActionDef<'meeting.addAgenda'> = {
  payload: agendaAddSchema,
  async handle(ctx, { meetingId, version, ticketIds }) {
    const meeting = await findMeeting(meetingId)
    if (!meeting) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    // a retry of a call that succeeded: everything is on the agenda already
    if (ticketIds.every((id) => meeting.agenda.some((item) => item.ticketId === id))) {
      await linkAgenda(meeting)
      return present(meeting, ctx.now)
    }
    checkVersion(meeting, version)
    const added = addToAgenda(meeting, await visibleOpenTickets(ticketIds), 'added', ctx.now)
    if (!added.ok) refuse(added)
    if (!(await saveMeeting(meeting, added.value))) throw new AppError('CONFLICT', '会议已被他人更新，请刷新后再操作')
    await linkAgenda(added.value)
    return present(added.value, ctx.now)
  },
}

/** An invitation per agenda ticket: subscribe message + 消息 to its enterprise, units and the seated leaders. */
function invitationOf(ticket: Ticket, meeting: Meeting): PendingNotification {
  return {
    template: 'meetingInvited',
    ticketId: ticket._id,
    audience: ROUTING_TABLE.meetingInvited,
    dueField: null,
    dueAt: null,
    // unique per (meeting, ticket): a retried invite is told once (dedupe keys)
    occurrence: `invite-${meeting._id}`,
    entry: {
      at: meeting.startsAt,
      event: 'meetingInvited',
      actorId: meeting.createdBy,
      actorName: '市重点办',
      role: 'dispatcher',
      from: ticket.state,
      to: ticket.state,
      note: `${meeting.title}，${meeting.place}`,
    },
    ticket: notificationTicketOf({ ...ticket, meetingLeaderIds: meeting.leaderIds }),
  }
}

export const invite: ActionDef<'meeting.invite'> = {
  payload: meetingInviteSchema,
  async handle(ctx, { meetingId, version }) {
    const meeting = await findMeeting(meetingId)
    if (!meeting) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    let invited = meeting
    if (meeting.status === 'planned') {
      checkVersion(meeting, version)
      const marked = markInvited(meeting, ctx.now)
      if (!marked.ok) refuse(marked)
      invited = marked.value
    }
    // queue first, mark last: a crash in between is finished by the retry; a second queueing is deduped
    const tickets = await findTicketsByIds(invited.agenda.map((item) => item.ticketId))
    for (const ticket of tickets) await queueTicketNotifications(ticket._id, [invitationOf(ticket, invited)], ctx.now)
    if (invited !== meeting && !(await saveMeeting(meeting, invited))) {
      throw new AppError('CONFLICT', '会议已被他人更新，请刷新后再操作')
    }
    await deliverQueued(
      tickets.map((t) => t._id),
      ctx.now,
    )
    return present(invited, ctx.now)
  },
}

export const decide: ActionDef<'meeting.decide'> = {
  idempotent: true,
  payload: decisionSchema,
  async handle(ctx, payload) {
    const input = payload as unknown as DecisionInput
    const { now, requestId } = ctx
    const rules = defaultRulesDocument()
    const actor = actorOf(ctx)
    const calendar = await loadWorkingCalendar()
    let meeting = await findMeeting(input.meetingId)
    if (!meeting) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    const plan = planDecision(meeting, input, requestId, now)
    if (!plan.ok) refuse(plan)
    let parent = await findTicket(input.ticketId)
    if (!parent) throw new AppError('NOT_FOUND', '未找到该诉求')
    const { item } = plan.value

    // 1. the meeting: the decision and its commitments (ids derived from the retry key)
    if (plan.value.changed) {
      checkVersion(meeting, input.version)
      // units and the enterprise read the decision, the minutes and each promise (issue 8 §5)
      const written = [input.decision, input.minutes ?? '', ...input.commitments.map((c) => c.what)]
      await assertTextIsSafe(ctx.openid, written.filter((text) => text.trim() !== '').join('\n'))
      const unitNames = await unitNamesOf(item.commitments.map((c) => c.unitCode))
      const unknown = item.commitments.findIndex((c) => !(c.unitCode in unitNames))
      if (unknown >= 0) {
        throw new AppError('INVALID_INPUT', '责任单位不存在', { [`commitments.${unknown}.unitCode`]: '责任单位不存在' })
      }
      // the parent must accept the decision before anything is written
      const dryRun = transition(parent, decisionEvent(meeting, item), actor, rules, calendar, now)
      if (!dryRun.ok) throw new AppError(dryRun.code, dryRun.message)
      if (!(await saveMeeting(meeting, plan.value.meeting))) {
        throw new AppError('CONFLICT', '会议已被他人更新，请刷新后再操作')
      }
      meeting = plan.value.meeting
    }

    // 2. the child tickets, one per commitment (a retry skips those already made)
    const made: string[] = []
    for (const [position, commitment] of item.commitments.entries()) {
      if (await findTicket(commitment.childTicketId)) continue
      const { ticket, effects } = openCommitmentTicket(
        parent,
        commitment,
        meeting,
        position,
        actor,
        rules,
        calendar,
        now,
      )
      try {
        await insertTicket(withPendingNotifications(ticket, pendingNotificationsOf(effects, ticket), now))
        made.push(ticket._id)
      } catch (error) {
        if (!(await findTicket(ticket._id))) throw error
      }
    }

    // 3. the parent: the decision and its children (skipped once recorded)
    if (!(parent.meetingDecisions ?? []).some((d) => d.meetingId === meeting._id)) {
      parent = await fire(parent._id, decisionEvent(meeting, item), actor, now)
    }
    await linkTicketToMeeting(parent._id, meeting._id, meeting.leaderIds)

    // 4. nothing committed: the enterprise is answered with the decision at once
    if (item.commitments.length === 0 && OPEN_FOR_AGENDA.includes(parent.state) && item.outcome !== null) {
      const label = meeting.kind === 'reception' ? '接待日议定' : '专题协调会议定'
      await fire(
        parent._id,
        { type: 'answerFromCommitments', outcome: item.outcome, text: `${label}：${item.decision}` },
        actor,
        now,
        true,
      )
    }
    await deliverQueued([...made, parent._id], now)
    return present(meeting, now)
  },
}

function decisionEvent(meeting: Meeting, item: Meeting['agenda'][number]): TicketEventInput {
  return {
    type: 'recordDecision',
    meetingId: meeting._id,
    kind: meeting.kind,
    decision: item.decision ?? '',
    childIds: item.commitments.map((c) => c.childTicketId),
    heldAt: meeting.heldAt ?? item.decidedAt ?? new Date(0),
  }
}

export const raise: ActionDef<'meeting.raise'> = {
  idempotent: true,
  payload: raiseAtSessionSchema,
  async handle(ctx, input) {
    const { openid, user, grant, requestId, now } = ctx
    const meeting = await loadVisibleMeeting(ctx, 'meeting.raise', input.meetingId)
    if (meeting.kind !== 'reception') throw new AppError('INVALID_TRANSITION', '只有接待日可以当场登记诉求')
    const rules = defaultRulesDocument()
    const calendar = await loadWorkingCalendar()
    const ticketId = ticketIdFor(openid, requestId)
    let ticket = await findTicket(ticketId)
    if (!ticket) {
      const enterprise = await findEnterprise(input.enterpriseId)
      if (!enterprise || !enterprise.active) {
        throw new AppError('INVALID_INPUT', '企业不存在或已停用', { enterpriseId: '企业不存在或已停用' })
      }
      await assertTextIsSafe(openid, `${input.title}\n${input.description}`)
      // the number is taken in the same transaction as the insert: a retry or a crash burns none (issue 8 §6)
      ticket = await createNumberedTicket(ticketId, ticketNoDay(now), (no) => {
        const opened = openTicket(
          {
            ticketId,
            no,
            enterprise,
            channel: 'reception',
            category: input.category,
            title: input.title,
            description: input.description,
            urgency: 'normal',
            flags: [],
            submitter: { openid, name: user.name, role: grant.role },
            requestId,
          },
          rules,
          calendar,
          now,
        )
        // the session's leaders open it from the start
        const withAccess: Ticket = { ...opened, meetingIds: [meeting._id], meetingLeaderIds: [...meeting.leaderIds] }
        return withPendingNotifications(
          withAccess,
          pendingNotificationsOf(submissionEffects(withAccess, rules, calendar), withAccess),
          now,
        )
      })
    }
    // onto the agenda (a retry finds it there already)
    let current = (await findMeeting(meeting._id))!
    if (!current.agenda.some((item) => item.ticketId === ticketId)) {
      checkVersion(current, input.version)
      const added = addToAgenda(current, [ticket], 'raisedAtSession', now)
      if (!added.ok) refuse(added)
      if (!(await saveMeeting(current, added.value))) throw new AppError('CONFLICT', '会议已被他人更新，请刷新后再操作')
      current = added.value
    }
    await deliverQueued([ticketId], now)
    return present(current, now)
  },
}
