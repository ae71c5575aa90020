/**
 * From routing's recipients (a unit, the dispatcher, a leader…) to the WeChat users who hold that role: the
 * OPENIDs a subscribe message goes to. Pure over a snapshot of the directory the shell loaded.
 */
import type { AppUser, Role, RoleGrant, ServiceArrangement } from '../../../types/domain'
import { resolveAudience, type AudienceRole, type Recipient, type RoutingTicket } from '../routing'

/** One WeChat user a message goes to, and the role they receive it in (their workspace in the app). */
export interface Addressee {
  openId: string
  role: Role
}

export interface Directory {
  users: readonly Pick<AppUser, '_id' | 'grants'>[]
  /** service team id → its commissioners' ids (a team is reached through its commissioners) */
  serviceTeamMembers?: Readonly<Record<string, readonly string[]>>
}

type GrantMatch = (grant: RoleGrant) => boolean

/** Which grants each kind of recipient is. */
const GRANTS_OF: {
  readonly [K in Recipient['kind']]: (recipient: Extract<Recipient, { kind: K }>, directory: Directory) => GrantMatch
} = {
  enterprise: (recipient) => (grant) => grant.role === 'enterprise' && grant.enterpriseId === recipient.enterpriseId,
  dispatcher: () => (grant) => grant.role === 'dispatcher',
  unit: (recipient) => (grant) =>
    grant.role === (recipient.as === 'head' ? 'unitHead' : 'handler') && grant.unitCode === recipient.unitCode,
  leader: (recipient) => (grant) => grant.role === 'leader' && grant.leaderId === recipient.leaderId,
  commissioner: (recipient) => (grant) =>
    grant.role === 'commissioner' && grant.commissionerId === recipient.commissionerId,
  serviceTeam: (recipient, directory) => {
    const members = new Set(directory.serviceTeamMembers?.[recipient.serviceTeamId] ?? [])
    return (grant) =>
      grant.role === 'commissioner' && grant.commissionerId !== undefined && members.has(grant.commissionerId)
  },
  // a named user (who asked for the supplement): in whichever staff role they hold
  user: () => (grant) => grant.role !== 'enterprise',
}

/**
 * The users behind a list of recipients, each once (the first recipient that reaches a user decides the role
 * they get the message in): a handler who is also on the lead service unit gets one 督办, not two.
 */
export function addresseesOf(recipients: readonly Recipient[], directory: Directory): Addressee[] {
  const seen = new Set<string>()
  const addressees: Addressee[] = []
  for (const recipient of recipients) {
    const matches = (GRANTS_OF[recipient.kind] as (r: Recipient, d: Directory) => GrantMatch)(recipient, directory)
    for (const user of directory.users) {
      if (recipient.kind === 'user' && user._id !== recipient.userId) continue
      const grant = user.grants.find(matches)
      if (grant === undefined || seen.has(user._id)) continue
      seen.add(user._id)
      addressees.push({ openId: user._id, role: grant.role })
    }
  }
  return addressees
}

/** The users an audience reaches for a ticket: routing's recipients (resolveAudience), then the directory. */
export function addresseesFor(
  audience: readonly AudienceRole[],
  ticket: RoutingTicket,
  arrangement: ServiceArrangement | null,
  directory: Directory,
): Addressee[] {
  return addresseesOf(resolveAudience(audience, ticket, arrangement), directory)
}
