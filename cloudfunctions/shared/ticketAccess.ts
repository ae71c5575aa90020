/**
 * The facts a ticket's access check needs beyond the ticket itself (shared/access.ts ScopedSubject): the 四个一
 * lead service unit of a key enterprise and the city leader who leads the ticket's 专班. They are read the way
 * routing reads them (core/routing.ts resolveAudience, shared/recipients.ts), so whoever is notified about a
 * ticket can open it.
 *
 * Read only when the caller's own grant cannot already decide: the office, an enterprise, a commissioner, the
 * handling units, a 专班 member and a leader's linked enterprise cost no extra round trip; other units' staff
 * one read by primary key (the arrangement: their unit may be the lead service unit), a 专班's leader one (the
 * 专班's unit record).
 */
import type { RoleGrant, ServiceArrangement, Ticket } from '../../types/domain'
import type { TaskForce } from '../../types/directory'
import { isActiveArrangement } from '../core/directory'
import { SCOPE_PREDICATES, scopeOf, type ScopedSubject } from './access'
import { COLLECTIONS } from './collections'
import { db, readDoc } from './cloud'

export type TicketSubject = Pick<Ticket, 'enterpriseId' | 'enterpriseIsKey' | 'units' | 'dispatchedAt' | 'taskForce'>

/** The 四个一 lead service unit routing would tell about this ticket, or null (arrangements: _id = enterprise id). */
export async function leadServiceUnitOf(ticket: Pick<Ticket, 'enterpriseId' | 'enterpriseIsKey'>) {
  if (!ticket.enterpriseIsKey) return null
  const arrangement = await readDoc<ServiceArrangement>(
    db.collection(COLLECTIONS.arrangements).doc(ticket.enterpriseId),
  )
  return arrangement && arrangement.enterpriseId === ticket.enterpriseId && isActiveArrangement(arrangement)
    ? arrangement.leadUnitCode
    : null
}

async function taskForceLeaderOf(taskForce: string | null): Promise<string | null> {
  if (taskForce === null) return null
  const unit = await readDoc<TaskForce>(db.collection(COLLECTIONS.units).doc(taskForce))
  return unit?.kind === 'taskForce' ? unit.leaderId : null
}

/** The ticket as the policy checks it, with only the facts this caller's scope still needs. */
export async function ticketSubjectFor(grant: RoleGrant, ticket: TicketSubject): Promise<ScopedSubject> {
  const subject: ScopedSubject = {
    enterpriseId: ticket.enterpriseId,
    units: ticket.units,
    dispatchedAt: ticket.dispatchedAt,
    taskForce: ticket.taskForce,
  }
  const scope = scopeOf('ticket.get', grant.role)
  if (scope === 'involvedUnit') {
    // a unit that handles the ticket (or follows it as the 专班) needs no look-up, so ticket.act stays within 3
    // round trips for the handling unit; a handling unit that is also the lead service unit acts as handler
    // (it does not 督办 itself)
    if (!SCOPE_PREDICATES.dispatchedToOwnUnit(grant, subject) && !SCOPE_PREDICATES.ownTaskForce(grant, subject))
      subject.leadServiceUnit = await leadServiceUnitOf(ticket)
  } else if (grant.role === 'leader' && !SCOPE_PREDICATES.linkedEnterprises(grant, subject)) {
    // a leader reads any ticket; acting on one outside their linked enterprises may come from leading its 专班
    subject.taskForceLeaderId = await taskForceLeaderOf(ticket.taskForce)
  }
  return subject
}
