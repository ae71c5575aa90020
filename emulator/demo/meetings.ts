/**
 * The demo's reception days and coordination meetings as records (issue 9 item 5): the seed's 3 reception
 * days (11 enterprises, 29 problems) as sessions with their agendas, decisions and commitments (承诺事项),
 * and coordination meetings over the history's 专题协调 tickets, each commitment a child ticket.
 *
 * Commitments are made after the history is played and kept apart from it (`commitmentTickets`): they are
 * not problems the enterprises raised, so they are not collected (cloudfunctions/core/stats.ts) and the
 * seed's 266 / 217 / 81.6% stay as they are. Some were kept late (answered after their due): the session
 * page shows them as late, a fact that stays. Deterministic: no clock, no randomness.
 */
import type { MeetingKind, Ticket, TicketState } from '../../types/domain'
import type { AgendaItem, Commitment, Meeting } from '../../types/meetings'
import { childTicketIdFor, commitmentIdFor } from '../../cloudfunctions/core/meetings'
import { OFFICE_ACCOUNTS } from './identities'
import type { ReceptionDay } from './model'

const DAY = 24 * 3600_000
const HOUR = 3600_000

export interface DemoMeetings {
  meetings: Meeting[]
  /** parents with their decisions, children and seated leaders */
  tickets: Ticket[]
  commitmentTickets: Ticket[]
}

function child(
  parent: Ticket,
  meeting: Meeting,
  commitment: Commitment,
  position: number,
  madeAt: Date,
  finish: { state: TicketState; repliedAt: Date | null },
): Ticket {
  const actor = { actorId: OFFICE_ACCOUNTS.dispatcher, actorName: '唐晓敏', role: 'dispatcher' as const }
  const handler = { actorId: `demo-handler-${commitment.unitCode}`, actorName: '经办人', role: 'handler' as const }
  const timeline: Ticket['timeline'] = [
    { at: madeAt, event: 'dispatch', ...actor, from: null, to: 'dispatched', note: `承诺事项：${commitment.what}` },
  ]
  const signedAt = new Date(madeAt.getTime() + 2 * HOUR)
  if (finish.state !== 'dispatched')
    timeline.push({ at: signedAt, event: 'sign', ...handler, from: 'dispatched', to: 'signed' })
  if (finish.repliedAt) {
    timeline.push({
      at: finish.repliedAt,
      event: 'reply',
      ...handler,
      from: 'signed',
      to: 'replied',
      note: '已按承诺办结',
    })
  }
  const last = timeline[timeline.length - 1]
  return {
    ...parent,
    _id: commitment.childTicketId,
    no: `${parent.no}-${position + 1}`,
    submittedBy: OFFICE_ACCOUNTS.dispatcher,
    title: commitment.what,
    description: `${meeting.kind === 'reception' ? '接待日' : '专题协调会'}承诺事项（主诉求 ${parent.no}「${parent.title}」）：${commitment.what}`,
    flags: [],
    state: finish.state,
    track: 'timed',
    units: [commitment.unitCode],
    taskForce: null,
    acceptDueAt: null,
    signDueAt: new Date(madeAt.getTime() + DAY),
    replyDueAt: commitment.dueAt,
    ratingDueAt: null,
    sendBackDueAt: new Date(madeAt.getTime() + 2 * DAY),
    meetingDueAt: null,
    dispatchedAt: madeAt,
    pausedAt: null,
    supplements: [],
    extensionRequest: null,
    extensionDaysGranted: 0,
    mergedInto: null,
    reopenCount: 0,
    outcome: finish.repliedAt ? 'solved' : null,
    reply: finish.repliedAt
      ? {
          text: `已按${meeting.title}承诺办结：${commitment.what}`,
          attachments: [],
          at: finish.repliedAt,
          by: handler.actorId,
        }
      : null,
    rating: null,
    instructions: [],
    closedAt: null,
    requestId: commitment.id,
    version: timeline.length,
    timeline,
    createdAt: madeAt,
    updatedAt: last.at,
    parentId: parent._id,
    origin: { kind: meeting.kind, id: meeting._id, commitmentId: commitment.id },
    childIds: [],
    meetingDecisions: [],
    meetingIds: [meeting._id],
    meetingLeaderIds: [...meeting.leaderIds],
  }
}

function emptyMeeting(id: string, kind: MeetingKind, title: string, startsAt: Date, leaderIds: string[]): Meeting {
  return {
    _id: id,
    kind,
    title,
    startsAt,
    place: kind === 'reception' ? '市政府常务会议室' : '市重点办会议室',
    leaderIds,
    chair: kind === 'coordination' ? '市重点办主任' : '',
    unitCodes: [],
    enterpriseIds: [],
    representatives: '',
    agenda: [],
    status: 'held',
    invitedAt: new Date(startsAt.getTime() - 3 * DAY),
    heldAt: startsAt,
    minutes: '',
    createdBy: OFFICE_ACCOUNTS.dispatcher,
    requestId: id,
    version: 1,
    createdAt: new Date(startsAt.getTime() - 7 * DAY),
    updatedAt: startsAt,
  }
}

