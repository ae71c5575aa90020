/**
 * The typed contract of the `api` function: action name → payload and result (as the server builds it;
 * the app receives `ActionResult`, the same with Dates as ISO strings).
 * The app's `callCloud` and the function's router are both checked against it.
 */
import type { AppUser, Category, Enterprise, Role, RoleGrant, Ticket, Track, Unit, Urgency } from './domain'
import type { TicketEventType } from './domain'
import type { InboxTab, QueueTab, SubmitTicketInput } from './schemas'
import type * as z from 'zod/mini'
import type * as S from './directory-schemas'
import type {
  BindingPage,
  BindingStatusView,
  BindingView,
  DirectoryKind,
  DirectoryPage,
  DirectoryRecordView,
  ExportResult,
  ImportJob,
  ImportReport,
  InvitePage,
  InviteView,
  IssuedInvite,
  LinkedEnterprise,
  RedeemResult,
} from './directory'
import type { BreakdownDimension, StatsDimension, SummaryFigures, SummaryGroup, TicketStats } from './stats'
import type { Lateness, TicketFilters, TicketRow, TicketSearchPage, TicketSearchPayload } from './search'
import type * as M from './meetings'
import type { LeaderItemsPage, LeaderItemsPayload } from './leader'
import type { MonthlyReportPayload, ReceptionDayExportPayload, SpreadsheetFile, TicketExportPayload } from './export'
import type { ReachPage } from './reach'
import type {
  CalendarOverview,
  CalendarPreview,
  CalendarSaveInput,
  CalendarSaveResult,
  CalendarYearInput,
} from './calendar'

/** What the app sends for a directory action: the schema's input (fields with defaults may be left out). */
export type DirectoryPayload<S extends z.ZodMiniType> = z.input<S>
export type DirectoryRecordOf<K extends DirectoryKind> = Extract<DirectoryRecordView, { kind: K }>

/** What crosses the wire: callFunction results are JSON, so Dates arrive as ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<Wire<U>>
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T

/** A ticket as a list row: no timeline, no description. */
export type TicketSummary = Pick<
  Ticket,
  | '_id'
  | 'no'
  | 'title'
  | 'category'
  | 'state'
  | 'track'
  | 'urgency'
  | 'enterpriseName'
  | 'channel'
  | 'acceptDueAt'
  | 'replyDueAt'
  | 'createdAt'
> & {
  /** working days the reply is late by now, from its original due (absent when not late) */
  replyDaysLate?: number
}
/**
 * A ticket as its detail page sees it: the submitter's OPENID and retry key stay on the server; the events
 * the caller may fire now come along, so the page offers exactly those.
 */
export type TicketDetail = Omit<Ticket, 'submittedBy' | 'requestId'> & {
  offeredEvents: TicketEventType[]
  /** why it was graded and routed so: one Chinese line per rule id */
  gradeReasons: string[]
  /** unit and task-force code → name, for the units this ticket names (read views only) */
  unitNames?: Record<string, string>
  /** the office only (dispatcher, admin): the rule ids behind the grade, "R-…: reason", as an openable detail */
  gradeRules?: string[]
  /** every step it is or was late on, from the original missed due (core/lateness.ts) */
  lateness?: Lateness[]
  /**
   * the office only: its dues were counted Monday–Friday because these years' statutory holidays are not
   * entered yet; `canEdit` = the caller is the admin, who enters them (calendar page)
   */
  calendarWarning?: { years: number[]; canEdit: boolean }
}

export interface TicketPage {
  items: TicketSummary[]
  hasMore: boolean
  /** pass back as `cursor` for the next page; null on the last page */
  nextCursor: string | null
}

/** A unit's inbox row: whether the unit leads (主办) or assists (协办), its dues, an extension awaiting its head. */
export type InboxRow = TicketSummary &
  Pick<Ticket, 'signDueAt'> & {
    unitRole: 'lead' | 'co'
    pendingExtension: { days: number; reason: string; requestedAt: Date } | null
  }

export interface InboxPage {
  items: InboxRow[]
  hasMore: boolean
  /** pass back as `cursor` for the next page; null on the last page */
  nextCursor: string | null
}

export interface Profile {
  openid: string
  name: AppUser['name']
  grants: RoleGrant[]
  /** the role this call acted as */
  activeRole: Role
  /** for an enterprise contact: the enterprise's name */
  enterpriseName?: string
}

