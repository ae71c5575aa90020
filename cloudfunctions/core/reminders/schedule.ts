/**
 * What the timer function does on each run (DESIGN.md §4 "Reminders"), decided as data from `now`, the rules'
 * limits and the open tickets whose dues are near or past. The shell fires the events through the lifecycle
 * (as SYSTEM_ACTOR) and turns the notifications, and the notify effects of those events, into outbox records.
 *
 * Precisely, on a run at `now` — and only on a working day within the send window (08:30–21:00 by default,
 * config/notifications/templates.json `scheduler`), so nobody is messaged at night or on a holiday:
 *
 * - **Due soon** (即将超期): a live due (effects.LIVE_DUES_BY_STATE) whose reminder time has come
 *   (clock.reminderTimeFor: 00:00 of the `remind.before`-th working day before the due's day) and which is not
 *   yet past → its `…DueSoon` notification to routing's audience, keyed by the due's time: once per deadline.
 *   Skipped when the due was set after its own reminder time (a 1-day sign limit: the 新工单待签收 message
 *   that set it is the reminder), and for a due whose clock is stopped for a supplement.
 * - **Overdue** (已超期督办): a live sign, reply or meeting due that is past → ONE `supervise` event per ticket
 *   and run, covering every such due not yet supervised. A due counts as supervised once the timeline holds a
 *   `supervise` by the system after the due's time, so it is supervised once per deadline (a new deadline
 *   after an extension, a reassignment or a pause gets its own). Its notify effect (`ticketSupervised`) goes to
 *   the handling units, the unit head and the enterprise's lead service unit.
 * - **Escalation** (升级): a reply overdue by ≥ `escalate.overdue` working days on a track that has a higher
 *   one, once its 督办 is done → `escalateOverdue` (the lifecycle's guard, i.e. the rules, has the last word;
 *   the shell drops an INVALID_TRANSITION of a timer event); its notify effect (`ticketEscalated`) reaches the
 *   arrangement's leader. A reception ticket has nothing higher and is only supervised.
 * - **Rating expired**: a replied ticket past its rating due → `expireRating` (closed as 未评价).
 *
 * Only dues within dueWindow are looked at: up to the end of the `remind.before`-th working day ahead, and back
 * to `catchUpWorkingDays` (10) working days ago, enough to catch up after an outage; older overdue dues were
 * settled long ago or cannot be (a reception ticket has nothing higher), and are left to the office's lists.
 *
 * At most one event per ticket per run, each carrying the version it was planned on: two overlapping runs
 * plan the same event, the second write gets CONFLICT and is dropped (the next run re-plans from the fresh
 * ticket). Notifications are made idempotent by their outbox dedupe keys.
 */
import type { Ticket, TicketReply, TicketState, TimelineEntry } from '../../../types/domain'
import type { Limits } from '../../../types/rules'
import {
  addWorkingDays,
  endOfShanghaiDay,
  isWorkingDay,
  reminderTimeFor,
  shanghaiDateOf,
  startOfShanghaiDay,
  workingDaysOverdue,
  type WorkingCalendar,
} from '../clock'
import { DUE_FIELDS, LIVE_DUES_BY_STATE, type DueField } from '../effects'
import type { TicketEventInput } from '../events'
import { ROUTING_TABLE, type NotificationTemplate } from '../routing'
import { nextTrackUp } from '../rules'
import { formatShanghaiMinute } from './format'
import type { PlannedNotification } from './outbox'
import { defaultTemplateRegistry, type TemplateRegistry } from './templates'

export type SchedulerSettings = TemplateRegistry['scheduler']

/** What the planner reads of a ticket. */
export type ScheduledTicket = Pick<
  Ticket,
  '_id' | 'state' | 'track' | 'version' | 'createdAt' | 'dispatchedAt' | 'pausedAt' | DueField
