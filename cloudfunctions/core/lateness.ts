/**
 * Lateness is a fact: no later event erases it (DESIGN.md §4 "Time limits", issue 11).
 *
 * - A due is **missed** when its step was not done by the due time (the end of its last working day).
 * - When an event moves or clears a due that is live in the ticket's state and has already passed (升级 gives
 *   new reply dues, 改派 gives the new unit full limits, 退回 clears them, a late 延期 approval moves the
 *   reply due), the missed due is recorded on the ticket (`missedDues`) with the event that moved it.
 * - A ticket's lateness per step is measured from its **original** missed due (the earliest one recorded,
 *   else the current due once it has passed), in working days, until the step was done (or until now while
 *   it is still open). So an escalated or reassigned ticket stays "已超期 N 个工作日" in the lists, and a reply
 *   given after the original missed due counts as late in the on-time rate (core/stats.ts).
 */
import type { MissedDue, Ticket, TicketState } from '../../types/domain'
import type { DueKind, Lateness } from '../../types/search'
import { workingDaysOverdue, type WorkingCalendar } from './clock'
import { LIVE_DUES_BY_STATE, type DueField } from './effects'

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
  | 'sendBackDueAt'
  | 'reply'
  | 'timeline'
  | 'units'
  | 'missedDues'
>

/** The ticket field that holds each kind of due. */
export const DUE_FIELD_OF_KIND: { readonly [K in DueKind]: DueField } = {
  accept: 'acceptDueAt',
  sign: 'signDueAt',
  reply: 'replyDueAt',
  meeting: 'meetingDueAt',
  rating: 'ratingDueAt',
}
const KINDS = Object.keys(DUE_FIELD_OF_KIND) as DueKind[]

/** The timeline events that complete each step (the first one after the due was set). */
const STEP_DONE_BY: { readonly [K in DueKind]: readonly string[] } = {
  accept: ['accept', 'reject', 'resolveOnSite', 'withdraw'],
  sign: ['sign', 'withdraw'],
  reply: ['reply', 'resolveOnSite', 'withdraw'],
  // the meeting is not an event of its own: the reply that follows it ends the wait
  meeting: ['reply', 'withdraw'],
  rating: ['rate', 'expireRating'],
}

/** The dues `before` had missed at `now` that `after` moved or cleared: what the transition must record. */
export function newlyMissedDues(before: Ticket, after: Ticket, eventType: string, now: Date): MissedDue[] {
  const live = LIVE_DUES_BY_STATE[before.state]
  const missed: MissedDue[] = []
  for (const kind of KINDS) {
    const field = DUE_FIELD_OF_KIND[kind]
    const dueAt = before[field]
    if (dueAt === null || !live.includes(field) || now.getTime() <= dueAt.getTime()) continue
    if (after[field]?.getTime() === dueAt.getTime()) continue
    missed.push({ kind, dueAt, movedAt: now, event: eventType })
  }
  return missed
}

/** The original due of a step: the earliest missed one, else the current one. */
export function originalDue(
  ticket: Pick<Ticket, 'missedDues'> & Partial<Pick<Ticket, DueField>>,
  kind: DueKind,
): Date | null {
  const missed = (ticket.missedDues ?? []).filter((m) => m.kind === kind)
  if (missed.length === 0) return ticket[DUE_FIELD_OF_KIND[kind]] ?? null
  return missed.reduce((a, b) => (a.dueAt.getTime() <= b.dueAt.getTime() ? a : b)).dueAt
}

function stepDoneAt(ticket: Pick<Ticket, 'timeline'>, kind: DueKind, after: Date): Date | null {
  const entry = ticket.timeline.find((e) => e.at.getTime() >= after.getTime() && STEP_DONE_BY[kind].includes(e.event))
  return entry?.at ?? null
}

/**
 * Every step the ticket is or was late on, one per kind, measured from the original missed due. A current
 * due that has passed counts while it is live in the ticket's state.
 */
export function latenessOf(ticket: LatenessTicket, calendar: WorkingCalendar, now: Date): Lateness[] {
  const result: Lateness[] = []
  const live = LIVE_DUES_BY_STATE[ticket.state]
  for (const kind of KINDS) {
    const dueAt = originalDue(ticket, kind)
    if (dueAt === null || now.getTime() <= dueAt.getTime()) continue
    const isLive = live.includes(DUE_FIELD_OF_KIND[kind]) && ticket[DUE_FIELD_OF_KIND[kind]] !== null
    const wasMoved = (ticket.missedDues ?? []).some((m) => m.kind === kind)
    // done late: the first completing event after the due; a due that is live now is not done yet
    const doneAt = isLive ? null : stepDoneAt(ticket, kind, dueAt)
    // not live, not done after the due, never moved: done in time (or the step never came)
    if (!isLive && doneAt === null && !wasMoved) continue
    const until = doneAt ?? now
    result.push({
      kind,
      dueAt,
      workingDaysLate: workingDaysOverdue(calendar, dueAt, until).days,
      open: doneAt === null,
    })
  }
  return result
}

/** States in which the reply is still owed (accepted: sent back and waiting to be dispatched again). */
const REPLY_OWED: ReadonlySet<Ticket['state']> = new Set(['accepted', 'dispatched', 'signed'])

/**
 * Working days the reply is late by now, from its original due (0 if it is not late or no longer owed):
 * what the lists show as 已超期 N 个工作日. Reads only list fields (no timeline).
 */
export function openReplyDaysLate(
  ticket: Pick<Ticket, 'state' | 'replyDueAt' | 'missedDues'>,
  calendar: WorkingCalendar,
  now: Date,
): number {
  if (!REPLY_OWED.has(ticket.state)) return 0
  const due = originalDue(ticket, 'reply')
  return due === null ? 0 : workingDaysOverdue(calendar, due, now).days
}

/** The states in which each step is still waited for. */
export const OPEN_STATES: { readonly [K in DueKind]: readonly TicketState[] } = {
  accept: ['submitted'],
  sign: ['dispatched'],
  reply: ['dispatched', 'signed'],
  meeting: ['dispatched', 'signed'],
  rating: ['replied'],
}

/** The ticket field holding each due (the search's name for DUE_FIELD_OF_KIND). */
export const DUE_FIELDS = DUE_FIELD_OF_KIND

function lastEntryAt(ticket: Pick<Ticket, 'timeline'>, events: readonly string[]): Date | null {
  for (let i = ticket.timeline.length - 1; i >= 0; i--) {
    if (events.includes(ticket.timeline[i].event)) return ticket.timeline[i].at
  }
  return null
}

/** The due that runs now in the ticket's state (the earliest open one), if any. */
export function currentDueOf(ticket: LatenessTicket): { kind: DueKind; dueAt: Date } | null {
  let current: { kind: DueKind; dueAt: Date } | null = null
  for (const kind of KINDS) {
    const dueAt = ticket[DUE_FIELD_OF_KIND[kind]]
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
