/** The enterprises a leader's or commissioner's grant reaches (their access scope). No I/O. */
import type { RoleGrant, ServiceArrangement } from '../../../types/domain'
import { type Commissioner } from '../../../types/directory'
import { isActiveArrangement } from './snapshot'

// ---------------------------------------------------------------------------------------------------------
// The enterprises a grant reaches (access scope of leaders and commissioners)

/**
 * A leader: the key enterprises whose active 四个一 names them. A commissioner: those whose active
 * arrangement lists them, and the enterprise (or project's enterprise) they are stationed at while active.
 */
export function linkedEnterpriseIds(
  grant: Pick<RoleGrant, 'role' | 'leaderId' | 'commissionerId'>,
  arrangements: readonly ServiceArrangement[],
  commissioners: ReadonlyMap<string, Commissioner> | readonly Commissioner[],
): string[] {
  const ids = new Set<string>()
  const active = arrangements.filter(isActiveArrangement)
  if (grant.role === 'leader' && grant.leaderId) {
    for (const a of active) if (a.leaderId === grant.leaderId) ids.add(a.enterpriseId)
  }
  if (grant.role === 'commissioner' && grant.commissionerId) {
    const byId =
      commissioners instanceof Map ? commissioners : new Map((commissioners as Commissioner[]).map((c) => [c._id, c]))
    const commissioner = byId.get(grant.commissionerId)
    if (commissioner?.active) {
      for (const a of active) if (a.commissionerIds.includes(grant.commissionerId)) ids.add(a.enterpriseId)
      if (commissioner.station.kind !== 'park') ids.add(commissioner.station.enterpriseId)
    }
  }
  return [...ids].sort()
}

/** Grants that carry `enterpriseIds`. */
export const isLinkedGrant = (grant: RoleGrant) => grant.role === 'leader' || grant.role === 'commissioner'

/** The grant with its `enterpriseIds` as the directory says now. */
export function withLinkedEnterprises(
  grant: RoleGrant,
  arrangements: readonly ServiceArrangement[],
  commissioners: ReadonlyMap<string, Commissioner> | readonly Commissioner[],
): RoleGrant {
  if (!isLinkedGrant(grant)) return grant
  return { ...grant, enterpriseIds: linkedEnterpriseIds(grant, arrangements, commissioners) }
}
