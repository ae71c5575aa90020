/** The enterprise journey's ticket actions: submit, list mine, read one; and the staff queues. */
import { createHash } from 'node:crypto'
import type { ActionContext, ActionDef } from '../router'
import type { Channel, Enterprise, Ticket } from '../../../types/domain'
import { openTicket, ticketNoDay } from '../../core/intake'
import { addWorkingDays, type WorkingCalendar } from '../../core/clock'
import { loadWorkingCalendar } from '../../shared/calendar'
import { decide, defaultRulesDocument, plainReasonsOf } from '../../core/rules'
import { submissionEffects } from '../../core/lifecycle'
import { pendingNotificationsOf, withPendingNotifications } from '../../shared/notifications'
import { namedTimeline, presentTicket, unitCodesOf } from './present'
import { actorOf, loadVisibleTicket, loadVisibleTicketWithSubject } from './workflow'
import {
  inboxSchema,
  listTicketsSchema,
  previewSchema,
  queueSchema,
  submitTicketSchema,
  ticketIdSchema,
} from '../../../types/schemas'
import { assertTextIsSafe } from '../../shared/contentSafety'
import { findEnterprise, findUnit, unitNamesOf } from '../../shared/enterprises'
import { canSeeTicket, inScope } from '../../shared/access'
import { attachmentPathOf, attachmentsOf } from '../../shared/attachments'
import { temporaryUrls } from '../../shared/cloud'
import { childFactsOf } from '../../shared/meetings'
import { AppError } from '../../shared/errors'
import {
  createNumberedTicket,
  findTicket,
  listEnterpriseTickets,
  listInbox,
  type InboxTicketRow,
} from '../../shared/tickets'
import type { InboxRow } from '../../../types/actions'
import type { QueueTab } from '../../../types/schemas'
import type { TicketFilters } from '../../../types/search'
import { searchTickets } from './search'

/** The ticket a (user, retry key) pair creates: the same pair always names the same document. */
export function ticketIdFor(openid: string, requestId: string): string {
  return 'T' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 23)
}

/** Who may bring in a 诉求, and through which channel it then counts. */
const INTAKE_CHANNELS = { enterprise: 'app', dispatcher: 'hotline', commissioner: 'proxy' } as const

function intakeChannel(role: keyof typeof INTAKE_CHANNELS, onVisit: boolean | undefined): Channel {
  return role === 'commissioner' && onVisit ? 'visit' : INTAKE_CHANNELS[role]
}

export const submit: ActionDef<'ticket.submit'> = {
  idempotent: true,
  payload: submitTicketSchema,
  async handle(ctx, input) {
    const { openid, grant, requestId, now } = ctx
    const rules = defaultRulesDocument()
    const calendar = await loadWorkingCalendar()
    const present = (ticket: Ticket) => presentTicket(ticket, actorOf(ctx), rules, calendar, now)
    const ticketId = ticketIdFor(openid, requestId)
    // A retried submit returns the first ticket, never a second one (DESIGN.md §3).
    const earlier = await findTicket(ticketId)
    if (earlier) return present(earlier)

    const enterpriseId = intakeEnterpriseId(grant, input.enterpriseId)
    const enterprise = await findEnterprise(enterpriseId)
    if (!enterprise || !enterprise.active) {
      throw new AppError(
        grant.role === 'enterprise' ? 'FORBIDDEN' : 'INVALID_INPUT',
        '企业不存在或已停用，请联系市重点办',
      )
    }
    const ticket = await openAndInsertTicket(
      ctx,
      enterprise,
      { ...input, channel: intakeChannel(grant.role as keyof typeof INTAKE_CHANNELS, input.onVisit) },
      ticketId,
      requestId,
      calendar,
    )
    return present(ticket)
  },
}

/**
 * Opens a ticket under a known id and inserts it with the notifications of its submission (transactional
 * outbox); the app then calls notifications.flush. The number is taken in the same transaction as the insert,
 * so a retry or a crash burns none (issue 8 §6). Retry-safe: a ticket already under that id is returned as it is.
 */
