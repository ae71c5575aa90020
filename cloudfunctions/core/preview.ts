/**
 * The preview of an event before it is confirmed (issue 11): how the track, the units, each running due and the
 * reasons will change, and what the enterprise will be told. It runs the event through `transition` itself —
 * the very code `ticket.act` runs — and reads the difference, so the preview cannot drift from the result: there
 * is no second formula for a due or a grade here.
 *
 * A form is previewed while it is being filled: a required text not typed yet (a reason, a note) is stood in for
 * by PREVIEW_PLACEHOLDER so the rest can be shown; texts change no due and no grade, only the words of a
 * person's 升级 reason, where the placeholder then shows.
 */
import type { Level, Ticket, TicketEventType, TicketState, Track } from '../../types/domain'
import type { RulesDocument } from '../../types/rules'
import { workingDaysOverdue, type WorkingCalendar } from './clock'
import { LIVE_DUES_BY_STATE, type DueField } from './effects'
import { EVENT_TEXT_FIELDS, ticketEventSchema, type Actor, type TicketEventInput } from './events'
import { DUE_FIELD_OF_KIND } from './lateness'
import { transition, type TransitionFacts, type TransitionResult } from './lifecycle'
import { gradeReasonsOf } from './rules'

/** What a preview shows where a required text has not been typed yet. */
export const PREVIEW_PLACEHOLDER = '（待填写）'

/** One due before and after the event. */
export interface DueChange {
  due: DueField
  before: Date | null
  after: Date | null
  /** the due had passed and the event moves or clears it: working days it was missed by (the record stays) */
  missedWorkingDays: number | null
}

export interface TransitionPreview {
  state: { before: TicketState; after: TicketState }
  track: { before: Track; after: Track }
  level: { before: Level; after: Level }
  /** unit codes, lead first: the shell names them */
  units: { before: string[]; after: string[] }
  /** every due that runs before or after the event, in DUE_ORDER */
  dues: DueChange[]
  /** why the grade is what it is, as the ticket's readers read it (gradeReasonsOf) */
  reasons: { before: string[]; after: string[] }
  /** what the enterprise will be told (its reply due moves), or null when it is told nothing of a due */
  enterpriseNotice: string | null
}

export type PreviewResult =
  { ok: true; preview: TransitionPreview; ticket: Ticket } | Exclude<TransitionResult, { ok: true }>

/** An event as a form has it so far: its required texts may still be blank. */
export type PreviewEventInput = TicketEventInput | ({ type: TicketEventType } & Record<string, unknown>)

/** The event as the form has it so far, with PREVIEW_PLACEHOLDER for a required text (or a reason) left blank. */
export function withPlaceholderTexts(eventInput: PreviewEventInput): TicketEventInput {
  const input = eventInput as Record<string, unknown>
  const option = ticketEventSchema.options.find((candidate) => candidate.shape.type.value === input.type)
  if (option === undefined) return eventInput as TicketEventInput
  const shape = option.shape as Record<string, { safeParse: (value: unknown) => { success: boolean } }>
  const filled: Record<string, unknown> = { ...input }
  for (const field of EVENT_TEXT_FIELDS) {
    if (!(field in shape)) continue
    const blank = typeof input[field] !== 'string' || (input[field] as string).trim() === ''
    // a reason may be optional and still be required by a guard (a dispatch that overrides the grade)
    const required = field === 'reason' || !shape[field].safeParse(undefined).success
    if (blank && required) filled[field] = PREVIEW_PLACEHOLDER
  }
  return filled as TicketEventInput
}

/** The dues a preview lists, in the order a reader meets them. */
const DUE_ORDER: readonly DueField[] = ['acceptDueAt', 'signDueAt', 'meetingDueAt', 'replyDueAt', 'ratingDueAt']

/** The difference between a ticket and what an event made of it, at `now`. */
export function previewOf(
  before: Ticket,
  after: Ticket,
  rules: RulesDocument,
  calendar: WorkingCalendar,
  now: Date,
  notice: string | null,
) {
  const running = new Set([...LIVE_DUES_BY_STATE[before.state], ...LIVE_DUES_BY_STATE[after.state]])
  const newlyMissed = (after.missedDues ?? []).slice((before.missedDues ?? []).length)
  const dues = DUE_ORDER.filter((due) => running.has(due) && (before[due] !== null || after[due] !== null)).map(
    (due): DueChange => {
      const missed = newlyMissed.find((m) => DUE_FIELD_OF_KIND[m.kind] === due)
      return {
        due,
        before: before[due],
        after: after[due],
        missedWorkingDays: missed === undefined ? null : workingDaysOverdue(calendar, missed.dueAt, now).days,
      }
    },
  )
  const preview: TransitionPreview = {
    state: { before: before.state, after: after.state },
    track: { before: before.track, after: after.track },
    level: { before: before.level, after: after.level },
    units: { before: [...before.units], after: [...after.units] },
    dues,
    reasons: { before: gradeReasonsOf(before, rules), after: gradeReasonsOf(after, rules) },
    enterpriseNotice: notice,
  }
  return preview
}

/**
 * What `eventInput` would do to `ticket` if `actor` fired it at `now`: refused for the same reasons
 * `transition` refuses it (a blank required text aside), else the preview and the ticket it would leave.
 * Pure and read-only, like `transition`.
 */
export function previewTransition(
  ticket: Ticket,
  eventInput: PreviewEventInput,
  actor: Actor,
  rules: RulesDocument,
  calendar: WorkingCalendar,
  now: Date,
  facts?: TransitionFacts,
): PreviewResult {
  const result = transition(ticket, withPlaceholderTexts(eventInput), actor, rules, calendar, now, facts)
  if (!result.ok) return result
  const notice = result.effects.find((effect) => effect.kind === 'notify' && effect.template === 'replyDueMoved')
  const text = notice?.kind === 'notify' ? (notice.message?.text ?? null) : null
  return { ok: true, preview: previewOf(ticket, result.ticket, rules, calendar, now, text), ticket: result.ticket }
}
