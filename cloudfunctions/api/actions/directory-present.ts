/**
 * Directory records as the app receives them: OPENIDs of bound accounts left out, phone numbers masked for
 * everyone but the office, and the names a page shows next to the codes.
 */
import type { Enterprise, Role, ServiceArrangement, Unit } from '../../../types/domain'
import type {
  ArrangementView,
  Commissioner,
  CommissionerView,
  EnterpriseView,
  Leader,
  LeaderView,
  ServiceTeam,
  TaskForce,
  TaskForceView,
} from '../../../types/directory'
import { phoneFor } from '../../shared/access'
import { COLLECTIONS } from '../../shared/collections'
import { findByIds } from '../../shared/directory'

export function presentEnterprise(enterprise: Enterprise, role: Role): EnterpriseView {
  return {
    ...enterprise,
    contacts: (enterprise.contacts ?? []).map((contact) => ({ ...contact, phone: phoneFor(role, contact.phone) })),
  }
}

export function presentLeader(leader: Leader): LeaderView {
  const { userId, ...rest } = leader
  return { ...rest, bound: Boolean(userId) }
}

export function presentCommissioner(commissioner: Commissioner, unitName: string, role: Role): CommissionerView {
  const { userId, phone, ...rest } = commissioner
  return { ...rest, ...(phone ? { phone: phoneFor(role, phone) } : {}), bound: Boolean(userId), unitName }
}

export function presentTaskForce(taskForce: TaskForce, leaderName: string): TaskForceView {
  return { ...taskForce, leaderName }
}

/** Names of units, by code (task forces included). */
export async function unitNames(codes: readonly string[]): Promise<Record<string, string>> {
  const units = await findByIds<Unit>(COLLECTIONS.units, codes)
  return Object.fromEntries(units.map((u) => [u.code, u.name]))
}

export async function commissionerViews(
  commissioners: readonly Commissioner[],
  role: Role,
): Promise<CommissionerView[]> {
  const names = await unitNames(commissioners.map((c) => c.unitCode))
  return commissioners.map((c) => presentCommissioner(c, names[c.unitCode] ?? c.unitCode, role))
}

export async function taskForceViews(taskForces: readonly TaskForce[]): Promise<TaskForceView[]> {
  const leaders = await findByIds<Leader>(
    COLLECTIONS.leaders,
    taskForces.map((t) => t.leaderId),
  )
  const names = new Map(leaders.map((l) => [l._id, l.name]))
  return taskForces.map((t) => presentTaskForce(t, names.get(t.leaderId) ?? t.leaderId))
}

/**
 * 四个一 with every name a page shows; the records they name are read in one query per collection,
 * whatever the number of arrangements.
 */
export async function arrangementViews(
  arrangements: readonly ServiceArrangement[],
  known: { enterprises?: readonly Enterprise[] } = {},
): Promise<ArrangementView[]> {
  if (arrangements.length === 0) return []
  const knownEnterprises = new Map((known.enterprises ?? []).map((e) => [e._id, e]))
  const missing = arrangements.map((a) => a.enterpriseId).filter((id) => !knownEnterprises.has(id))
  const [enterprises, leaders, teams] = await Promise.all([
    findByIds<Enterprise>(COLLECTIONS.enterprises, missing),
    findByIds<Leader>(
      COLLECTIONS.leaders,
      arrangements.map((a) => a.leaderId),
    ),
    findByIds<ServiceTeam>(
      COLLECTIONS.serviceTeams,
      arrangements.map((a) => a.serviceTeamId),
    ),
  ])
  enterprises.forEach((e) => knownEnterprises.set(e._id, e))
  const teamById = new Map(teams.map((t) => [t._id, t]))
  const unitCodes = arrangements.flatMap((a) => [
    a.leadUnitCode,
    ...(teamById.get(a.serviceTeamId)?.memberUnitCodes ?? []),
  ])
  const [names, commissioners] = await Promise.all([
    unitNames(unitCodes),
    findByIds<Commissioner>(
      COLLECTIONS.commissioners,
      arrangements.flatMap((a) => a.commissionerIds),
    ),
  ])
  const leaderName = new Map(leaders.map((l) => [l._id, l.name]))
  const commissionerName = new Map(commissioners.map((c) => [c._id, c.name]))
  return arrangements.map((a) => {
    const team = teamById.get(a.serviceTeamId) ?? null
    const codes = [a.leadUnitCode, ...(team?.memberUnitCodes ?? [])]
    return {
      ...a,
      active: a.active !== false,
      enterpriseName: knownEnterprises.get(a.enterpriseId)?.name ?? a.enterpriseId,
      leaderName: leaderName.get(a.leaderId) ?? a.leaderId,
      leadUnitName: names[a.leadUnitCode] ?? a.leadUnitCode,
      team,
      unitNames: Object.fromEntries(codes.map((code) => [code, names[code] ?? code])),
      commissionerNames: Object.fromEntries(a.commissionerIds.map((id) => [id, commissionerName.get(id) ?? id])),
    }
  })
}