/** Takes up `parent` at `meeting`: the decision, one commitment per unit, children as `finish` says. */
function takeUp(
  meeting: Meeting,
  parent: Ticket,
  decision: string,
  finishOf: (commitment: Commitment, index: number) => { state: TicketState; repliedAt: Date | null; dueAt?: Date },
  out: DemoMeetings,
): Ticket {
  const madeAt = new Date(meeting.startsAt.getTime() + HOUR)
  const units = parent.track === 'onsite' ? [] : parent.units
  const commitments: Commitment[] = units.map((unitCode, index) => {
    const id = commitmentIdFor(meeting._id, parent._id, meeting._id, index)
    const dueAt = parent.replyDueAt ?? new Date(madeAt.getTime() + 20 * DAY)
    return {
      id,
      unitCode,
      what: `${index === 0 ? '牵头' : '配合'}落实：${parent.title}`,
      dueAt,
      childTicketId: childTicketIdFor(id),
    }
  })
  const children = commitments.map((commitment, index) => {
    const finish = finishOf(commitment, index)
    const kept = finish.dueAt ? { ...commitment, dueAt: finish.dueAt } : commitment
    commitments[index] = kept
    return child(parent, meeting, kept, index, madeAt, finish)
  })
  out.commitmentTickets.push(...children)
  const item: AgendaItem = {
    ticketId: parent._id,
    ticketNo: parent.no,
    enterpriseId: parent.enterpriseId,
    enterpriseName: parent.enterpriseName,
    title: parent.title,
    source: parent.channel === 'reception' && meeting.kind === 'reception' ? 'raisedAtSession' : 'graded',
    addedAt: meeting.createdAt,
    decision,
    decidedAt: madeAt,
    decidedBy: meeting._id,
    outcome: commitments.length === 0 ? 'solved' : null,
    commitments,
  }
  meeting.agenda.push(item)
  if (!meeting.enterpriseIds.includes(parent.enterpriseId)) meeting.enterpriseIds.push(parent.enterpriseId)
  for (const unit of units) if (!meeting.unitCodes.includes(unit)) meeting.unitCodes.push(unit)
  const held =
    parent.meetingDueAt !== null
      ? {
          meetingDueAt: null,
          meetingHeldAt: meeting.startsAt,
          meetingLate: meeting.startsAt.getTime() > parent.meetingDueAt.getTime(),
        }
      : {}
  return {
    ...parent,
    ...held,
    childIds: children.map((c) => c._id),
    meetingDecisions: [
      { meetingId: meeting._id, kind: meeting.kind, text: decision, at: madeAt, childIds: children.map((c) => c._id) },
    ],
    meetingIds: [meeting._id],
    meetingLeaderIds: [...meeting.leaderIds],
  }
}

/**
 * The sessions of the demo year. `tickets` is the played history; the result's `tickets` replaces it (same
 * tickets, the ones taken up by a session carrying their decisions and children).
 */
export function buildDemoMeetings(tickets: readonly Ticket[], receptionDays: readonly ReceptionDay[]): DemoMeetings {
  const out: DemoMeetings = { meetings: [], tickets: [], commitmentTickets: [] }
  const byId = new Map(tickets.map((t) => [t._id, t]))
  const changed = new Map<string, Ticket>()

  // the seed's reception days: every problem decided there; the unit's promises kept, one in three late
  let promise = 0
  for (const day of receptionDays) {
    const meeting = emptyMeeting(`meeting-${day._id}`, 'reception', day.title, day.heldAt, [...day.chairLeaderIds])
    for (const ticketId of day.ticketIds) {
      const parent = byId.get(ticketId)
      if (!parent) continue
      const decision =
        parent.track === 'onsite'
          ? `现场协调解决：${parent.reply?.text ?? parent.title}`
          : `由${parent.units.length > 1 ? '牵头和配合单位' : '责任单位'}限期落实，办结后答复企业`
      const taken = takeUp(
        meeting,
        parent,
        decision,
        () => {
          promise += 1
          const repliedAt = new Date((parent.reply?.at ?? parent.updatedAt).getTime() - HOUR)
          // every third promise was kept after its due: late, and it stays late
          const dueAt = promise % 3 === 0 ? new Date(repliedAt.getTime() - 2 * DAY) : undefined
          return { state: 'replied', repliedAt, ...(dueAt ? { dueAt } : {}) }
        },
        out,
      )
      changed.set(taken._id, taken)
    }
    out.meetings.push(meeting)
  }

  // coordination meetings: the 专题协调 tickets of a category taken up together, held before their meeting due
  const coordination = tickets.filter(
    (t) => t.track === 'coordination' && t.meetingDueAt !== null && t.units.length > 1,
  )
  const byCategory = new Map<string, Ticket[]>()
  for (const t of coordination) byCategory.set(t.category, [...(byCategory.get(t.category) ?? []), t])
  let n = 0
  for (const [category, group] of [...byCategory.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const covered = group.slice(0, 3)
    const first = covered.reduce((a, b) => (a.meetingDueAt!.getTime() <= b.meetingDueAt!.getTime() ? a : b))
    n += 1
    // the last one was held a day after its due: late, and the fact stays
    const startsAt = new Date(first.meetingDueAt!.getTime() + (n % 4 === 0 ? DAY : -2 * DAY) - 6 * HOUR)
    const meeting = emptyMeeting(
      `meeting-coordination-${category}`,
      'coordination',
      `${covered[0].title}等问题专题协调会`,
      startsAt,
      [],
    )
    meeting.minutes = `会议研究了${covered.length}个问题，明确了牵头和配合单位及完成时限。`
    for (const parent of covered) {
      const open = parent.state !== 'closed' && parent.state !== 'replied'
      const taken = takeUp(
        meeting,
        parent,
        '明确牵头单位和配合单位，按期办结',
        (commitment, index) =>
          // an open parent waits on an open promise: it cannot close before it
          open && index === 0
            ? { state: 'signed', repliedAt: null }
            : {
                state: 'replied',
                repliedAt: new Date(
                  Math.max(startsAt.getTime() + DAY, (parent.reply?.at ?? startsAt).getTime() - HOUR),
                ),
              },
        out,
      )
      changed.set(taken._id, taken)
    }
    out.meetings.push(meeting)
  }
  out.tickets = tickets.map((t) => changed.get(t._id) ?? t)
  return out
}
