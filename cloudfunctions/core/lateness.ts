/**
 * Which dues a ticket missed, and by how many working days (types/search.ts Lateness): the office's lists
 * show every kind — acceptance, signing, reply, meeting, rating — not only late replies.
 *
 * When each step is done (a ticket keeps its dues; the timeline keeps when each step happened):
 *   accept   the first move out of 待受理 (受理, 不予受理, 现场办结, 撤回)
 *   sign     the last 签收 (a re-dispatch asks for a new one)
 *   reply    the reply's time
 *   meeting  a reply is given after the 专题协调会 at the latest, so the meeting counts as held by the reply
 *            (the ticket has no meeting record of its own yet)
 *   rating   the enterprise's 评价; a rating the timer closed as 未评价 is not counted against anyone
 *
 * A due the lifecycle cleared (a send-back clears the unit's dues) is no longer the unit's to miss.
 * Pure: `now` is injected.
 */
import type { Ticket, TicketState } from '../../types/domain'
import type { DueKind, Lateness } from '../../types/search'
import { workingDaysOverdue } from './clock'

/** What lateness reads of a ticket (a list row's projection). */
export type LatenessTicket = Pick<
  Ticket,
  | 'state'
  | 'track'
  | 'acceptDueAt'
  | 'signDueAt'
  | 'replyDueAt'
  | 'meetingDueAt'
  | 'ratingDueAt'
  | 'reply'
  | 'timeline'
  | 'units'
>

/** The states in which each step is still waited for. */
export const OPEN_STATES: { readonly [K in DueKind]: readonly TicketState[] } = {
  accept: ['submitted'],
  sign: ['dispatched'],
  reply: ['dispatched', 'signed'],
  meeting: ['dispatched', 'signed'],
  rating: ['replied'],
}

/** The ticket field holding each due. */
export const DUE_FIELDS = {
  accept: 'acceptDueAt',
  sign: 'signDueAt',
  reply: 'replyDueAt',
  meeting: 'meetingDueAt',
  rating: 'ratingDueAt',
} as const satisfies { readonly [K in DueKind]: keyof Ticket }

function lastEntryAt(ticket: LatenessTicket, events: readonly string[]): Date | null {
  for (let i = ticket.timeline.length - 1; i >= 0; i--) {
    if (events.includes(ticket.timeline[i].event)) return ticket.timeline[i].at
  }
  return null
}

const DONE_AT: { readonly [K in DueKind]: (ticket: LatenessTicket) => Date | null } = {
  accept: (ticket) =>
    ticket.timeline.find((entry) => entry.from === 'submitted' && entry.to !== 'submitted')?.at ?? null,
  sign: (ticket) => lastEntryAt(ticket, ['sign']),
  reply: (ticket) => ticket.reply?.at ?? null,
  meeting: (ticket) => ticket.reply?.at ?? null,
  rating: (ticket) => lastEntryAt(ticket, ['rate']),
}

/** Every due the ticket missed: still open past it, or done after it. */
export function latenessOf(ticket: LatenessTicket, now: Date): Lateness[] {
  const missed: Lateness[] = []
  for (const kind of Object.keys(DUE_FIELDS) as DueKind[]) {
    const dueAt = ticket[DUE_FIELDS[kind]]
    if (dueAt === null || dueAt === undefined) continue
    const open = OPEN_STATES[kind].includes(ticket.state)
    const doneAt = open ? null : DONE_AT[kind](ticket)
    if (!open && doneAt === null) continue // never needed (rejected, withdrawn, closed unrated…)
    const until = doneAt ?? now
    if (until.getTime() <= dueAt.getTime()) continue
    missed.push({ kind, dueAt, workingDaysLate: workingDaysOverdue(dueAt, until).days, open })
  }
  return missed
}

/** The due that runs now in the ticket's state (the earliest open one), if any. */
export function currentDueOf(ticket: LatenessTicket): { kind: DueKind; dueAt: Date } | null {
  let current: { kind: DueKind; dueAt: Date } | null = null
  for (const kind of Object.keys(DUE_FIELDS) as DueKind[]) {
    const dueAt = ticket[DUE_FIELDS[kind]]
    if (dueAt === null || dueAt === undefined || !OPEN_STATES[kind].includes(ticket.state)) continue
    if (current === null || dueAt.getTime() < current.dueAt.getTime()) current = { kind, dueAt }
  }
  return current
}

/** Sent back by a unit and waiting in 已受理 to be dispatched again: the last 退回 and its reason. */
export function sentBackOf(ticket: LatenessTicket): { reason: string; at: Date; unitCode: string } | null {
  if (ticket.state !== 'accepted') return null
  const entry = [...ticket.timeline].reverse().find((e) => e.event === 'sendBack')
  if (!entry) return null
  const redispatchedAt = lastEntryAt(ticket, ['dispatch', 'reassign'])
  if (redispatchedAt !== null && redispatchedAt.getTime() > entry.at.getTime()) return null
  return { reason: entry.reason ?? '', at: entry.at, unitCode: ticket.units[0] ?? '' }
}
