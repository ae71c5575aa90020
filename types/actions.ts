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
import type { StatsDimension, TicketStats } from './stats'
import type { Lateness } from './search'

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
}

export interface TicketPage {
  items: TicketSummary[]
  hasMore: boolean
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
  'ticket.listMine': { payload: { page?: number }; result: TicketPage }
  'ticket.get': { payload: { ticketId: string }; result: TicketDetail }
  /** any lifecycle event on a ticket; the table decides who may fire what */
  'ticket.act': {
    payload: { ticketId: string; version: number; event: { type: TicketEventType } & Record<string, unknown> }
    result: TicketDetail
  }
  /** dispatcher: new items, accepted items to dispatch, overdue items to supervise */
  'ticket.queue': { payload: { tab?: QueueTab; page?: number }; result: TicketPage }
  /** handler / unit head: my unit's items by tab */
  'ticket.inbox': { payload: { tab?: InboxTab; page?: number }; result: TicketPage }
  /** temporary download URLs of the ticket's photos and files (fileID → URL) */
  'ticket.files': { payload: { ticketId: string }; result: { urls: Record<string, string> } }
  /** the submit form's preview: who will handle it and by when, from the same rules engine */
  'ticket.preview': { payload: { category: Category; urgency?: Urgency }; result: GradePreview }
  /** active handling units, for dispatch and reassignment */
  'directory.units': { payload: Record<string, never>; result: UnitOption[] }
  /** enterprises by name, for entering a hotline call */
  'directory.enterprises': { payload: { keyword?: string }; result: EnterpriseOption[] }
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
  'ticket.listLinked': { payload: { page?: number }; result: TicketPage }
  // — notifications and subscribe messages (cloudfunctions/shared/notifications.ts, outbox.ts, consents.ts) —
  /** after a successful ticket.act or ticket.submit: delivers the notifications it planned (any role; idempotent) */
  'notifications.flush': { payload: { ticketId: string }; result: { done: true } }
  /** the caller's message center, newest first: every notification, whether or not WeChat delivered it */
  'notifications.list': { payload: { page?: number }; result: NotificationPage }
  'notifications.unreadCount': { payload: Record<string, never>; result: { count: number } }
  /** the given messages, or all unread ones */
  'notifications.markRead': { payload: { ids?: string[]; all?: boolean }; result: { updated: number } }
  /** per subscribe group of the caller's role: configured here?, one-time or long-term, consents left */
  'subscriptions.status': { payload: Record<string, never>; result: SubscriptionStatus }
  /** what wx.requestSubscribeMessage answered ({ <templateId>: 'accept' | 'reject' | 'ban' | 'filter' }) */
  'subscriptions.record': { payload: { result: Record<string, string> }; result: SubscriptionStatus }
  /** the ≤ 3 template ids to pass to wx.requestSubscribeMessage at this tap (empty where none is configured) */
  'subscriptions.templateIds': { payload: { group: SubscribeOccasion }; result: SubscribeRequest }
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
  /** the role the user received it in (their workspace) */
  role: Role
  createdAt: Date
  read: boolean
  delivery: DeliveryStatus
  /** e.g. 已推送到微信, 未订阅，仅站内 */
  deliveryLabel: string
}

export interface NotificationPage {
  items: NotificationItem[]
  hasMore: boolean
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
