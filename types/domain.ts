/**
 * The shared vocabulary of 惠企通 (DESIGN.md §2–3). Used by src/ and cloudfunctions/.
 * Codes are English; every label the user sees comes from the label tables here.
 */
import type { DueKind } from './search'

export const CATEGORIES = [
  'financing',
  'land',
  'approval',
  'factors',
  'labor',
  'infrastructure',
  'schooling',
  'policy',
  'other',
] as const
export type Category = (typeof CATEGORIES)[number]
export const CATEGORY_LABELS: Record<Category, string> = {
  financing: '融资需求',
  land: '用地需求',
  approval: '项目审批',
  factors: '生产要素保障',
  labor: '用工招工',
  infrastructure: '基础设施建设',
  schooling: '子女入学',
  policy: '政策咨询与兑现',
  other: '其他',
}

export const TICKET_STATES = [
  'submitted',
  'accepted',
  'dispatched',
  'signed',
  'replied',
  'closed',
  'rejected',
  'withdrawn',
] as const
export type TicketState = (typeof TICKET_STATES)[number]
export const STATE_LABELS: Record<TicketState, string> = {
  submitted: '待受理',
  accepted: '已受理',
  dispatched: '已派单',
  signed: '已签收',
  replied: '已答复(待评价)',
  closed: '已办结',
  rejected: '不予受理',
  withdrawn: '已撤回',
}

export const TRACKS = ['onsite', 'timed', 'coordination', 'reception'] as const
export type Track = (typeof TRACKS)[number]
export const TRACK_LABELS: Record<Track, string> = {
  onsite: '现场办结',
  timed: '限时办理',
  coordination: '专题协调',
  reception: '接待日',
}

export const LEVELS = ['county', 'city', 'region', 'national'] as const
export type Level = (typeof LEVELS)[number]
export const LEVEL_LABELS: Record<Level, string> = {
  county: '县(市、区)级',
  city: '市级',
  region: '自治区级',
  national: '国家级',
}

export const OUTCOMES = ['solved', 'explained', 'planned', 'unfeasible'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const OUTCOME_LABELS: Record<Outcome, string> = {
  solved: '已解决',
  explained: '已解释说明',
  planned: '已列入计划',
  unfeasible: '暂无法解决',
}

export const CHANNELS = ['app', 'hotline', 'visit', 'reception', 'proxy'] as const
export type Channel = (typeof CHANNELS)[number]
export const CHANNEL_LABELS: Record<Channel, string> = {
  app: '惠企通',
  hotline: '966011热线',
  visit: '走访',
  reception: '接待日',
  proxy: '代录',
}

export const URGENCIES = ['normal', 'urgent'] as const
export type Urgency = (typeof URGENCIES)[number]
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '紧急' }

/** Flags set by the office or a commissioner; they drive grading (DESIGN.md §4). */
export const TICKET_FLAGS = ['major', 'projectBlocking', 'upstream', 'national'] as const
export type TicketFlag = (typeof TICKET_FLAGS)[number]
export const FLAG_LABELS: Record<TicketFlag, string> = {
  major: '重大问题',
  projectBlocking: '影响项目建设',
  upstream: '需自治区及以上协调',
  national: '需国家层面协调',
}

export const RATINGS = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const
export type Rating = (typeof RATINGS)[number]
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
}

