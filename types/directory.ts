/**
 * The directory the mechanism lives on (seed: 70 key enterprises, 35 city leaders, 36 units on three levels,
 * 70 commissioners, four task forces, 四个一 per key enterprise), the invites and bindings that tie WeChat
 * users to it, and the import jobs that load it from a spreadsheet. Shared by src/, cloudfunctions/ and the
 * demo (emulator/demo).
 */
import type {
  AppUser,
  Enterprise,
  EnterpriseContact,
  Role,
  RoleGrant,
  ServiceArrangement,
  Unit,
  UnitLevel,
} from './domain'

/** 市领导: 35 of them each serve two key enterprises (seed: "由35名市领导联系服务"). */
export interface Leader {
  _id: string
  name: string
  /** e.g. 市委副书记、市长 */
  title: string
  /** protocol order, 1 = 市委书记 */
  rank: number
  /** OPENID of the account that last bound to this record (set by a binding; absent until then) */
  userId?: string
  active: boolean
}

/** 专班: a unit of kind `taskForce`, led by a city leader, drawing on member departments. */
export interface TaskForce extends Unit {
  kind: 'taskForce'
  leaderId: string
  memberUnitCodes: string[]
}

export const STATION_KINDS = ['enterprise', 'project', 'park'] as const
export type StationKind = (typeof STATION_KINDS)[number]
export const STATION_KIND_LABELS: Record<StationKind, string> = { enterprise: '企业', project: '项目', park: '园区' }

/** Where a commissioner works day to day (seed: "派驻重点企业、重点项目、重点园区驻点服务"). */
export type CommissionerStation =
  | { kind: 'enterprise'; enterpriseId: string; name: string }
  | { kind: 'project'; enterpriseId: string; name: string }
  | { kind: 'park'; park: string; name: string }

/** 工业振兴特派员: 70 of them, sent by 36 units (seed: "36个单位选派特派员70名"). */
export interface Commissioner {
  _id: string
  name: string
  /** the sending unit */
  unitCode: string
  station: CommissionerStation
  /** 分队 of the 工业振兴特派员桂林工作队, e.g. 高铁(桂林)广西园分队 */
  squad: string
  /** shown masked to everyone but the office */
  phone?: string
  /** OPENID of the account that last bound to this record (set by a binding; absent until then) */
  userId?: string
  active: boolean
}

/** 服务团队 of one key enterprise: the lead unit, the units around it and the commissioners. */
export interface ServiceTeam {
  _id: string
  enterpriseId: string
  name: string
  leadUnitCode: string
  /** lead unit first */
  memberUnitCodes: string[]
  commissionerIds: string[]
  active: boolean
}

/** 市党政主要领导服务工业企业接待日 (seed: 3 sessions, 11 enterprises, 29 problems solved). */
export interface ReceptionDay {
  _id: string
  /** 1-based session number within the year */
  session: number
  title: string
  heldAt: Date
  chairLeaderIds: string[]
  enterpriseIds: string[]
  /** the problems raised there, each a ticket with channel `reception` */
  ticketIds: string[]
}

export const UNIT_LEVEL_LABELS: Record<UnitLevel, string> = { region: '区直', city: '市直', county: '县(市、区)' }

// ---------------------------------------------------------------------------------------------------------
// Binding WeChat users: invites (codes the office issues) and bindings (who holds which grant, and its state)

/** Invites for these roles are issued, approved and revoked by the admin only (they see everything). */
export const OFFICE_ROLES = ['dispatcher', 'admin'] as const satisfies readonly Role[]

export const INVITE_STATUSES = ['open', 'used', 'cancelled'] as const
export type InviteStatus = (typeof INVITE_STATUSES)[number]
export const INVITE_STATUS_LABELS: Record<InviteStatus, string> = {
  open: '未使用',
  used: '已使用',
  cancelled: '已作废',
}

/**
 * 邀请码: single use, expiring. `_id` is the SHA-256 of the normalised code; the code itself is shown once, to
 * the office that issues it, and never stored.
 */
export interface InviteRecord {
  _id: string
  /** the grant the code gives (without enterpriseIds: those are resolved when it is redeemed) */
  grant: RoleGrant
  /** enterprise / unit / leader / commissioner name, for lists */
  targetName: string
  note?: string
  /** staff invites wait for the office's approval after redemption; enterprise invites are approved by issue */
  requiresApproval: boolean
  status: InviteStatus
  expiresAt: Date
  issuedAt: Date
  issuedBy: string
  issuedByName: string
  usedAt: Date | null
  usedBy: string | null
}

export const BINDING_STATUSES = ['pending', 'active', 'revoked'] as const
export type BindingStatus = (typeof BINDING_STATUSES)[number]
export const BINDING_STATUS_LABELS: Record<BindingStatus, string> = {
  pending: '待审核',
  active: '已生效',
  revoked: '已解除',
}

