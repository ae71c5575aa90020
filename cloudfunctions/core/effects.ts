/**
 * Effects are data (STYLE.md §2): the pure core returns them, the cloud function carries them out. A test can
 * assert what would be written or sent without sending anything.
 */
import type { Ticket, TicketState, TimelineEntry } from '../../types/domain'
import type { AudienceRole, NotificationTemplate } from './routing'

/** Every due time a ticket carries. */
export const DUE_FIELDS = [
  'acceptDueAt',
  'signDueAt',
  'sendBackDueAt',
  'replyDueAt',
  'meetingDueAt',
  'ratingDueAt',
] as const
export type DueField = (typeof DUE_FIELDS)[number] & keyof Ticket

/**
 * The dues someone is waiting on in each state: what the reminders module reminds of (one working day
 * before) and supervises when overdue. The send-back window is a right of the handler, not a duty.
 */
export const LIVE_DUES_BY_STATE: { readonly [S in TicketState]: readonly DueField[] } = {
  submitted: ['acceptDueAt'],
  accepted: [],
  dispatched: ['signDueAt', 'replyDueAt', 'meetingDueAt'],
  signed: ['replyDueAt', 'meetingDueAt'],
  replied: ['ratingDueAt'],
  closed: [],
  rejected: [],
  withdrawn: [],
}

/**
 * An event's own words for one message, where the template's usual sources (the event's label and note) would
 * not say it: e.g. the enterprise's 答复时限调整 (core/due-moves.ts). Plain Chinese, no code.
 */
export interface EventMessage {
  /** 办理进展 (≤ 20 characters), e.g. 答复时限由12月10日调整为12月24日 */
  progress: string
  /** 说明 (≤ 20 characters), e.g. 诉求升级为专题协调会办理 */
  detail: string
  /** the whole sentence, shown in the in-app message center */
  text: string
}

export type Effect =
  /** append this entry to the ticket's timeline (it is already in the returned ticket; the shell may log it) */
  | { kind: 'timeline'; ticketId: string; entry: TimelineEntry }
  /** send `template` to `audience` (resolve it with routing.resolveAudience against the new ticket) */
  | {
      kind: 'notify'
      ticketId: string
      template: NotificationTemplate
      audience: readonly AudienceRole[]
      /** the message's own words (absent: the template renders the event's label and note) */
      message?: EventMessage
    }
  /**
   * a due time was set, moved or cleared (at = null); remindAt is when its reminder is due
   * (rules' remind.before working days earlier), null when there is nothing to remind of
   */
  | { kind: 'deadline'; ticketId: string; due: DueField; at: Date | null; remindAt: Date | null }