export const ROLES = ['enterprise', 'commissioner', 'handler', 'unitHead', 'dispatcher', 'leader', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const ROLE_LABELS: Record<Role, string> = {
  enterprise: '企业联系人',
  commissioner: '服务专员',
  handler: '承办单位经办人',
  unitHead: '单位负责人',
  dispatcher: '市重点办',
  leader: '市领导',
  admin: '系统管理员',
}

export const UNIT_LEVELS = ['region', 'city', 'county'] as const
export type UnitLevel = (typeof UNIT_LEVELS)[number]
export const UNIT_KINDS = ['department', 'taskForce'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

/** A role a WeChat user holds, with the scope it applies to. */
export interface RoleGrant {
  role: Role
  /** enterprise contact: the enterprise they speak for */
  enterpriseId?: string
  /** handler / unitHead: their unit */
  unitCode?: string
  /** leader: their leader record */
  leaderId?: string
  /** commissioner: their commissioner record */
  commissionerId?: string
  /**
   * leader / commissioner: the enterprises they are linked to (四个一 arrangements; a commissioner's station),
   * resolved when the grant is made and kept in step whenever the directory changes
   * (cloudfunctions/shared/grants.ts), so access checks need no extra query.
   */
  enterpriseIds?: string[]
}

/** A WeChat user of the mini-program; `_id` is the OPENID. */
export interface AppUser {
  _id: string
  name: string
  grants: RoleGrant[]
  createdAt: Date
  /** verified through WeChat (phonenumber.getPhoneNumber), only after the privacy notice was accepted */
  phone?: string
  phoneVerifiedAt?: Date
  /** the privacy notice version the user accepted, and when (types/privacy.ts) */
  privacy?: { version: string; acceptedAt: Date }
}

/** A person the office may call at an enterprise. */
export interface EnterpriseContact {
  name: string
  /** mobile (11 digits) or landline (0773-1234567); shown masked to everyone but the office */
  phone: string
  /** e.g. 总经理, 办公室主任 */
  title?: string
}

export interface Enterprise {
  _id: string
  name: string
  /** 统一社会信用代码 */
  creditCode: string
  district: string
  park?: string
  industry: string
  isKey: boolean
  active: boolean
  contacts?: EnterpriseContact[]
}

export interface Unit {
  _id: string // = code
  code: string
  name: string
  level: UnitLevel
  kind: UnitKind
  active: boolean
}

/** 四个一: one leader, one lead service unit, one service team per key enterprise. */
export interface ServiceArrangement {
  _id: string // = enterpriseId
  enterpriseId: string
  leaderId: string
  leadUnitCode: string
  serviceTeamId: string
  commissionerIds: string[]
  /** false once the office ends it; absent on records written before arrangements could be ended (= active) */
  active?: boolean
}

/** The events of the ticket lifecycle (DESIGN.md §3); cloudfunctions/core/lifecycle.ts says when each may happen. */
export const TICKET_EVENTS = [
  'accept',
  'reject',
  'resolveOnSite',
  'dispatch',
  'sign',
  'sendBack',
  'reassign',
  'requestExtension',
  'approveExtension',
  'denyExtension',
  'askSupplement',
  'supplement',
  'reply',
  'rate',
  'reopen',
  'withdraw',
  'supervise',
  'escalate',
  'escalateOverdue',
  'instruct',
  'scheduleReception',
  'expireRating',
  'recordDecision',
  'answerFromCommitments',
  'note',
  'requestMeeting',
  'takeUpward',
] as const
export type TicketEventType = (typeof TICKET_EVENTS)[number]
/** How the timeline names each event; `submit` is the entry that opens every ticket. */
export const EVENT_LABELS: Record<TicketEventType | 'submit' | 'calendarAdjusted', string> = {
  submit: '提交',
  /** the office entered a year's statutory holidays and the dues counted on it moved (not a user's event) */
  calendarAdjusted: '时限调整',
  accept: '受理',
  reject: '不予受理',
  resolveOnSite: '现场办结',
  dispatch: '派单',
  sign: '签收',
  sendBack: '退回',
  reassign: '改派',
  requestExtension: '申请延期',
  approveExtension: '同意延期',
  denyExtension: '不同意延期',
  askSupplement: '要求补充材料',
  supplement: '补充材料',
  reply: '答复',
  rate: '评价',
  reopen: '重办',
  withdraw: '撤回',
  supervise: '督办',
  escalate: '升级',
  escalateOverdue: '逾期升级',
  instruct: '批示',
  scheduleReception: '安排接待日',
  expireRating: '超时未评价办结',
  recordDecision: '会议议定',
  answerFromCommitments: '承诺办结答复',
  note: '跟进备注',
  requestMeeting: '申请专题协调会',
  takeUpward: '上报',
}

/** Who fired an event: a user's role, or the timer function acting on its own (rating timeout, overdue escalation). */
export type ActorRole = Role | 'system'

/** One immutable line of a ticket's history. */
export interface TimelineEntry {
  at: Date
  event: string
  actorId: string
  actorName: string
  role: ActorRole
  from: TicketState | null
  to: TicketState
  reason?: string
  note?: string
  /** units the event named (codes, lead first): readers show their names, never the codes */
  units?: string[]
}

/** A handling unit's answer (答复); the outcome lives on the ticket itself. */
export interface TicketReply {
  text: string
  /** cloud file IDs */
  attachments: string[]
  at: Date
  /** id of the user who replied */
  by: string
}

export const EXTENSION_STATUSES = ['pending', 'approved', 'denied'] as const
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number]
export const EXTENSION_STATUS_LABELS: Record<ExtensionStatus, string> = {
  pending: '待审批',
  approved: '已同意',
  denied: '未同意',
}

/** 延期申请: asked by the handler before the reply is due, decided by the unit head. */
export interface ExtensionRequest {
  /** working days asked for */
  days: number
  reason: string
  requestedAt: Date
  requestedBy: string
  status: ExtensionStatus
  decidedAt: Date | null
  decidedBy: string | null
}

/** 补充材料: one question to the enterprise and its answer; the clock is paused in between. */
export interface SupplementRound {
  question: string
  askedAt: Date
  askedBy: string
  answeredAt: Date | null
  text: string | null
  attachments: string[]
}

/** 批示: a city leader's note on a ticket. */
export interface LeaderInstruction {
  text: string
  at: Date
  leaderId: string
  leaderName: string
}

/** 上报: who took a problem beyond the city, when, to which level, and what came back (a later note). */
export interface UpwardEscalation {
  level: 'region' | 'national'
  reason: string
  at: Date
  by: string
  byName: string
  answer: { text: string; at: Date; byName: string } | null
}

/** A 专班's or lead service unit's request that the office convene a 专题协调会 (the office decides). */
export interface MeetingRequest {
  reason: string
  at: Date
  by: string
  byName: string
  /** the requesting unit (a 专班 or the lead service unit); absent for a leader */
  unitCode?: string
}

/** 诉求 / 工单. Stored in the `tickets` collection. */
export interface Ticket {
  _id: string
  /** human ticket number, e.g. HQ20261127-0003 */
  no: string
  enterpriseId: string
  enterpriseName: string
  /** copied from the enterprise at submission: grading (projectBlocking on a key enterprise) and routing need it */
  enterpriseIsKey: boolean
  /** copied from the enterprise at submission: statistics group by district */
  enterpriseDistrict: string
  submittedBy: string // OPENID of the submitter (contact, dispatcher, commissioner)
  channel: Channel
  category: Category
  title: string
  description: string
  urgency: Urgency
  flags: TicketFlag[]
  state: TicketState
  track: Track
  level: Level
  /** handling units, the lead first */
  units: string[]
  taskForce: string | null
  /** ids of the rules that decided grade and route */
  ruleIds: string[]
  /** a due was counted Monday–Friday on a year the statutory calendar had no data for (provisional) */
  calendarMissing: boolean
  /** the years whose entry already re-mapped this ticket's dues (core/calendar.ts): never moved twice */
  calendarRemappedYears?: number[]
  acceptDueAt: Date | null
  signDueAt: Date | null
  replyDueAt: Date | null
  ratingDueAt: Date | null
  /** end of the send-back window (2 working days after dispatch) */
  sendBackDueAt: Date | null
  /** coordination track: the 专题协调会 must be held by then */
  meetingDueAt: Date | null
  /** reception track: the 接待日 the ticket goes to; the reply is due 20 working days after it */
  receptionDayAt: Date | null
  dispatchedAt: Date | null
  /** set while waiting for the enterprise's supplement: the clock stands still */
  pausedAt: Date | null
  supplements: SupplementRound[]
  extensionRequest: ExtensionRequest | null
  /** working days granted by all approved extensions so far (at most the rules' extension.max) */
  extensionDaysGranted: number
  /** rejected as a duplicate of this ticket */
  mergedInto: string | null
  /** the tickets rejected as duplicates of this one (the link back of their mergedInto; absent: none) */
  mergedFrom?: string[]
  reopenCount: number
  outcome: Outcome | null
  reply: TicketReply | null
  rating: Rating | null
  instructions: LeaderInstruction[]
  closedAt: Date | null
  /** client retry key of the submit that created it */
  requestId: string
  version: number
  timeline: TimelineEntry[]
  createdAt: Date
  updatedAt: Date
  // — reception days and coordination meetings (types/meetings.ts); absent on tickets that never met one —
  /** a commitment (承诺事项): the ticket it was promised about */
  parentId?: string | null
  /** a commitment: the session or meeting, and the commitment, that made it */
  origin?: CommitmentOrigin | null
  /** the commitments made about this ticket (child tickets); it is answered only once they are all done */
  childIds?: string[]
  /** what each session or meeting that took this ticket up decided */
  meetingDecisions?: MeetingDecision[]
  /** coordination: when the 专题协调会 was held; late if after the meeting due (a fact that stays) */
  meetingHeldAt?: Date | null
  meetingLate?: boolean
  /** the sessions / meetings whose agenda names this ticket, and the leaders who sit in them (ACCESS_POLICY seatedLeader) */
  meetingIds?: string[]
  meetingLeaderIds?: string[]
  /** 上报 records, oldest first (absent on tickets never taken upward) */
  upward?: UpwardEscalation[]
  /** the open request for a 专题协调会 (absent or null when none) */
  meetingRequest?: MeetingRequest | null
  /**
   * Every due that had already passed when an event moved or cleared it (升级, 改派, 延期, 退回): lateness is a
   * fact that no later event erases (core/lateness.ts). Absent on tickets written before it existed.
   */
  missedDues?: MissedDue[]
  /** why the grade is what it is when a person, not a rule, changed it (人工升级); cleared by the next regrade */
  gradeNote?: string | null
  /**
   * The reply due 退回 cleared, kept while the ticket waits to be dispatched again: the enterprise was shown it,
   * so the next dispatch tells the enterprise its deadline moved (core/due-moves.ts). Absent or null otherwise.
   */
  clearedReplyDueAt?: Date | null
}

export const MEETING_KINDS = ['reception', 'coordination'] as const
export type MeetingKind = (typeof MEETING_KINDS)[number]
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = { reception: '接待日', coordination: '专题协调会' }

export interface CommitmentOrigin {
  kind: MeetingKind
  /** the session / meeting id */
  id: string
  commitmentId: string
}

/** One decision of a session or meeting about a ticket. */
export interface MeetingDecision {
  meetingId: string
  kind: MeetingKind
  text: string
  at: Date
  /** the commitments made with it (child ticket ids) */
  childIds: string[]
}

/** A due that was already missed when an event moved or cleared it. */
export interface MissedDue {
  kind: DueKind
  /** the due that was missed */
  dueAt: Date
  /** when the event moved it */
  movedAt: Date
  /** the event that moved it (升级, 改派, …) */
  event: string
}