/**
 * One grant held (or asked for) by one WeChat user. `_id` is derived from (openid, role, scope), so the same
 * person binding the same role twice names the same record. The effective grants are `users.grants`; this is
 * the ledger the office approves and revokes from.
 */
export interface BindingRecord {
  _id: string
  openid: string
  /** the name the person gave when binding */
  name: string
  grant: RoleGrant
  targetName: string
  status: BindingStatus
  /** null for accounts opened without a code (the demo, a migration) */
  inviteId: string | null
  createdAt: Date
  decidedAt: Date | null
  decidedBy: string | null
  reason?: string
}

// ---------------------------------------------------------------------------------------------------------
// Spreadsheet import and export

/** The tables of the directory as the spreadsheet has them, in the order they are validated and written. */
export const DIRECTORY_TABLES = [
  'units',
  'leaders',
  'taskForces',
  'enterprises',
  'commissioners',
  'arrangements',
] as const
export type DirectoryTable = (typeof DIRECTORY_TABLES)[number]

export interface SheetColumn {
  /** field of the row */
  key: string
  /** the header cell, Chinese; a trailing * in a file is ignored (the template marks required columns so) */
  header: string
  required: boolean
}

const column = (key: string, header: string, required = false): SheetColumn => ({ key, header, required })
const STATUS_COLUMN = column('status', '状态')

/**
 * Worksheet name and columns of each table; the export writes exactly these and the import reads them back.
 * Lists (成员单位代码, 特派员编号, 联系人…) are separated by 、 (also accepted: , ， ; ； and line breaks).
 * 状态: 启用 (or empty) / 停用.
 */
export const DIRECTORY_SHEETS: Record<
  DirectoryTable,
  { sheet: string; label: string; columns: readonly SheetColumn[] }
> = {
  units: {
    sheet: '单位',
    label: '单位',
    columns: [
      column('code', '单位代码', true),
      column('name', '单位名称', true),
      column('level', '层级', true),
      STATUS_COLUMN,
    ],
  },
  leaders: {
    sheet: '市领导',
    label: '市领导',
    columns: [
      column('id', '编号', true),
      column('name', '姓名', true),
      column('title', '职务', true),
      column('rank', '排序', true),
      STATUS_COLUMN,
    ],
  },
  taskForces: {
    sheet: '专班',
    label: '专班',
    columns: [
      column('code', '专班代码', true),
      column('name', '专班名称', true),
      column('leaderId', '牵头市领导编号', true),
      column('memberUnitCodes', '成员单位代码', true),
      STATUS_COLUMN,
    ],
  },
  enterprises: {
    sheet: '企业',
    label: '企业',
    columns: [
      column('creditCode', '统一社会信用代码', true),
      column('name', '企业名称', true),
      column('district', '县(市、区)', true),
      column('park', '园区'),
      column('industry', '行业', true),
      column('isKey', '重点企业', true),
      column('contactNames', '联系人'),
      column('contactPhones', '联系电话'),
      column('contactTitles', '联系人职务'),
      STATUS_COLUMN,
    ],
  },
  commissioners: {
    sheet: '特派员',
    label: '特派员',
    columns: [
      column('id', '编号', true),
      column('name', '姓名', true),
      column('unitCode', '派出单位代码', true),
      column('squad', '分队'),
      column('stationKind', '驻点类型', true),
      column('stationCreditCode', '驻点企业信用代码'),
      column('stationName', '驻点名称', true),
      column('phone', '联系电话'),
      STATUS_COLUMN,
    ],
  },
  arrangements: {
    sheet: '四个一',
    label: '四个一安排',
    columns: [
      column('creditCode', '企业信用代码', true),
      column('enterpriseName', '企业名称'),
      column('leaderId', '联系市领导编号', true),
      column('leadUnitCode', '牵头服务单位代码', true),
      column('teamName', '服务团队名称'),
      column('memberUnitCodes', '服务团队成员单位代码'),
      column('commissionerIds', '特派员编号', true),
      STATUS_COLUMN,
    ],
  },
}

/** One mistake in an import file, in Chinese, located by sheet and row (the row number Excel shows). */
export interface ImportProblem {
  table: DirectoryTable | null
  sheet: string
  /** 1-based row number as Excel shows it; 0 = the file or the sheet as a whole */
  row: number
  /** the column header, when the problem is in one cell */
  column?: string
  message: string
}

export interface TableChangeCount {
  created: number
  updated: number
  unchanged: number
}

export const IMPORT_JOB_STATUSES = ['applying', 'applied', 'failed', 'completedByRerun'] as const
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number]
export const IMPORT_JOB_STATUS_LABELS: Record<ImportJobStatus, string> = {
  applying: '导入中（未完成）',
  applied: '已完成',
  failed: '已中断',
  completedByRerun: '已由重新导入完成',
}

/**
 * One applied import. A job left `applying` (the function crashed or timed out half-way) is finished by
 * importing the same file again: the writes are recomputed as a difference against the database, with
 * deterministic `_id`s, so what was written already counts as unchanged.
 */