> & {
  reply: Pick<TicketReply, 'at'> | null
  timeline: readonly Pick<TimelineEntry, 'event' | 'role' | 'at'>[]
}

/**
 * The fields the timer's queries project: what the planner reads, what routing needs to address the
 * notifications (routing.RoutingTicket) and what their messages show (format.MessageTicket).
 */
export const SCHEDULER_TICKET_FIELDS = [
  '_id',
  'no',
  'title',
  'enterpriseId',
  'enterpriseName',
  'enterpriseIsKey',
  'state',
  'track',
  'version',
  'units',
  'taskForce',
  'createdAt',
  'dispatchedAt',
  'pausedAt',
  'supplements',
  'reply',
  'outcome',
  'rating',
  'closedAt',
  'timeline',
  ...DUE_FIELDS,
] as const satisfies readonly (keyof Ticket)[]

type OverdueAction = 'supervise' | 'expireRating' | 'none'

interface DuePolicy {
  /** what is owed, as the 督办 note names it */
  duty: string
  /** the reminder before the due, if any */
  dueSoon: NotificationTemplate | null
  whenOverdue: OverdueAction
  /** overdue by ≥ escalate.overdue working days raises the track (the rules grade it from the reply's lateness) */
  escalates: boolean
  /** the clock stands still while the ticket waits for the enterprise's supplement (lifecycle: accept and reply dues move on resume) */
  stopsWhilePaused: boolean
  /** when the one who owes it was told of it; a reminder time before this is redundant */
  setAt: (ticket: ScheduledTicket) => Date | null
}

/** Every due and what the timer does about it. */
export const DUE_POLICIES: { readonly [F in DueField]: DuePolicy } = {
  // 市重点办's own due: there is no 督办 of the office by itself (supervise is not an event of `submitted`)
  acceptDueAt: {
    duty: '受理',
    dueSoon: 'acceptDueSoon',
    whenOverdue: 'none',
    escalates: false,
    stopsWhilePaused: true,
    setAt: (t) => t.createdAt,
  },
  signDueAt: {
    duty: '签收',
    dueSoon: 'signDueSoon',
    whenOverdue: 'supervise',
    escalates: false,
    stopsWhilePaused: false,
    setAt: (t) => t.dispatchedAt,
  },
  // a right of the handler, not a duty: never live
  sendBackDueAt: {
    duty: '退回',
    dueSoon: null,
    whenOverdue: 'none',
    escalates: false,
    stopsWhilePaused: false,
    setAt: (t) => t.dispatchedAt,
  },
  replyDueAt: {
    duty: '答复',
    dueSoon: 'replyDueSoon',
    whenOverdue: 'supervise',
    escalates: true,
    stopsWhilePaused: true,
    setAt: (t) => t.dispatchedAt,
  },
  meetingDueAt: {
    duty: '专题协调会',
    dueSoon: 'meetingDueSoon',
    whenOverdue: 'supervise',
    escalates: false,
    stopsWhilePaused: false,
    setAt: (t) => t.dispatchedAt,
  },
  ratingDueAt: {
    duty: '评价',
    dueSoon: 'ratingDueSoon',
    whenOverdue: 'expireRating',
    escalates: false,
    stopsWhilePaused: false,
    setAt: (t) => t.reply?.at ?? null,
  },
}

/** An event the timer fires as SYSTEM_ACTOR. */
export interface TimerEvent {
  ticketId: string
  /** the version the plan read; the shell writes with where({ _id, version }) so an overlapping run gets CONFLICT */
  expectedVersion: number
  event: Extract<TicketEventInput, { type: 'supervise' | 'escalateOverdue' | 'expireRating' }>
  /** the dues that caused it */
  dueFields: DueField[]
}

export interface ReminderPlan {
  events: TimerEvent[]
  /** due-soon reminders; the events' own notifications come from their effects (outbox.notificationsFromEffects) */
  notifications: PlannedNotification[]
}

const MS_PER_MINUTE = 60_000

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
}

