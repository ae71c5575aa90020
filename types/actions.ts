/**
 * The typed contract of the `api` function: action name → payload and result (as the server builds it;
 * the app receives `ActionResult`, the same with Dates as ISO strings).
 * The app's `callCloud` and the function's router are both checked against it.
 */
import type { AppUser, Category, Enterprise, Role, RoleGrant, Ticket, Track, Unit, Urgency } from './domain'
import type { TicketEventType } from './domain'
import type { InboxTab, QueueTab, SubmitTicketInput } from './schemas'
import type { StatsDimension, TicketStats } from './stats'

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
>
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
  'ticket.act': { payload: { ticketId: string; version: number; event: { type: TicketEventType } & Record<string, unknown> }; result: TicketDetail }
  /** dispatcher: new items, accepted items to dispatch, overdue items to supervise */
  'ticket.queue': { payload: { tab?: QueueTab; page?: number }; result: TicketPage }
  /** handler / unit head: my unit's items by tab */
  'ticket.inbox': { payload: { tab?: InboxTab; page?: number }; result: TicketPage }
  /** the submit form's preview: who will handle it and by when, from the same rules engine */
  'ticket.preview': { payload: { category: Category; urgency?: Urgency }; result: GradePreview }
  /** active handling units, for dispatch and reassignment */
  'directory.units': { payload: Record<string, never>; result: UnitOption[] }
  /** enterprises by name, for entering a hotline call */
  'directory.enterprises': { payload: { keyword?: string }; result: EnterpriseOption[] }
  /** honest statistics, overall and by one dimension */
  'stats.summary': { payload: { dimension?: StatsDimension; from?: string; to?: string }; result: StatsSummary }
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