export interface ActionMap {
  'me.profile': { payload: Record<string, never>; result: Profile }
  'ticket.submit': { payload: SubmitTicketInput; result: TicketDetail }
  'ticket.listMine': { payload: { cursor?: string }; result: TicketPage }
  'ticket.get': { payload: { ticketId: string }; result: TicketDetail }
  /** any lifecycle event on a ticket; the table decides who may fire what */
  'ticket.act': {
    payload: { ticketId: string; version: number; event: { type: TicketEventType } & Record<string, unknown> }
    result: TicketDetail
  }
  /**
   * what an event would change before it is confirmed (track, units, dues, reasons, the enterprise's notice),
   * computed by the same transition ticket.act runs; read-only, same access as ticket.act
   */
  'ticket.previewAct': {
    payload: { ticketId: string; version: number; event: { type: TicketEventType } & Record<string, unknown> }
    result: EventPreview
  }
  /** dispatcher: new items, accepted items to dispatch, overdue items to supervise */
  'ticket.queue': {
    payload: { tab?: QueueTab; cursor?: string }
    result: TicketPage & { items: TicketRow[]; total: number }
  }
  /** handler / unit head: my unit's items by tab */
  'ticket.inbox': { payload: { tab?: InboxTab; cursor?: string }; result: InboxPage }
  /** temporary download URLs of the ticket's photos and files (fileID → URL) */
  'ticket.files': { payload: { ticketId: string }; result: { urls: Record<string, string> } }
  /** the submit form's preview: who will handle it and by when, from the same rules engine */
  'ticket.preview': { payload: { category: Category; urgency?: Urgency }; result: GradePreview }
  /** active handling units, for dispatch and reassignment */
  'directory.units': { payload: Record<string, never>; result: UnitOption[] }
  /** enterprises by name, for entering a hotline call */
  'directory.enterprises': { payload: { keyword?: string }; result: EnterpriseOption[] }
  // — the statutory working-day calendar (types/calendar.ts; issue 11) —
  /** the office: the years known (built in or entered), and this or next year when missing */
  'calendar.get': { payload: Record<string, never>; result: CalendarOverview }
  /** admin: a year's proposed days → problems next to their rows, and the running dues that would move */
  'calendar.preview': { payload: CalendarYearInput; result: CalendarPreview }
  /** admin: save a year (retry-safe, version-checked) and move the dues counted on it while it was missing */
  'calendar.save': { payload: CalendarSaveInput; result: CalendarSaveResult }
  /** honest statistics, overall and by one dimension */
  'stats.summary': { payload: { dimension?: StatsDimension; from?: string; to?: string }; result: StatsSummary }
  // — directory, identity and access (types/directory.ts; policy: cloudfunctions/shared/access.ts) —
  /** works before binding: record that the caller accepted the current privacy notice (types/privacy.ts) */
  'me.acceptPrivacy': { payload: DirectoryPayload<typeof S.acceptPrivacySchema>; result: BindingStatusView }
  /** works before binding; needs the current privacy notice accepted: the code of the getPhoneNumber button */
  'me.verifyPhone': {
    payload: DirectoryPayload<typeof S.verifyPhoneSchema>
    result: { phone: string; verifiedAt: Date }
  }
  /** works before binding: bound or not, grants, requests waiting for approval, privacy, phone */
  'binding.status': { payload: Record<string, never>; result: BindingStatusView }
  /** works before binding: redeem an invite code the office issued */
  'binding.redeem': { payload: DirectoryPayload<typeof S.bindingRedeemSchema>; result: RedeemResult }
  'binding.list': { payload: DirectoryPayload<typeof S.bindingListSchema>; result: BindingPage }
  'binding.approve': { payload: DirectoryPayload<typeof S.bindingDecisionSchema>; result: BindingView }
  'binding.revoke': { payload: DirectoryPayload<typeof S.bindingDecisionSchema>; result: BindingView }
  'invite.issue': { payload: DirectoryPayload<typeof S.inviteIssueSchema>; result: IssuedInvite }
  'invite.list': { payload: DirectoryPayload<typeof S.inviteListSchema>; result: InvitePage }
  'invite.cancel': { payload: DirectoryPayload<typeof S.inviteCancelSchema>; result: InviteView }
  'directory.search': { payload: DirectoryPayload<typeof S.directorySearchSchema>; result: DirectoryPage }
  'directory.get': { payload: DirectoryPayload<typeof S.directoryGetSchema>; result: DirectoryRecordView }
  /** leader / commissioner: my enterprises and their 四个一 */
  'directory.linked': { payload: Record<string, never>; result: LinkedEnterprise[] }
  'directory.enterprise.save': {
    payload: DirectoryPayload<typeof S.enterpriseSaveSchema>
    result: DirectoryRecordOf<'enterprise'>
  }
  'directory.unit.save': { payload: DirectoryPayload<typeof S.unitSaveSchema>; result: DirectoryRecordOf<'unit'> }
  'directory.taskForce.save': {
    payload: DirectoryPayload<typeof S.taskForceSaveSchema>
    result: DirectoryRecordOf<'taskForce'>
  }
  'directory.leader.save': { payload: DirectoryPayload<typeof S.leaderSaveSchema>; result: DirectoryRecordOf<'leader'> }
  'directory.commissioner.save': {
    payload: DirectoryPayload<typeof S.commissionerSaveSchema>
    result: DirectoryRecordOf<'commissioner'>
  }
  'directory.arrangement.save': {
    payload: DirectoryPayload<typeof S.arrangementSaveSchema>
    result: DirectoryRecordOf<'arrangement'>
  }
  /** deactivate / reactivate any directory record (never deleted) */
  'directory.setActive': { payload: DirectoryPayload<typeof S.setActiveSchema>; result: DirectoryRecordView }
  /** dry run by default; dryRun false applies all or nothing */
  'directory.import': { payload: DirectoryPayload<typeof S.directoryImportSchema>; result: ImportReport }
  'directory.export': { payload: DirectoryPayload<typeof S.directoryExportSchema>; result: ExportResult }
  'directory.importJobs': {
    payload: DirectoryPayload<typeof S.pageSchema>
    result: { items: ImportJob[]; hasMore: boolean }
  }
  /** leader / commissioner: tickets of my linked enterprises, newest first */
  'ticket.listLinked': { payload: { cursor?: string }; result: TicketPage }
  // — notifications and subscribe messages (cloudfunctions/shared/notifications.ts, outbox.ts, consents.ts) —
  /** after a successful ticket.act or ticket.submit: delivers the notifications it planned (any role; idempotent) */
  'notifications.flush': { payload: { ticketId: string }; result: { done: true } }
  /** the caller's message center, newest first: every notification, whether or not WeChat delivered it */
  'notifications.list': { payload: { cursor?: string }; result: NotificationPage }
  'notifications.unreadCount': { payload: Record<string, never>; result: { count: number } }
  /** the given messages, or all unread ones */
  'notifications.markRead': { payload: { ids?: string[]; all?: boolean }; result: { updated: number } }
  /** per subscribe group of the caller's role: configured here?, one-time or long-term, consents left */
  'subscriptions.status': { payload: Record<string, never>; result: SubscriptionStatus }
  /** what wx.requestSubscribeMessage answered ({ <templateId>: 'accept' | 'reject' | 'ban' | 'filter' }) */
  'subscriptions.record': { payload: { result: Record<string, string> }; result: SubscriptionStatus }
  /** the ≤ 3 template ids to pass to wx.requestSubscribeMessage at this tap (empty where none is configured) */
  'subscriptions.templateIds': { payload: { group: SubscribeOccasion }; result: SubscribeRequest }
  /** one ticket search: filters, keyword, statistics drill-down (types/search.ts); cursor-paged */
  'ticket.search': { payload: TicketSearchPayload; result: TicketSearchPage }
  // — reception days and coordination meetings (types/meetings.ts; core: cloudfunctions/core/meetings.ts) —
  /** the office convenes a 接待日 or 专题协调会 (retry key: a retried create returns the first one) */
  'meeting.create': { payload: z.input<typeof M.meetingCreateSchema>; result: M.MeetingView }
  /** the office: every session, newest first; a leader: the sessions they sit in */
  'meeting.list': {
    payload: z.input<typeof M.meetingListSchema>
    result: { items: M.MeetingSummary[]; hasMore: boolean }
  }
  /** one session with its agenda, commitments and the per-enterprise tally */
  'meeting.get': { payload: z.input<typeof M.meetingIdSchema>; result: M.MeetingView }
  /** tickets graded for this kind of session, open and on no agenda yet */
  'meeting.candidates': { payload: z.input<typeof M.meetingIdSchema>; result: TicketPage }
  'meeting.addAgenda': { payload: z.input<typeof M.agendaAddSchema>; result: M.MeetingView }
  /** subscribe message + 消息 to the enterprises, units and leaders of the agenda */
  'meeting.invite': { payload: z.input<typeof M.meetingInviteSchema>; result: M.MeetingView }
  /** the decision on one agenda item; each commitment becomes a child ticket (retry key) */
  'meeting.decide': { payload: z.input<typeof M.decisionSchema>; result: M.MeetingView }
  /** a problem raised at the session itself: a ticket with channel reception, on the agenda (retry key) */
  'meeting.raise': { payload: z.input<typeof M.raiseAtSessionSchema>; result: M.MeetingView }
  /** leader: city-wide reception-track, escalated and long-overdue tickets (types/leader.ts), cursor-paged */
  'ticket.leaderItems': { payload: LeaderItemsPayload; result: LeaderItemsPage }
  // — spreadsheets for the office: the `export` function (types/functions.ts, types/export.ts) —
  'export.tickets': { payload: TicketExportPayload; result: SpreadsheetFile }
  'export.monthlyReport': { payload: MonthlyReportPayload; result: SpreadsheetFile }
  'export.receptionDay': { payload: ReceptionDayExportPayload; result: SpreadsheetFile }
  /** the office: who WeChat can reach now (consents left, long-term), messages that reached 消息 only */
  'reach.list': { payload: { onlyUnreachable?: boolean; cursor?: string }; result: ReachPage }
  /** the office: ask one person in 消息 to renew their subscribe consents (once a day) */
  'reach.remind': { payload: { openid: string }; result: { requested: boolean } }
  // — 专班, the lead service unit and commissioners' work (cloudfunctions/api/actions/service.ts) —
  /** a 专班's (or its leading city leader's) bottleneck tickets across the city; the office names the 专班 */
  'taskForce.tickets': { payload: { taskForce?: string; tab?: TaskForceTab; cursor?: string }; result: TaskForceBoard }
  /** the lead service unit: the tickets of the key enterprises it leads the service of (四个一), newest first */
  'ticket.listFollowed': { payload: { cursor?: string }; result: TicketPage }
  /** a commissioner logs a visit (走访记录); each problem found becomes a ticket with channel `visit` */
  'visit.log': { payload: VisitInput; result: VisitView }
  /** visits newest first: a commissioner's own (optionally of one enterprise); the office any enterprise's */
  'visit.list': {
    payload: { enterpriseId?: string; cursor?: string }
    result: { items: VisitView[]; hasMore: boolean; nextCursor: string | null }
  }
  /** a commissioner's enterprises at a glance: open and overdue tickets, last visit and days since */
  'visit.overview': { payload: Record<string, never>; result: VisitOverviewRow[] }
  /** the office: key enterprises not visited in the last N days (never visited first) */
  'visit.coverage': { payload: { days?: number }; result: VisitCoverage }
}

