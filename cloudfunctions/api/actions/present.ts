/** A ticket as the app receives it: without OPENIDs (but the caller's) and the retry key, with the caller's options. */
import type { TicketDetail } from '../../../types/actions'
import type { Ticket } from '../../../types/domain'
import type { RulesDocument } from '../../../types/rules'
import type { Actor } from '../../core/events'
import { offeredEvents } from '../../core/offers'
import type { TransitionFacts } from '../../core/lifecycle'
import { describeRuleIds } from '../../core/rules'
import { shownOpenId } from '../../shared/openids'

export function presentTicket(
  ticket: Ticket,
  actor: Actor,
  rules: RulesDocument,
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
    offeredEvents: offeredEvents(ticket, actor, rules, now, facts).filter((type) => !isFiredByMeetingsOnly(type)),
    gradeReasons: describeRuleIds(ticket.ruleIds, rules),
  }
}

/**
 * A decision is recorded by meeting.decide, which writes the meeting, its commitments and the parent together:
 * fired alone through ticket.act it would clear a meeting due with no meeting behind it.
 */
export const isFiredByMeetingsOnly = (type: string) => type === 'recordDecision'
