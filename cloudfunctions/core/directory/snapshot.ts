/**
 * What every directory module works over: the snapshot the shell loaded, the look-ups over it, and the shape of a
 * field problem. No I/O.
 */
import type { Enterprise, ServiceArrangement, Unit } from '../../../types/domain'
import { type Commissioner, type Leader, type ServiceTeam, type TaskForce } from '../../../types/directory'

/** Everything the directory holds, as the shell loaded it (or the part of it an edit needs). */
export interface DirectorySnapshot {
  /** departments and task forces (kind taskForce) */
  units: Array<Unit | TaskForce>
  leaders: Leader[]
  enterprises: Enterprise[]
  commissioners: Commissioner[]
  serviceTeams: ServiceTeam[]
  arrangements: ServiceArrangement[]
}

export const EMPTY_SNAPSHOT: DirectorySnapshot = {
  units: [],
  leaders: [],
  enterprises: [],
  commissioners: [],
  serviceTeams: [],
  arrangements: [],
}

/** A mistake in one field, in Chinese. */
export interface FieldProblem {
  field: string
  message: string
}

export type Built<T> = { ok: true; doc: T } | { ok: false; problems: FieldProblem[] }

/** A unit record that is a 专班 (the `units` collection holds both). */
export const isTaskForce = (unit: Unit | TaskForce): unit is TaskForce => unit.kind === 'taskForce'

/** Arrangements and teams written before `active` existed count as active. */
export const isActiveArrangement = (arrangement: Pick<ServiceArrangement, 'active'>) => arrangement.active !== false

/** Look-ups over a snapshot; an import lays the file's records over the database's. */
export class DirectoryLookup {
  private readonly units = new Map<string, Unit | TaskForce>()
  private readonly leaders = new Map<string, Leader>()
  private readonly enterprises = new Map<string, Enterprise>()
  private readonly enterprisesByCreditCode = new Map<string, Enterprise>()
  private readonly commissioners = new Map<string, Commissioner>()
  private readonly teams = new Map<string, ServiceTeam>()
  private readonly arrangements = new Map<string, ServiceArrangement>()

  constructor(snapshot: DirectorySnapshot) {
    snapshot.units.forEach((u) => this.putUnit(u))
    snapshot.leaders.forEach((l) => this.putLeader(l))
    snapshot.enterprises.forEach((e) => this.putEnterprise(e))
    snapshot.commissioners.forEach((c) => this.putCommissioner(c))
    snapshot.serviceTeams.forEach((t) => this.teams.set(t._id, t))
    snapshot.arrangements.forEach((a) => this.arrangements.set(a._id, a))
  }

  unit = (code: string) => this.units.get(code)
  leader = (id: string) => this.leaders.get(id)
  enterprise = (id: string) => this.enterprises.get(id)
  enterpriseByCreditCode = (code: string) => this.enterprisesByCreditCode.get(code)
  commissioner = (id: string) => this.commissioners.get(id)
  team = (id: string) => this.teams.get(id)
  arrangement = (enterpriseId: string) => this.arrangements.get(enterpriseId)
  allArrangements = () => [...this.arrangements.values()]
  allUnits = () => [...this.units.values()]

  putUnit(unit: Unit | TaskForce) {
    this.units.set(unit.code, unit)
  }
  putLeader(leader: Leader) {
    this.leaders.set(leader._id, leader)
  }
  putEnterprise(enterprise: Enterprise) {
    const before = this.enterprises.get(enterprise._id)
    if (before && this.enterprisesByCreditCode.get(before.creditCode)?._id === enterprise._id) {
      this.enterprisesByCreditCode.delete(before.creditCode)
    }
    this.enterprises.set(enterprise._id, enterprise)
    this.enterprisesByCreditCode.set(enterprise.creditCode, enterprise)
  }
  putCommissioner(commissioner: Commissioner) {
    this.commissioners.set(commissioner._id, commissioner)
  }
  putArrangement(arrangement: ServiceArrangement, team: ServiceTeam) {
    this.arrangements.set(arrangement._id, arrangement)
    this.teams.set(team._id, team)
  }
}