export async function openAndInsertTicket(
  { openid, user, grant, now }: Pick<ActionContext, 'openid' | 'user' | 'grant' | 'now'>,
  enterprise: Enterprise,
  input: Pick<Ticket, 'category' | 'title' | 'description' | 'urgency' | 'channel'>,
  ticketId: string,
  requestId: string,
  calendar: WorkingCalendar,
): Promise<Ticket> {
  const rules = defaultRulesDocument()
  await assertTextIsSafe(openid, `${input.title}\n${input.description}`)
  const draft = {
    ticketId,
    enterprise,
    channel: input.channel,
    category: input.category,
    title: input.title,
    description: input.description,
    urgency: input.urgency,
    flags: [],
    submitter: { openid, name: user.name, role: grant.role },
    requestId,
  }
  try {
    return await createNumberedTicket(ticketId, ticketNoDay(now), (no) => {
      const ticket = openTicket({ ...draft, no }, rules, calendar, now)
      return withPendingNotifications(
        ticket,
        pendingNotificationsOf(submissionEffects(ticket, rules, calendar), ticket),
        now,
      )
    })
  } catch (err) {
    // Many copies of the same retry raced past the caller's check and one ran out of transaction retries:
    // the winner's ticket stands.
    const winner = await findTicket(ticketId)
    if (winner) return winner
    throw err
  }
}

/** A contact speaks for their own enterprise only; the office names the enterprise it enters a call for. */
function intakeEnterpriseId(grant: ActionContext['grant'], named: string | undefined): string {
  if (grant.role === 'enterprise') {
    if (!grant.enterpriseId) throw new AppError('FORBIDDEN', '您的账号未绑定企业')
    if (named !== undefined && named !== grant.enterpriseId) throw new AppError('FORBIDDEN', '只能为本企业提交诉求')
    return grant.enterpriseId
  }
  if (!named) throw new AppError('INVALID_INPUT', '请选择企业', { enterpriseId: '请选择企业' })
  // a commissioner enters 诉求 only for the enterprises they serve (ACCESS_POLICY: linkedEnterprises)
  if (!inScope('ticket.submit', grant, { enterpriseId: named }))
    throw new AppError('FORBIDDEN', '只能为您服务的企业代录诉求')
  return named
}

export const listMine: ActionDef<'ticket.listMine'> = {
  payload: listTicketsSchema,
  async handle({ grant, now }, { cursor }) {
    if (!grant.enterpriseId) throw new AppError('FORBIDDEN', '「我的诉求」是企业联系人的页面')
    return listEnterpriseTickets(grant.enterpriseId, cursor, { now, calendar: await loadWorkingCalendar() })
  },
}

export const get: ActionDef<'ticket.get'> = {
  payload: ticketIdSchema,
  async handle(ctx, { ticketId }) {
    const calendar = await loadWorkingCalendar()
    const { ticket, subject } = await loadVisibleTicketWithSubject({ ...ctx, calendar }, ticketId)
    const unitNames = await unitNamesOf(unitCodesOf(ticket))
    const facts = await childFactsOf(ticket)
    const detail = presentTicket(ticket, actorOf(ctx, subject), defaultRulesDocument(), calendar, ctx.now, facts)
    // a reader who may not act on it (a leader on a ticket outside their linked enterprises) is offered nothing
    const subjectTicket = { ...ticket, ...subject, units: ticket.units }
    const offeredEvents = canSeeTicket(ctx.grant, subjectTicket, 'ticket.act', { now: ctx.now, calendar })
      ? detail.offeredEvents
      : []
    return { ...detail, offeredEvents, timeline: namedTimeline(detail.timeline, unitNames), unitNames }
  },
}