export type TaskForceTab = 'open' | 'overdue' | 'closed'

export interface TaskForceBoard {
  taskForce: { code: string; name: string; leaderName: string | null }
  /** the 专班s the caller may look at (a leader may lead several; the office sees all four) */
  taskForces: Array<{ code: string; name: string }>
  items: Array<
    TicketSummary & {
      units: string[]
      dispatchedAt: Date | null
      meetingRequested: boolean
      upward: boolean
    }
  >
  /** unit code → name, for the rows' units */
  unitNames: Record<string, string>
  hasMore: boolean
}

export interface VisitProblemInput {
  category: Category
  title: string
  description: string
  urgency?: Urgency
}

export interface VisitInput {
  enterpriseId: string
  /** the day of the visit, YYYY-MM-DD (Shanghai) */
  visitedOn: string
  peopleMet: string
  heard: string
  photos?: string[]
  problems?: VisitProblemInput[]
}

export interface VisitView {
  _id: string
  enterpriseId: string
  enterpriseName: string
  commissionerId: string
  commissionerName: string
  visitedAt: Date
  peopleMet: string
  heard: string
  photos: string[]
  problems: Array<VisitProblemInput & { ticketId: string }>
  /** 'recording' until every ticket of the visit exists (a retry completes it) */
  status: 'recording' | 'complete'
  createdAt: Date
}

