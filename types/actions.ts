/**
 * The typed contract of the `api` function: action name → payload and result (as the server builds it;
 * the app receives `ActionResult`, the same with Dates as ISO strings).
 * The app's `callCloud` and the function's router are both checked against it.
 */
import type { AppUser, Role, RoleGrant, Ticket } from './domain'
import type { TicketEventType } from './domain'
import type { SubmitTicketInput } from './schemas'

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
export type TicketDetail = Omit<Ticket, 'submittedBy' | 'requestId'> & { offeredEvents: TicketEventType[] }

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
  /** dispatcher: items waiting to be accepted */
  'ticket.queue': { payload: { page?: number }; result: TicketPage }
  /** handler / unit head: items dispatched to my unit, not yet answered */
  'ticket.inbox': { payload: { page?: number }; result: TicketPage }
}
export type ActionName = keyof ActionMap
/** What the app receives for an action. */
export type ActionResult<A extends ActionName> = Wire<ActionMap[A]['result']>
