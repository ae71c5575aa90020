/**
 * A new ticket, graded by the rules engine: pure, so every way a 诉求 comes in (app submit, hotline entry by
 * the office, a commissioner's 代录 or visit) makes the same ticket from the same facts.
 */
import type { Category, Channel, Enterprise, Role, Ticket, TicketFlag, Urgency } from '../../types/domain'
import type { RulesDocument } from '../../types/rules'
import { shanghaiDateOf, type WorkingCalendar } from './clock'
import { decide } from './rules'

export interface Intake {
  ticketId: string
  no: string
  enterprise: Pick<Enterprise, '_id' | 'name' | 'isKey' | 'district'>
  channel: Channel
  category: Category
  title: string
  description: string
  urgency: Urgency
  flags: TicketFlag[]
  /** who entered it: the contact themselves, or staff on the enterprise's behalf */
  submitter: { openid: string; name: string; role: Role }
  requestId: string
}

/** What every new ticket starts with: not paused, no supplement, extension, merge, reopening, answer, rating or 批示. */
export function untouchedTicketFields(): Pick<
  Ticket,
  | 'pausedAt'
  | 'supplements'
  | 'extensionRequest'
  | 'extensionDaysGranted'
  | 'mergedInto'
  | 'reopenCount'
  | 'outcome'
  | 'reply'
  | 'rating'
  | 'instructions'
  | 'closedAt'
> {
  return {
    pausedAt: null,
    supplements: [],
    extensionRequest: null,
    extensionDaysGranted: 0,
    mergedInto: null,
    reopenCount: 0,
    outcome: null,
    reply: null,
    rating: null,
    instructions: [],
    closedAt: null,
  }
}

export function openTicket(intake: Intake, rules: RulesDocument, calendar: WorkingCalendar, now: Date): Ticket {
  const decision = decide(
    {
      id: intake.ticketId,
      enterprise: { name: intake.enterprise.name, isKey: intake.enterprise.isKey },
      category: intake.category,
      title: intake.title,
      description: intake.description,
      units: [],
      flags: intake.flags,
      urgency: intake.urgency,
      reopenCount: 0,
      submittedAt: now,
      channel: intake.channel,
    },
    rules,
    calendar,
    {},
    now,
  )
  return {
    _id: intake.ticketId,
    no: intake.no,
    enterpriseId: intake.enterprise._id,
    enterpriseName: intake.enterprise.name,
    enterpriseIsKey: intake.enterprise.isKey,
    enterpriseDistrict: intake.enterprise.district,
    submittedBy: intake.submitter.openid,
    channel: intake.channel,
    category: intake.category,
    title: intake.title,
    description: intake.description,
    urgency: intake.urgency,
    flags: intake.flags,
    state: 'submitted',
    track: decision.track,
    level: decision.level,
    units: [decision.leadUnit, ...decision.coUnits],
    taskForce: decision.taskForce,
    ruleIds: decision.ruleIds,
    calendarMissing: decision.calendarMissing,
    acceptDueAt: decision.acceptDueAt,
    // the handling limits start at dispatch (DESIGN.md §4); nothing runs against a unit before that
    signDueAt: null,
    replyDueAt: null,
    ratingDueAt: null,
    sendBackDueAt: null,
    meetingDueAt: null,
    receptionDayAt: null,
    dispatchedAt: null,
    ...untouchedTicketFields(),
    requestId: intake.requestId,
    version: 1,
    timeline: [
      {
        at: now,
        event: 'submit',
        actorId: intake.submitter.openid,
        actorName: intake.submitter.name,
        role: intake.submitter.role,
        from: null,
        to: 'submitted',
      },
    ],
    createdAt: now,
    updatedAt: now,
  }
}

/** 'YYYYMMDD' of the Beijing day: the day part of a ticket number. */
export function ticketNoDay(now: Date): string {
  return shanghaiDateOf(now).replace(/-/g, '')
}
