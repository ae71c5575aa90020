/** A ticket as the app receives it: without the submitter's OPENID and retry key, with the caller's options. */
import type { TicketDetail } from '../../../types/actions'
import type { Ticket } from '../../../types/domain'
import type { RulesDocument } from '../../../types/rules'
import type { Actor } from '../../core/events'
import { offeredEvents } from '../../core/offers'
import type { TransitionFacts } from '../../core/lifecycle'
import { describeRuleIds } from '../../core/rules'

export function presentTicket(
  ticket: Ticket,
  actor: Actor,
  rules: RulesDocument,
  now: Date,
  facts?: TransitionFacts,
): TicketDetail {
  const { submittedBy: _submittedBy, requestId: _requestId, ...visible } = ticket
  return {
    ...visible,
    offeredEvents: offeredEvents(ticket, actor, rules, now, facts),
    gradeReasons: describeRuleIds(ticket.ruleIds, rules),
  }
}