export interface VisitOverviewRow {
  enterpriseId: string
  enterpriseName: string
  open: number
  overdue: number
  lastVisitAt: Date | null
  daysSinceVisit: number | null
}

export interface VisitCoverage {
  days: number
  /** key enterprises whose last visit is older than `days` days, or who were never visited */
  notVisited: Array<{
    enterpriseId: string
    enterpriseName: string
    lastVisitAt: Date | null
    daysSince: number | null
  }>
  keyEnterprises: number
}

export interface GradePreview {
  track: Track
  leadUnit: UnitOption
  taskForce: string | null
  /** as if dispatched now; null where it waits for a reception day */
  replyDueAt: Date | null
  acceptDueAt: Date
  calendarMissing: boolean
  /** "R-CAT-LABOR: …" — why, in Chinese */
  reasons: string[]
}

export interface StatsSummary {
  from: Date
  to: Date
  dimension: StatsDimension
  overall: TicketStats
  groups: Array<{ key: string; stats: TicketStats }>
  /** the overall figures with open and overdue now; each opens ticket.search with `filters` + its figure */
  figures: SummaryFigures
  /** the period as filters: what every figure of the summary opens */
  filters: TicketFilters
  /** every breakdown, groups by name (never a code), each with its drill-down filters */
  breakdowns: Record<BreakdownDimension, Array<SummaryGroup<TicketFilters>>>
  /** lead units by on-time rate (按时办结率), best first; units with nothing replied last */
  ranking: Array<SummaryGroup<TicketFilters>>
}

