/**
 * Plays a ticket's scripted history through the real core: `openTicket` for the submission and the
 * lifecycle's `transition` for every later event, so each demo ticket (its grade, route, dues, timeline
 * and version) is exactly what the system would have written. The script only says what happened, when
 * and (where it matters) who; this module also plays the timer, which sends a 督办 the morning after a
 * sign or reply due time passed.
 */
import type { Channel, Category, Ticket, TicketFlag, Urgency } from '../../types/domain'
import type { RulesDocument } from '../../types/rules'
import { workingDaysOverdue, BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { SYSTEM_ACTOR, type Actor, type TicketEventInput } from '../../cloudfunctions/core/events'
import { openTicket } from '../../cloudfunctions/core/intake'
import { transition } from '../../cloudfunctions/core/lifecycle'
import { atShanghai, addCalendarDays, shanghaiDateOf, shiftWorkingDays } from './history-time'
import type { Random } from './random'

export type ClockTime = readonly [hour: number, minute: number]

/** When a step happens, relative to what came before. Without `at`, an office hour is drawn. */
export type Wait =
  | { minutes: readonly [number, number] }
  /** on the Nth working day after the previous event's day (0: that day if it is one, else the next) */
  | { workingDays: number; at?: ClockTime }
  /** on a given day, moved to the next working day unless `anyDay` (the app and hotline never close) */
  | { day: string; at: ClockTime; anyDay?: boolean }
  /** N working days (or calendar days) from the day a due time falls on; negative = before it */
  | { fromDue: 'replyDueAt' | 'ratingDueAt'; workingDays?: number; days?: number; at?: ClockTime }

export interface Step {
  wait: Wait
  event: TicketEventInput
  /** instruct, and resolveOnSite at a reception day: the leader's slug */
  leader?: string
}

export interface TicketPlan {
  /** stable name within the build: the ticket id and request id derive from it */
  key: string
  enterpriseSlug: string
  channel: Channel
  category: Category
  title: string
  description: string
  urgency: Urgency
  flags: TicketFlag[]
  submittedAt: Date
  steps: Step[]
}

/** Who plays each part, as the core's Actor; built from the directory. */
export interface Cast {
  contactOf(enterpriseSlug: string): Actor
  commissionerOf(enterpriseSlug: string): Actor | undefined
  dispatcher: Actor
  hotline: Actor
  handlerOf(unitCode: string): Actor
  headOf(unitCode: string): Actor
  leader(slug: string): Actor
  enterprise(slug: string): { _id: string; name: string; isKey: boolean; district: string }
}

export interface PlayResult {
  ticket: Ticket
  /** why the script does not fit the history window or the lifecycle; empty when it does */
  problems: string[]
}

export const ticketIdOf = (key: string) => `demo-ticket-${key}`
export const requestIdOf = (key: string) => `demo-request-${key}`
/** Numbers are given once every ticket's submission time is known (the day's sequence needs them all). */
export const UNNUMBERED = 'HQ00000000-0000'

const OFFICE_DAY_MINUTES = [8 * 60 + 30, 17 * 60 + 50] as const
/** the timer's morning run, when it sends the 督办 of dues that passed the day before */
const SUPERVISE_HOUR: ClockTime = [9, 0]
const SUPERVISE_NOTES = {
  signDueAt: '超过签收时限仍未签收，请立即签收办理',
  replyDueAt: '超过答复时限仍未答复，请抓紧办理并反馈',
} as const

function officeTime(random: Random): ClockTime {
  const minutes = random.int(OFFICE_DAY_MINUTES[0], OFFICE_DAY_MINUTES[1])
  return [Math.floor(minutes / 60), minutes % 60]
}

function actorFor(step: Step, ticket: Ticket, plan: TicketPlan, cast: Cast): Actor {
  const leadUnit = ticket.units[0]
  switch (step.event.type) {
    case 'accept':
    case 'dispatch':
    case 'reject':
    case 'reassign':
      return cast.dispatcher
    case 'sign':
    case 'reply':
    case 'sendBack':
    case 'requestExtension':
    case 'askSupplement':
      return cast.handlerOf(leadUnit)
    case 'approveExtension':
    case 'denyExtension':
      return cast.headOf(leadUnit)
    case 'rate':
    case 'reopen':
    case 'withdraw':
    case 'supplement':
      return cast.contactOf(plan.enterpriseSlug)
    case 'instruct':
    case 'escalate':
      return cast.leader(step.leader ?? '')
    case 'resolveOnSite':
      if (plan.channel === 'reception') return cast.leader(step.leader ?? '')
      return cast.commissionerOf(plan.enterpriseSlug) ?? cast.dispatcher
    case 'scheduleReception':
    case 'recordDecision':
    case 'answerFromCommitments':
      return cast.dispatcher
    case 'supervise':
    case 'escalateOverdue':
    case 'expireRating':
      return SYSTEM_ACTOR
    case 'takeUpward':
      return cast.commissionerOf(plan.enterpriseSlug) ?? cast.dispatcher
    case 'note':
    case 'requestMeeting':
      return cast.dispatcher
  }
}

function submitterOf(plan: TicketPlan, cast: Cast): Actor {
  switch (plan.channel) {
    case 'app':
      return cast.contactOf(plan.enterpriseSlug)
    case 'hotline':
      return cast.hotline
    case 'reception':
      return cast.dispatcher
    case 'visit':
    case 'proxy': {
      const commissioner = cast.commissionerOf(plan.enterpriseSlug)
      if (!commissioner) throw new Error(`${plan.key}: 该企业没有特派员，不能经${plan.channel}提交`)
      return commissioner
    }
  }
}

export function playTicketScript(
  plan: TicketPlan,
  cast: Cast,
  rules: RulesDocument,
  now: Date,
  random: Random,
): PlayResult {
  const problems: string[] = []
  const submitter = submitterOf(plan, cast)
  let ticket = openTicket(
    {
      ticketId: ticketIdOf(plan.key),
      no: UNNUMBERED,
      enterprise: cast.enterprise(plan.enterpriseSlug),
      channel: plan.channel,
      category: plan.category,
      title: plan.title,
      description: plan.description,
      urgency: plan.urgency,
      flags: plan.flags,
      submitter: {
        openid: submitter.id,
        name: submitter.name,
        role: submitter.role as Exclude<Actor['role'], 'system'>,
      },
      requestId: requestIdOf(plan.key),
    },
    rules,
    BUILT_IN_CALENDAR,
    plan.submittedAt,
  )
  let previous = plan.submittedAt

  const fire = (event: TicketEventInput, actor: Actor, at: Date) => {
    if (at.getTime() > now.getTime()) problems.push(`${event.type} 晚于历史终点`)
    const result = transition(ticket, event, actor, rules, BUILT_IN_CALENDAR, at)
    if (!result.ok) {
      problems.push(`${event.type}: ${result.message}`)
      return
    }
    ticket = result.ticket
    previous = at
  }

  /** What the timer would have done by `until`: one 督办 per missed sign or reply due. */
  const superviseUntil = (until: Date) => {
    const watched: Array<'signDueAt' | 'replyDueAt'> =
      ticket.state === 'dispatched' ? ['signDueAt', 'replyDueAt'] : ticket.state === 'signed' ? ['replyDueAt'] : []
    for (const field of watched) {
      const due = ticket[field]
      if (!due) continue
      const at = atShanghai(shiftWorkingDays(shanghaiDateOf(due), 1), ...SUPERVISE_HOUR)
      const alreadySent = ticket.timeline.some(
        (entry) => entry.event === 'supervise' && entry.at.getTime() === at.getTime(),
      )
      if (alreadySent || at.getTime() >= until.getTime() || at.getTime() <= previous.getTime()) continue
      fire({ type: 'supervise', note: SUPERVISE_NOTES[field] }, SYSTEM_ACTOR, at)
    }
    // The history never lets a reply run so late that the rules would escalate it (escalate.overdue).
    if ((ticket.state === 'dispatched' || ticket.state === 'signed') && ticket.replyDueAt) {
      if (workingDaysOverdue(BUILT_IN_CALENDAR, ticket.replyDueAt, until).days >= rules.limits['escalate.overdue']) {
        problems.push('答复逾期已达升级时限')
      }
    }
  }

  const timeOf = (wait: Wait): Date => {
    let at: Date
    if ('minutes' in wait) {
      at = new Date(previous.getTime() + random.int(wait.minutes[0], wait.minutes[1]) * 60_000)
    } else if ('fromDue' in wait) {
      const due = ticket[wait.fromDue]
      if (!due) throw new Error(`${plan.key}: 没有${wait.fromDue}可参照`)
      const dueDay = shanghaiDateOf(due)
      const day =
        wait.days !== undefined ? addCalendarDays(dueDay, wait.days) : shiftWorkingDays(dueDay, wait.workingDays ?? 0)
      at = atShanghai(day, ...(wait.at ?? officeTime(random)))
    } else if ('day' in wait) {
      at = atShanghai(wait.anyDay ? wait.day : shiftWorkingDays(wait.day, 0), ...wait.at)
    } else {
      at = atShanghai(shiftWorkingDays(shanghaiDateOf(previous), wait.workingDays), ...(wait.at ?? officeTime(random)))
    }
    // a wait that lands at or before the previous event means "soon after it"
    if (at.getTime() <= previous.getTime()) at = new Date(previous.getTime() + random.int(10, 60) * 60_000)
    return at
  }

  for (const step of plan.steps) {
    const at = timeOf(step.wait)
    superviseUntil(at)
    fire(step.event, actorFor(step, ticket, plan, cast), at)
    if (problems.length > 0) break
  }
  if (problems.length === 0) superviseUntil(now)

  if (ticket.state === 'replied' && ticket.ratingDueAt && ticket.ratingDueAt.getTime() <= now.getTime()) {
    problems.push('评价期限已过却未办结')
  }
  if (ticket.state === 'submitted' && ticket.acceptDueAt && ticket.acceptDueAt.getTime() <= now.getTime()) {
    problems.push('受理期限已过却未受理')
  }
  return { ticket, problems }
}
