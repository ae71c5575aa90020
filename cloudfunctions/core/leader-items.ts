/**
 * Which tickets reach a city leader city-wide (DESIGN.md §1 "see escalated items"; issue 10 item 2): open
 * tickets on the reception track (the leaders chair the 接待日), tickets escalated (升级, by a person or by the
 * timer), and tickets whose reply is overdue by ≥ `escalate.overdue` working days (5 by default), which the
 * timer escalates on its next working-hours run anyway. Pure: the access policy (shared/access.ts scope
 * `leaderItems`) and the list action ask the same question.
 */
import type { Ticket, TicketState } from '../../types/domain'
import type { LeaderItemKind } from '../../types/leader'
import { endOfShanghaiDay, shanghaiDateOf, workingDaysOverdue, type WorkingCalendar } from './clock'

/** Not settled yet: a leader's 批示 can still change something. */
export const LEADER_OPEN_STATES: readonly TicketState[] = ['submitted', 'accepted', 'dispatched', 'signed', 'replied']
/** The states in which a unit holds the ticket and its reply runs late. */
export const REPLY_RUNNING_STATES: readonly TicketState[] = ['dispatched', 'signed']
/** The timeline events that raise a ticket's track. */
export const ESCALATION_EVENTS = ['escalate', 'escalateOverdue'] as const
/** Default of the rules' `escalate.overdue`. */
export const LEADER_OVERDUE_WORKING_DAYS = 5

export type LeaderItemTicket = Pick<Ticket, 'state' | 'track' | 'replyDueAt'> & {
  timeline: ReadonlyArray<{ event: string }>
}

export function wasEscalated(ticket: Pick<LeaderItemTicket, 'timeline'>): boolean {
  return ticket.timeline.some((entry) => (ESCALATION_EVENTS as readonly string[]).includes(entry.event))
}

export function replyOverdueDays(
  ticket: Pick<LeaderItemTicket, 'state' | 'replyDueAt'>,
  calendar: WorkingCalendar,
  now: Date,
): number {
  if (!REPLY_RUNNING_STATES.includes(ticket.state) || ticket.replyDueAt === null) return 0
  return workingDaysOverdue(calendar, ticket.replyDueAt, now).days
}

/** Every reason a ticket reaches leaders now; empty = it does not. */
export function leaderItemKinds(
  ticket: LeaderItemTicket,
  calendar: WorkingCalendar,
  now: Date,
  overdueDays = LEADER_OVERDUE_WORKING_DAYS,
): LeaderItemKind[] {
  if (!LEADER_OPEN_STATES.includes(ticket.state)) return []
  const kinds: LeaderItemKind[] = []
  if (ticket.track === 'reception') kinds.push('reception')
  if (wasEscalated(ticket)) kinds.push('escalated')
  if (replyOverdueDays(ticket, calendar, now) >= overdueDays) kinds.push('overdue')
  return kinds
}

export function isLeaderItem(
  ticket: LeaderItemTicket,
  calendar: WorkingCalendar,
  now: Date,
  overdueDays = LEADER_OVERDUE_WORKING_DAYS,
): boolean {
  return leaderItemKinds(ticket, calendar, now, overdueDays).length > 0
}

/** Calendar days looked back for the overdue threshold: 5 working days fit in 3 weeks even over 国庆. */
const LOOK_BACK_DAYS = 40

/**
 * The latest reply due that is overdue by ≥ `overdueDays` working days at `now`: the end of the latest Shanghai
 * day D with workingDaysOverdue(end of D, now) ≥ overdueDays. A query `replyDueAt ≤ threshold` then finds
 * exactly those tickets (lateness counts dates, so every due on day D or before is as late or later).
 */
export function overdueThreshold(
  calendar: WorkingCalendar,
  now: Date,
  overdueDays = LEADER_OVERDUE_WORKING_DAYS,
): Date {
  for (let back = 1; back <= LOOK_BACK_DAYS; back++) {
    const candidate = endOfShanghaiDay(shanghaiDateOf(new Date(now.getTime() - back * 86_400_000)))
    if (workingDaysOverdue(calendar, candidate, now).days >= overdueDays) return candidate
  }
  return new Date(now.getTime() - LOOK_BACK_DAYS * 86_400_000)
}