/** Whether the timer acts at `now`: a working day in Shanghai, within the send window [from, to). */
export function isTimerActive(
  calendar: WorkingCalendar,
  now: Date,
  settings: SchedulerSettings = defaultTemplateRegistry().scheduler,
): boolean {
  const today = shanghaiDateOf(now)
  if (!isWorkingDay(calendar, today)) return false
  // Shanghai has no daylight saving: minutes since its midnight are plain arithmetic
  const minute = Math.floor((now.getTime() - startOfShanghaiDay(today).getTime()) / MS_PER_MINUTE)
  return minute >= minutesOf(settings.sendWindow.from) && minute < minutesOf(settings.sendWindow.to)
}

/**
 * The dues the timer looks at on a run at `now`: from the start of the `catchUpWorkingDays`-th working day
 * before today (overdue dues still waiting for their 督办, escalation or expiry; never less than the
 * escalation limit) to the end of the `remind.before`-th working day after today (every due whose reminder
 * time has come: reminderTimeFor(due) ≤ now ⇔ due ≤ that end).
 */
export function dueWindow(
  limits: Limits,
  calendar: WorkingCalendar,
  now: Date,
  settings: SchedulerSettings = defaultTemplateRegistry().scheduler,
): { from: Date; to: Date } {
  const lookBack = Math.max(settings.catchUpWorkingDays, limits['escalate.overdue'])
  const from = reminderTimeFor(calendar, now, lookBack).at
  const to =
    limits['remind.before'] === 0
      ? endOfShanghaiDay(shanghaiDateOf(now))
      : addWorkingDays(calendar, now, limits['remind.before']).at
  return { from, to }
}

/** A system 督办 after the due's time covers that due (lifecycle appends one timeline entry per event). */
function isSupervisedSince(ticket: ScheduledTicket, dueAt: Date): boolean {
  return ticket.timeline.some(
    (entry) => entry.event === 'supervise' && entry.role === 'system' && entry.at.getTime() > dueAt.getTime(),
  )
}

interface OverdueDue {
  field: DueField
  at: Date
  workingDays: number
}

function superviseNote(overdue: readonly OverdueDue[]): string {
  const lines = overdue.map(
    (due) => `${DUE_POLICIES[due.field].duty}已逾期${due.workingDays}个工作日（期限${formatShanghaiMinute(due.at)}）`,
  )
  return `${lines.join('；')}，请尽快办理`
}

function planTicket(
  ticket: ScheduledTicket,
  limits: Limits,
  calendar: WorkingCalendar,
  now: Date,
  window: { from: Date; to: Date },
  plan: ReminderPlan,
): void {
  const paused = ticket.pausedAt !== null
  const toSupervise: OverdueDue[] = []
  let escalate: DueField | null = null
  let expire: DueField | null = null

  for (const field of LIVE_DUES_BY_STATE[ticket.state]) {
    const at = ticket[field]
    if (at === null || at.getTime() < window.from.getTime() || at.getTime() > window.to.getTime()) continue
    const policy = DUE_POLICIES[field]
    if (paused && policy.stopsWhilePaused) continue

    if (now.getTime() <= at.getTime()) {
      const remindAt = reminderTimeFor(calendar, at, limits['remind.before']).at
      const setAt = policy.setAt(ticket)
      const redundant = setAt !== null && remindAt.getTime() <= setAt.getTime()
      if (policy.dueSoon !== null && now.getTime() >= remindAt.getTime() && !redundant) {
        plan.notifications.push({
          template: policy.dueSoon,
          ticketId: ticket._id,
          audience: ROUTING_TABLE[policy.dueSoon],
          dueField: field,
          dueAt: at,
          occurrence: null,
          entry: null,
        })
      }
      continue
    }

    const workingDays = workingDaysOverdue(calendar, at, now).days
    if (policy.escalates && nextTrackUp(ticket.track) !== null && workingDays >= limits['escalate.overdue'])
      escalate = field
    if (policy.whenOverdue === 'supervise' && !isSupervisedSince(ticket, at))
      toSupervise.push({ field, at, workingDays })
    if (policy.whenOverdue === 'expireRating') expire = field
  }

  const base = { ticketId: ticket._id, expectedVersion: ticket.version }
  // One event per ticket per run: each write bumps the version, a second one would conflict with the first.
  // The 督办 goes first (after an outage, the escalation follows at the next run): the rules may refuse the
  // escalation, and a refused escalation must not starve the 督办.
  if (expire !== null) plan.events.push({ ...base, event: { type: 'expireRating' }, dueFields: [expire] })
  else if (toSupervise.length > 0) {
    plan.events.push({
      ...base,
      event: { type: 'supervise', note: superviseNote(toSupervise) },
      dueFields: toSupervise.map((due) => due.field),
    })
  } else if (escalate !== null) plan.events.push({ ...base, event: { type: 'escalateOverdue' }, dueFields: [escalate] })
}