/**
 * 市重点办's queue, through the one ticket search: new and accepted items oldest first (their limits run
 * out first); 已超期 = open past any due — acceptance, signing, reply, meeting, rating — each row saying
 * which due and by how many working days (TicketRow.lateness).
 */
const QUEUE_FILTERS: { readonly [T in QueueTab]: TicketFilters } = {
  new: { states: ['submitted'] },
  accepted: { states: ['accepted'] },
  overdue: { overdue: 'any' },
}

export const queue: ActionDef<'ticket.queue'> = {
  payload: queueSchema,
  async handle({ now }, { tab = 'new', cursor }) {
    const page = await searchTickets(
      { filters: QUEUE_FILTERS[tab], sort: 'oldest', cursor },
      { kind: 'all' },
      {
        now,
        calendar: await loadWorkingCalendar(),
      },
    )
    return { ...page, hasMore: page.nextCursor !== null }
  },
}

export const inbox: ActionDef<'ticket.inbox'> = {
  payload: inboxSchema,
  async handle({ grant, now }, { tab = 'toSign', cursor }) {
    if (!grant.unitCode) throw new AppError('FORBIDDEN', '您的账号未关联承办单位')
    const unitCode = grant.unitCode
    const calendar = await loadWorkingCalendar()
    const dueSoonEnd = addWorkingDays(calendar, now, defaultRulesDocument().limits['remind.before']).at
    const { items, hasMore, nextCursor } = await listInbox(unitCode, tab, cursor, { now, calendar }, dueSoonEnd)
    return { items: items.map((row) => inboxRow(row, unitCode)), hasMore, nextCursor }
  },
}

/** A unit's row: its part in the ticket, not the other units' codes. */
function inboxRow({ units, extensionRequest, ...row }: InboxTicketRow, unitCode: string): InboxRow {
  const pending = extensionRequest?.status === 'pending' ? extensionRequest : null
  return {
    ...row,
    unitRole: units[0] === unitCode ? 'lead' : 'co',
    pendingExtension: pending && { days: pending.days, reason: pending.reason, requestedAt: pending.requestedAt },
  }
}

export const preview: ActionDef<'ticket.preview'> = {
  payload: previewSchema,
  async handle({ grant, now }, { category, urgency = 'normal' }) {
    const enterprise = grant.enterpriseId ? await findEnterprise(grant.enterpriseId) : null
    const rules = defaultRulesDocument()
    const decision = decide(
      {
        id: 'preview',
        enterprise: { name: enterprise?.name ?? '', isKey: enterprise?.isKey ?? false },
        category,
        title: '',
        description: '',
        units: [],
        flags: [],
        urgency,
        reopenCount: 0,
        submittedAt: now,
      },
      rules,
      await loadWorkingCalendar(),
      {},
      now,
    )
    const unit = await findUnit(decision.leadUnit)
    return {
      track: decision.track,
      leadUnit: { code: decision.leadUnit, name: unit?.name ?? decision.leadUnit, level: unit?.level ?? 'city' },
      taskForce: decision.taskForce,
      replyDueAt: decision.replyDueAt,
      acceptDueAt: decision.acceptDueAt,
      calendarMissing: decision.calendarMissing,
      // plain reasons: the person filling the form reads why, not the rule ids
      reasons: plainReasonsOf(decision.ruleIds, rules),
    }
  },
}

export const files: ActionDef<'ticket.files'> = {
  payload: ticketIdSchema,
  async handle(ctx, { ticketId }) {
    // a leader opens the files of a ticket that reaches leaders (overdue counted on the calendar)
    const ticket = await loadVisibleTicket({ ...ctx, calendar: await loadWorkingCalendar() }, ticketId, 'ticket.files')
    // only well-formed fileIDs go to the storage (one stored before the check existed never breaks the list)
    const fileIDs = attachmentsOf(ticket).filter((fileID) => attachmentPathOf(fileID) !== null)
    return { urls: fileIDs.length > 0 ? await temporaryUrls(fileIDs) : {} }
  },
}
