/**
 * What each lifecycle event asks of the person firing it, as data: the detail page draws one small form per
 * offered event from a table like this. The function validates the same fields again (core/events.ts).
 *
 * Only the enterprise's events live here, in the main package. Every staff event's form is in
 * src/staff/eventForms.ts, which only subpackages load (the staff ticket page, the workbench): a staff feature
 * never grows the main package (≤ 400 KiB, scripts/check-size.ts).
 */
import type { TicketEventType } from '../../types/domain'

export type EventField =
  | { kind: 'text'; key: string; label: string; required: boolean; placeholder?: string }
  | { kind: 'outcome'; key: 'outcome'; label: string }
  | { kind: 'rating'; key: 'rating'; label: string }
  | { kind: 'units'; key: 'units'; label: string }
  | { kind: 'flags'; key: 'flags'; label: string }
  | { kind: 'days'; key: 'days'; label: string }
  | { kind: 'date'; key: 'receptionDayAt'; label: string }
  | { kind: 'photos'; key: 'attachments'; label: string }
  /** another ticket, found by search (only where the page offers a picker: the office's workbench) */
  | { kind: 'ticketRef'; key: 'mergedInto'; label: string }
  | { kind: 'level'; key: 'level'; label: string }

/** A form per event the page can offer; an event without an entry is never offered there. */
export type EventForms = { readonly [E in TicketEventType]?: readonly EventField[] }

export const text = (key: string, label: string, required = true, placeholder?: string): EventField => ({
  kind: 'text',
  key,
  label,
  required,
  ...(placeholder ? { placeholder } : {}),
})

export const photos: EventField = { kind: 'photos', key: 'attachments', label: '照片（选填）' }

/** Events the timer fires on its own are never offered as buttons. */
export const SYSTEM_EVENTS: readonly TicketEventType[] = [
  'escalateOverdue',
  'expireRating',
  // recorded from the session / meeting page (packages/meetings), with its commitments
  'recordDecision',
]

/** The events an enterprise fires on its own ticket (core/lifecycle.ts: roles ['enterprise']). */
export const ENTERPRISE_FORMS = {
  supplement: [text('text', '补充说明'), photos],
  rate: [{ kind: 'rating', key: 'rating', label: '您对办理结果的评价' }, text('comment', '评价意见', false)],
  reopen: [text('reason', '重办理由')],
  withdraw: [text('reason', '撤回理由', false)],
} as const satisfies EventForms

/**
 * Whether the caller may fire an event the enterprise's page has no form for: then the ticket is opened on the
 * staff ticket page (packages/desk), which has every form.
 */
export function needsStaffForms(offeredEvents: readonly TicketEventType[]): boolean {
  return offeredEvents.some((e) => !SYSTEM_EVENTS.includes(e) && !(e in ENTERPRISE_FORMS))
}