export type UnitOption = Pick<Unit, 'code' | 'name' | 'level'>
export type EnterpriseOption = Pick<Enterprise, '_id' | 'name' | 'district' | 'isKey'>
export type ActionName = keyof ActionMap
/** What the app receives for an action. */
export type ActionResult<A extends ActionName> = Wire<ActionMap[A]['result']>

// — notifications and subscribe messages —

/** Where a notification stands with WeChat (cloudfunctions/core/reminders/outbox.ts OUTBOX_STATUSES). */
export type DeliveryStatus = 'pending' | 'sent' | 'skippedNoConsent' | 'failed' | 'inAppOnly'

/** One message in the message center (消息中心). */
export interface NotificationItem {
  _id: string
  /** the notification (cloudfunctions/core/routing.ts NOTIFICATION_TEMPLATES), e.g. ticketDispatched */
  template: string
  /** e.g. 新工单待签收 */
  title: string
  ticketId: string
  ticketNo: string
  ticketTitle: string
  /** what the message says beyond its title, e.g. 诉求升级为专题协调会办理，答复时限由12月10日调整为12月24日 */
  detail?: string
  /** the role the user received it in (their workspace) */
  role: Role
  createdAt: Date
  read: boolean
  delivery: DeliveryStatus
  /** e.g. 已推送到微信, 未订阅，仅站内 */
  deliveryLabel: string
  /** a message about no ticket (weekly digest, request to renew) opens this page instead */
  link?: string
}

/** One due in an event's preview: before → after, by name. */
export interface DuePreviewRow {
  /** e.g. 答复时限 */
  label: string
  before: Date | null
  after: Date | null
  /** the due had passed: working days it was missed by (the lateness record stays after the move) */
  missedWorkingDays: number | null
}

/** Who handles, by name. */
export interface UnitsByName {
  lead: string | null
  co: string[]
}

/** What an event would change (ticket.previewAct): names and labels only, never a code. */
export interface EventPreview {
  /** 办理方式, e.g. 限时办理 → 专题协调 */
  track: { before: string; after: string }
  units: { before: UnitsByName; after: UnitsByName }
  dues: DuePreviewRow[]
  /** why the grade is what it is, before and after */
  reasons: { before: string[]; after: string[] }
  /** what the enterprise will be told about its reply due, or null */
  enterpriseNotice: string | null
  /** false when the event changes none of the above: the form may leave the preview out */
  changes: boolean
}

export interface NotificationPage {
  items: NotificationItem[]
  hasMore: boolean
  /** pass back as `cursor` for the next page; null on the last page */
  nextCursor: string | null
}

/** The taps at which the app asks for subscribe-message consent. */
export type SubscribeOccasion = 'submit' | 'inbox' | 'afterSign'

export interface SubscriptionTemplateStatus {
  templateKey: string
  /** the template's title in the WeChat library, e.g. 即将超期 */
  title: string
  /** its id is set in this environment (else its messages stay in the app) */
  configured: boolean
  mode: 'oneTime' | 'longTerm'
  /** sends left: one-time consents counted by us, or 'unlimited' under a long-term subscription */
  remaining: number | 'unlimited'
}

export interface SubscriptionGroupStatus {
  group: string
  title: string
  /** every template of the group is configured */
  configured: boolean
  templates: SubscriptionTemplateStatus[]
}

export interface SubscriptionStatus {
  groups: SubscriptionGroupStatus[]
  /** admin only: which template ids are missing and how to set them; null otherwise */
  missingMessage: string | null
}

export interface SubscribeRequest {
  occasion: SubscribeOccasion
  /** the registry's subscribe group for this tap and role; null when the role is asked nothing here */
  group: string | null
  title: string | null
  templateIds: string[]
}