/** What the timer must do at `now` about these tickets (see the module comment for the exact rules). */
export function planReminders(
  tickets: readonly ScheduledTicket[],
  limits: Limits,
  calendar: WorkingCalendar,
  now: Date,
  settings: SchedulerSettings = defaultTemplateRegistry().scheduler,
): ReminderPlan {
  const plan: ReminderPlan = { events: [], notifications: [] }
  if (!isTimerActive(calendar, now, settings)) return plan
  const window = dueWindow(limits, calendar, now, settings)
  for (const ticket of tickets) planTicket(ticket, limits, calendar, now, window, plan)
  return plan
}

// ——— the timer's queries ———

/** ≤ 1000 documents per get() in cloud functions (DESIGN.md §6). */
export const QUERY_PAGE_SIZE = 1000

/** Each due field the timer acts on and the states in which it is live (LIVE_DUES_BY_STATE, inverted). */
export const REMINDER_QUERY_FIELDS: readonly { field: DueField; states: readonly TicketState[] }[] = DUE_FIELDS.flatMap(
  (field) => {
    const states = (Object.keys(LIVE_DUES_BY_STATE) as TicketState[]).filter((state) =>
      LIVE_DUES_BY_STATE[state].includes(field),
    )
    return states.length === 0 ? [] : [{ field, states }]
  },
)

/** One index per (state, due field) query (add to cloudfunctions/db-manifest.json, collection tickets). */
export const REMINDER_INDEXES = REMINDER_QUERY_FIELDS.map(({ field }) => ({
  name: `by_state_${field}`,
  keys: { state: 1, [field]: 1 } as Record<string, 1>,
}))

export interface DueRangeQuery {
  field: DueField
  states: readonly TicketState[]
  /** field ≥ from */
  from: Date
  /** field ≤ to */
  to: Date
  /** the index that serves it */
  index: string
}

/**
 * The range queries of a run, one per live due field:
 * `tickets.where({ state: _.in(states), [field]: _.gte(from).and(_.lte(to)) }).orderBy(field, 'asc')
 *  .skip(k * QUERY_PAGE_SIZE).limit(QUERY_PAGE_SIZE).field(SCHEDULER_TICKET_FIELDS)` page by page until a page
 * comes back short. Round trips grow with the tickets whose dues are in the window, not with the open tickets.
 * Merge the pages by _id (a ticket can match two fields) and pass them to planReminders. Run nothing when
 * isTimerActive(now) is false.
 */
export function reminderQueries(
  limits: Limits,
  calendar: WorkingCalendar,
  now: Date,
  settings: SchedulerSettings = defaultTemplateRegistry().scheduler,
): DueRangeQuery[] {
  const { from, to } = dueWindow(limits, calendar, now, settings)
  return REMINDER_QUERY_FIELDS.map(({ field, states }) => ({ field, states, from, to, index: `by_state_${field}` }))
}
