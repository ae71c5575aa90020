/**
 * Records the demo directory needs that types/domain.ts does not (yet) define. Kept apart so the
 * lead can move them into the shared vocabulary as they are; each says which part of the seed or
 * DESIGN.md it stands for.
 */
import type { AppUser, Enterprise, Role, ServiceArrangement, Ticket, Unit } from '../../types/domain';

/** 市领导: 35 of them each serve two key enterprises (seed: "由35名市领导联系服务"). */
export interface Leader {
  _id: string;
  name: string;
  /** e.g. 市委副书记、市长 */
  title: string;
  /** protocol order, 1 = 市委书记 */
  rank: number;
  /** OPENID of the leader's app account */
  userId: string;
  active: boolean;
}

/** 专班: a unit of kind `taskForce`, led by a city leader, drawing on member departments. */
export interface TaskForce extends Unit {
  kind: 'taskForce';
  leaderId: string;
  memberUnitCodes: string[];
}

/** Where a commissioner works day to day (seed: "派驻重点企业、重点项目、重点园区驻点服务"). */
export type CommissionerStation =
  | { kind: 'enterprise'; enterpriseId: string; name: string }
  | { kind: 'project'; enterpriseId: string; name: string }
  | { kind: 'park'; park: string; name: string };

/** 工业振兴特派员: 70 of them, sent by 36 units (seed: "36个单位选派特派员70名"). */
export interface Commissioner {
  _id: string;
  name: string;
  /** the sending unit */
  unitCode: string;
  station: CommissionerStation;
  /** 分队 of the 工业振兴特派员桂林工作队, e.g. 高铁(桂林)广西园分队 */
  squad: string;
  userId: string;
  active: boolean;
}

/** 服务团队 of one key enterprise: the lead unit, the units around it and the commissioners. */
export interface ServiceTeam {
  _id: string;
  enterpriseId: string;
  name: string;
  leadUnitCode: string;
  /** lead unit first */
  memberUnitCodes: string[];
  commissionerIds: string[];
}

/** 市党政主要领导服务工业企业接待日 (seed: 3 sessions, 11 enterprises, 29 problems solved). */
export interface ReceptionDay {
  _id: string;
  /** 1-based session number within the year */
  session: number;
  title: string;
  heldAt: Date;
  chairLeaderIds: string[];
  enterpriseIds: string[];
  /** the problems raised there, each a ticket with channel `reception` */
  ticketIds: string[];
}

/** Per-day sequence behind ticket numbers (collection `counters`, _id = YYYYMMDD). */
export interface TicketCounter {
  _id: string;
  seq: number;
}

/** An entry of the dev identity switcher (never honoured in the cloud). */
export interface DemoIdentity {
  openid: string;
  name: string;
  role: Role;
  /** shown in the switcher, Chinese */
  label: string;
}

export interface DemoDataset {
  users: AppUser[];
  enterprises: Enterprise[];
  /** the 36 departments (区直 / 市直 / 县(市、区)); task forces are listed apart */
  units: Unit[];
  leaders: Leader[];
  serviceTeams: ServiceTeam[];
  commissioners: Commissioner[];
  /** the 4 专班; they belong in the `units` collection too (kind `taskForce`) */
  taskForces: TaskForce[];
  arrangements: ServiceArrangement[];
  tickets: Ticket[];
  receptionDays: ReceptionDay[];
  counters: TicketCounter[];
}
