/**
 * Which events the caller may fire on a ticket now: the lifecycle table's row for the state, the actor's
 * role and scope, and every guard about the ticket's state. Guards about the caller's input (INVALID_INPUT)
 * are left to the submit itself. The app offers exactly these buttons; `transition` checks again.
 */
import type { Ticket } from '../../types/domain'
import type { RulesDocument } from '../../types/rules'
import type { Actor, EventOf, TicketEventType } from './events'
import type { WorkingCalendar } from './clock'
import { GUARDS, LIFECYCLE, isInRowScope, type TransitionFacts } from './lifecycle'

export function offeredEvents(
  ticket: Ticket,
  actor: Actor,
  rules: RulesDocument,
  calendar: WorkingCalendar,
  now: Date,
  facts?: TransitionFacts,
): TicketEventType[] {
  const offered: TicketEventType[] = []
  for (const [type, row] of Object.entries(LIFECYCLE[ticket.state]) as Array<
    [TicketEventType, (typeof LIFECYCLE)['submitted'][TicketEventType]]
  >) {
    if (!row || !row.roles.includes(actor.role) || !isInRowScope(row, actor, ticket)) continue
    const event = { type } as EventOf<TicketEventType>
    const stateGuardsHold = (row.guards ?? []).every((name) => {
      const guard = GUARDS[name] as { holds: (c: object) => boolean; code?: string }
      return guard.code === 'INVALID_INPUT' || guard.holds({ ticket, event, actor, rules, calendar, now, facts })
    })
    if (stateGuardsHold) offered.push(type)
  }
  return offered
}