export interface ImportJob {
  _id: string
  status: ImportJobStatus
  /** SHA-256 of the file's bytes */
  fileHash: string
  fileName: string
  format: 'xlsx' | 'csv'
  tables: DirectoryTable[]
  summary: Partial<Record<DirectoryTable | 'serviceTeams', TableChangeCount>>
  /** documents written (created + updated) */
  writeCount: number
  startedAt: Date
  finishedAt: Date | null
  operator: string
  operatorName: string
  /** an earlier job of the same file this one finished */
  resumedJobId?: string
  /** for status completedByRerun: the job that finished it */
  completedByJobId?: string
  failure?: string
}

// ---------------------------------------------------------------------------------------------------------
// What the directory actions return (types/actions.ts names them)

export type DirectoryKind = 'enterprise' | 'unit' | 'taskForce' | 'leader' | 'commissioner' | 'arrangement'
export const DIRECTORY_KIND_LABELS: Record<DirectoryKind, string> = {
  enterprise: '企业',
  unit: '单位',
  taskForce: '专班',
  leader: '市领导',
  commissioner: '特派员',
  arrangement: '四个一安排',
}

/** An enterprise as the caller may see it: contact phones masked unless the caller is the office. */
export type EnterpriseView = Omit<Enterprise, 'contacts'> & { contacts: EnterpriseContact[] }
/** A leader without the OPENID of their account; `bound` says whether someone has bound to the record. */
export type LeaderView = Omit<Leader, 'userId'> & { bound: boolean }
export type CommissionerView = Omit<Commissioner, 'userId'> & { bound: boolean; unitName: string }
export type TaskForceView = TaskForce & { leaderName: string }
/** 四个一 of one key enterprise with the names a page shows. */
export type ArrangementView = Required<ServiceArrangement> & {
  enterpriseName: string
  leaderName: string
  leadUnitName: string
  team: ServiceTeam | null
  /** unit code → name, for the team's member units */
  unitNames: Record<string, string>
  /** commissioner id → name */
  commissionerNames: Record<string, string>
}

export type DirectoryRecordView =
  | { kind: 'enterprise'; record: EnterpriseView; arrangement: ArrangementView | null }
  | { kind: 'unit'; record: Unit }
  | { kind: 'taskForce'; record: TaskForceView }
  | { kind: 'leader'; record: LeaderView }
  | { kind: 'commissioner'; record: CommissionerView }
  | { kind: 'arrangement'; record: ArrangementView }

export interface DirectoryPage {
  items: DirectoryRecordView[]
  hasMore: boolean
}

/** A leader's or commissioner's enterprise, with its 四个一. */
export interface LinkedEnterprise {
  enterprise: EnterpriseView
  arrangement: ArrangementView | null
}

export interface ImportReport {
  /** true: nothing was written (a dry run, or the file has problems) */
  dryRun: boolean
  applied: boolean
  /** set when applied */
  jobId: string | null
  /** an unfinished earlier import of the same file that this one completed */
  resumedJobId: string | null
  format: 'xlsx' | 'csv'
  fileHash: string
  tables: DirectoryTable[]
  /** worksheets the import did not recognise and left alone */
  ignoredSheets: string[]
  /** at most 500 are listed; problemCount counts them all */
  problems: ImportProblem[]
  problemCount: number
  summary: Partial<Record<DirectoryTable | 'serviceTeams', TableChangeCount>>
}

export interface ExportResult {
  fileID: string
  fileName: string
  format: 'xlsx' | 'csv'
  rowCounts: Partial<Record<DirectoryTable, number>>
}

export type InviteView = Omit<InviteRecord, '_id' | 'issuedBy'> & { inviteId: string; expired: boolean }
/** What the office sees once, when it issues a code: the code itself. */
export interface IssuedInvite {
  inviteId: string
  /** e.g. K7QF-M2XP-9HTA; shown once, never stored */
  code: string
  expiresAt: Date
  targetName: string
  grant: RoleGrant
  requiresApproval: boolean
}

export type BindingView = Omit<BindingRecord, '_id'> & {
  bindingId: string
  /** the user's verified phone, masked unless the caller is the office */
  phone: string | null
}

export interface InvitePage {
  items: InviteView[]
  hasMore: boolean
}

export interface BindingPage {
  items: BindingView[]
  hasMore: boolean
}

/** Where an OPENID stands: bound or not, grants, requests waiting for approval, the privacy notice, the phone. */
export interface BindingStatusView {
  openid: string
  bound: boolean
  name: AppUser['name']
  grants: RoleGrant[]
  pending: Array<Pick<BindingView, 'bindingId' | 'grant' | 'targetName' | 'createdAt'>>
  privacy: { currentVersion: string; acceptedVersion: string | null; acceptedAt: Date | null }
  /** masked */
  phone: string | null
}

/** The result of redeeming an invite code. */
export interface RedeemResult {
  bindingId: string
  status: BindingStatus
  grant: RoleGrant
  targetName: string
}
