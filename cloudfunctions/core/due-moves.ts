/**
 * The enterprise is told when its reply deadline moves, and why (issue 11). One function says whether an
 * event moved the reply due the enterprise was shown and in which words; the lifecycle writes those words on
 * the event's timeline entry (which the enterprise reads) and plans the same words as the enterprise's message
 * (notification `replyDueMoved`, WeChat template `progress`), so the two never say different things.
 *
 * What counts as a move: the enterprise was shown a reply due (the ticket's, or the one 退回 cleared while the
 * ticket waits to be dispatched again) and, after the event, a unit owes the reply by another date. A first
 * due, a due cleared, a due that stays, or only the sign / meeting due moving is not a move.
 */
import { EVENT_LABELS, type Ticket, type TicketEventType, type TicketState, type Track } from '../../types/domain'
import { shanghaiDateOf } from './clock'
import type { Effect } from './effects'

/** The states in which a unit owes the enterprise its reply by the reply due. */
const REPLY_OWED_STATES: ReadonlySet<TicketState> = new Set(['dispatched', 'signed'])

/** How a track is handled, as the enterprise reads it ("诉求升级为专题协调会办理"). */
const TRACK_HANDLING: { readonly [T in Track]: string } = {
  onsite: '现场办结',
  timed: '限时办理',
  coordination: '专题协调会办理',
  reception: '接待日办理',
}

/** "12月24日" (with the year when the two dates of a move fall in different years). */
function dayOf(instant: Date, withYear: boolean): string {
  const [year, month, day] = shanghaiDateOf(instant).split('-')
  return `${withYear ? `${year}年` : ''}${Number(month)}月${Number(day)}日`
}

/** The reply due the enterprise was last shown before an event. */
export function shownReplyDueOf(ticket: Pick<Ticket, 'state' | 'replyDueAt' | 'clearedReplyDueAt'>): Date | null {
  if (REPLY_OWED_STATES.has(ticket.state)) return ticket.replyDueAt
  // sent back: the due the enterprise saw until then (a reopened ticket's old due was met: a new round)
  return ticket.state === 'accepted' ? (ticket.clearedReplyDueAt ?? null) : null
}

/** What an event did, in the enterprise's words: the why of the move. */
type CauseOf = (before: Ticket, after: Ticket) => string
const CAUSES: { readonly [E in TicketEventType]?: CauseOf } = {
  escalate: (_, after) => `诉求升级为${TRACK_HANDLING[after.track]}`,
  escalateOverdue: (_, after) => `诉求逾期升级为${TRACK_HANDLING[after.track]}`,
  reassign: () => '诉求改由新的承办单位办理',
  dispatch: (before, after) =>
    after.track === before.track ? '诉求重新派单办理' : `诉求重新派单，按${TRACK_HANDLING[after.track]}`,
  approveExtension: (before) =>
    before.extensionRequest ? `承办单位申请延期${before.extensionRequest.days}个工作日已获同意` : '延期申请已获同意',
  scheduleReception: (_, after) =>
    after.receptionDayAt ? `诉求列入${dayOf(after.receptionDayAt, false)}接待日` : '诉求列入接待日',
  supplement: () => '等待补充材料期间暂停计时',
}

export interface ReplyDueMove {
  from: Date
  to: Date
  /** why, in plain Chinese (≤ 20 characters: the message's 说明 field) */
  cause: string
  /** old → new date (≤ 20 characters: the message's 办理进展 field) */
  change: string
  /** the whole sentence: the timeline entry and the in-app message say exactly this */
  text: string
}

/** Did `eventType`, taking `before` to `after`, move the reply due the enterprise was shown? In which words? */
export function replyDueMoveOf(before: Ticket, after: Ticket, eventType: TicketEventType): ReplyDueMove | null {
  const from = shownReplyDueOf(before)
  const to = after.replyDueAt
  if (from === null || to === null || from.getTime() === to.getTime()) return null
  if (!REPLY_OWED_STATES.has(after.state)) return null
  // a move within one Shanghai day (a pause resumed the same day) changes nothing the enterprise reads
  if (shanghaiDateOf(from) === shanghaiDateOf(to)) return null
  // a pause that ended with this event (any event moves the ticket on from waiting) is a cause too
  const cause =
    CAUSES[eventType]?.(before, after) ??
    (before.pausedAt !== null && after.pausedAt === null ? CAUSES.supplement!(before, after) : EVENT_LABELS[eventType])
  return replyDueMove(from, to, cause)
}

/** A move of the reply due from one day to another, for a cause (≤ 20 characters), in the enterprise's words. */
export function replyDueMove(from: Date, to: Date, cause: string): ReplyDueMove {
  const withYear = shanghaiDateOf(from).slice(0, 4) !== shanghaiDateOf(to).slice(0, 4)
  const change = `答复时限由${dayOf(from, withYear)}调整为${dayOf(to, withYear)}`
  return { from, to, cause, change, text: `${cause}，${change}` }
}

/** The enterprise's one message about a move: from when to when (办理进展) and why (说明), the sentence in 消息. */
export function replyDueMovedNotice(ticketId: string, move: ReplyDueMove): Effect {
  const message = { progress: move.change, detail: move.cause, text: move.text }
  return { kind: 'notify', ticketId, template: 'replyDueMoved', audience: ['enterprise'], message }
}
