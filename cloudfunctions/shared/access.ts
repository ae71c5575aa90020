/**
 * Who may see a ticket. A ticket outside the caller's scope answers NOT_FOUND, not FORBIDDEN:
 * its existence is itself private (issue 4 §4). Issue 4 turns this into the full policy table.
 */
import type { RoleGrant, Ticket } from '../../types/domain'

export function canSeeTicket(grant: RoleGrant, ticket: Pick<Ticket, 'enterpriseId' | 'units' | 'dispatchedAt'>): boolean {
  switch (grant.role) {
    case 'dispatcher':
    case 'admin':
      return true
    case 'enterprise':
      return grant.enterpriseId !== undefined && grant.enterpriseId === ticket.enterpriseId
    case 'handler':
    case 'unitHead':
      // a unit sees a ticket once it has been dispatched to it, not while the office is still grading it
      return grant.unitCode !== undefined && ticket.dispatchedAt !== null && ticket.units.includes(grant.unitCode)
    default:
      // leaders and commissioners see their linked enterprises once the directory knows them (issue 4)
      return false
  }
}
