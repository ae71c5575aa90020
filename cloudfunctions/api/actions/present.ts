/** A ticket as the app receives it: without OPENIDs (but the caller's) and the retry key, with the caller's options. */
import type { TicketDetail } from '../../../types/actions'
import type { Ticket, TimelineEntry } from '../../../types/domain'
import type { RulesDocument } from '../../../types/rules'
import type { Actor } from '../../core/events'
import { latenessOf } from '../../core/lateness'
import { calendarMissingYears } from '../../core/calendar'
import type { WorkingCalendar } from '../../core/clock'
import { offeredEvents } from '../../core/offers'
import type { TransitionFacts } from '../../core/lifecycle'
import { describeRuleIds, gradeReasonsOf } from '../../core/rules'
import { shownOpenId } from '../../shared/openids'

/** The office reads the rule ids behind a grade (as a detail it can open); everyone else reads the reasons. */
const READS_RULE_IDS: ReadonlySet<Actor['role']> = new Set(['dispatcher', 'admin'])

export function presentTicket(
  ticket: Ticket,
  actor: Actor,
  rules: RulesDocument,
  calendar: WorkingCalendar,
  now: Date,
  facts?: TransitionFacts,
): TicketDetail {
  const { submittedBy: _submittedBy, requestId: _requestId, ...visible } = ticket
  const shown = (openid: string) => shownOpenId(openid, actor.id)
  return {
    ...visible,
    // the OPENIDs of those who acted stay on the server: their names are on each line (issue 8 §6)
    timeline: ticket.timeline.map((entry) => ({ ...entry, actorId: shown(entry.actorId) })),
    reply: ticket.reply && { ...ticket.reply, by: shown(ticket.reply.by) },
    extensionRequest: ticket.extensionRequest && {
      ...ticket.extensionRequest,
      requestedBy: shown(ticket.extensionRequest.requestedBy),
      decidedBy: ticket.extensionRequest.decidedBy === null ? null : shown(ticket.extensionRequest.decidedBy),
    },
    supplements: ticket.supplements.map((round) => ({ ...round, askedBy: shown(round.askedBy) })),
    instructions: ticket.instructions.map((note) => ({ ...note, leaderId: shown(note.leaderId) })),
    offeredEvents: offeredEvents(ticket, actor, rules, calendar, now, facts).filter(
      (type) => !isFiredByMeetingsOnly(type),
    ),
    // the current grade and why it changed: a person's 升级 first, then the rules that still hold
    gradeReasons: gradeReasonsOf(ticket, rules),
    ...(READS_RULE_IDS.has(actor.role) ? { gradeRules: describeRuleIds(ticket.ruleIds, rules) } : {}),
    lateness: latenessOf(ticket, calendar, now),
    ...(READS_RULE_IDS.has(actor.role) && ticket.calendarMissing
      ? { calendarWarning: { years: calendarMissingYears(ticket, calendar, now), canEdit: actor.role === 'admin' } }
      : {}),
  }
}

/**
 * A decision is recorded by meeting.decide, which writes the meeting, its commitments and the parent together:
 * fired alone through ticket.act it would clear a meeting due with no meeting behind it.
 */
export const isFiredByMeetingsOnly = (type: string) => type === 'recordDecision'
/** Every unit code a ticket's read view must name: its units, task force and the units its timeline names. */
export function unitCodesOf(ticket: Ticket): string[] {
  const codes = new Set([...ticket.units, ...(ticket.taskForce ? [ticket.taskForce] : [])])
  for (const entry of ticket.timeline) for (const code of entry.units ?? []) codes.add(code)
  return [...codes]
}

/**
 * The timeline as people read it: the units an entry names, by name ("专题协调，牵头单位 市人社局，协办 市教育局";
 * "改派至 …"), never by code. A unit the directory no longer knows reads 其他单位.
 */
export function namedTimeline(timeline: readonly TimelineEntry[], names: Record<string, string>): TimelineEntry[] {
  const name = (code: string) => names[code] ?? '其他单位'
  return timeline.map((entry) => {
    if (entry.units === undefined || entry.units.length === 0) return entry
    const [lead, ...co] = entry.units.map(name)
    const units =
      entry.event === 'reassign'
        ? `改派至 ${[lead, ...co].join('、')}`
        : `牵头单位 ${lead}${co.length > 0 ? `，协办 ${co.join('、')}` : ''}`
    return { ...entry, note: entry.note ? `${entry.note}，${units}` : units }
  })
}
