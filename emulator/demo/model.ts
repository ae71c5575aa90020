/**
 * Records only the demo needs. The directory's record types (Leader, Commissioner, ServiceTeam, TaskForce,
 * ReceptionDay…) live in types/directory.ts, shared with the app and the functions; re-exported here for the
 * demo's callers.
 */
import type { ServiceWork } from './service-work'
import type { AppUser, Enterprise, Role, ServiceArrangement, Ticket, Unit } from '../../types/domain'
import type { Meeting } from '../../types/meetings'
import type {
  BindingRecord,
  Commissioner,
  InviteRecord,
  Leader,
  ReceptionDay,
  ServiceTeam,
  TaskForce,
} from '../../types/directory'

export type {
  BindingRecord,
  Commissioner,
  CommissionerStation,
  InviteRecord,
  Leader,
  ReceptionDay,
  ServiceTeam,
  TaskForce,
} from '../../types/directory'

/** Per-day sequence behind ticket numbers (collection `counters`, _id = YYYYMMDD). */
export interface TicketCounter {
  _id: string
  seq: number
}

/** An entry of the dev identity switcher (never honoured in the cloud). */
export interface DemoIdentity {
  openid: string
  name: string
  role: Role
  /** shown in the switcher, Chinese */
  label: string
}

export interface DemoDataset {
  users: AppUser[]
  enterprises: Enterprise[]
  /** the 36 departments (区直 / 市直 / 县(市、区)); task forces are listed apart */
  units: Unit[]
  leaders: Leader[]
  serviceTeams: ServiceTeam[]
  commissioners: Commissioner[]
  /** the 4 专班; they belong in the `units` collection too (kind `taskForce`) */
  taskForces: TaskForce[]
  arrangements: ServiceArrangement[]
  tickets: Ticket[]
  receptionDays: ReceptionDay[]
  /** the reception days and coordination meetings as records (collection `meetings`, types/meetings.ts) */
  meetings: Meeting[]
  /**
   * commitments (承诺事项) made at them: child tickets, stored with the tickets but not problems the
   * enterprises raised, so not collected (cloudfunctions/core/stats.ts)
   */
  commitmentTickets: Ticket[]
  counters: TicketCounter[]
  /** the demo invite codes of DEMO_INVITES, hashed as the office's would be */
  invites: InviteRecord[]
  /** one active binding per demo account grant, so the office's binding list shows them and can revoke them */
  bindings: BindingRecord[]
  /** commissioners' visits (走访记录) over the year, and each enterprise's latest (emulator/demo/service-work.ts) */
  visits: ServiceWork['visits']
  visitCoverage: ServiceWork['visitCoverage']
}
