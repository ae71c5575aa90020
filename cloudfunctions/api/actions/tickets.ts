/** The enterprise journey's ticket actions: submit, list mine, read one; and the staff queues. */
import { createHash } from 'node:crypto'
import type { ActionContext, ActionDef } from '../router'
import type { Channel, Ticket } from '../../../types/domain'
import { openTicket, ticketNoDay } from '../../core/intake'
import { addWorkingDays } from '../../core/clock'
import { decide, defaultRulesDocument, plainReasonsOf } from '../../core/rules'
import { submissionEffects } from '../../core/lifecycle'
import { pendingNotificationsOf, withPendingNotifications } from '../../shared/notifications'
import { namedTimeline, presentTicket, unitCodesOf } from './present'
import { actorOf, loadVisibleTicket } from './workflow'
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
import { inScope } from '../../shared/access'
import { attachmentsOf } from '../../shared/attachments'
import { temporaryUrls } from '../../shared/cloud'
import { AppError } from '../../shared/errors'
import {
  findTicket,
  insertTicket,
  listEnterpriseTickets,
  listInbox,
  listQueue,
  nextTicketNo,
} from '../../shared/tickets'

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
    const { openid, user, grant, requestId, now } = ctx
    const rules = defaultRulesDocument()
    const present = (ticket: Ticket) => presentTicket(ticket, actorOf(ctx), rules, now)
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
    await assertTextIsSafe(openid, `${input.title}\n${input.description}`)

    const ticket = openTicket(
      {
        ticketId,
        no: await nextTicketNo(ticketNoDay(now)),
        enterprise,
        channel: intakeChannel(grant.role as keyof typeof INTAKE_CHANNELS, input.onVisit),
        category: input.category,
        title: input.title,
        description: input.description,
        urgency: input.urgency,
        flags: [],
        submitter: { openid, name: user.name, role: grant.role },
        requestId,
      },
      rules,
      now,
    )
    try {
      // the submission's notifications go in with the ticket (transactional outbox); the app then calls notifications.flush
      await insertTicket(
        withPendingNotifications(ticket, pendingNotificationsOf(submissionEffects(ticket, rules), ticket), now),
      )
    } catch (err) {
      // Two copies of the same retry raced past the check above: the other one's ticket stands.
      const winner = await findTicket(ticketId)
      if (winner) return present(winner)
      throw err
    }
    return present(ticket)
  },
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
  async handle({ grant, now }, { page = 0 }) {
    if (!grant.enterpriseId) throw new AppError('FORBIDDEN', '「我的诉求」是企业联系人的页面')
    return listEnterpriseTickets(grant.enterpriseId, page, now)
  },
}

export const get: ActionDef<'ticket.get'> = {
  payload: ticketIdSchema,
  async handle(ctx, { ticketId }) {
    const ticket = await loadVisibleTicket(ctx, ticketId)
    const unitNames = await unitNamesOf(unitCodesOf(ticket))
    const detail = presentTicket(ticket, actorOf(ctx), defaultRulesDocument(), ctx.now)
    return { ...detail, timeline: namedTimeline(detail.timeline, unitNames), unitNames }
  },
}

export const queue: ActionDef<'ticket.queue'> = {
  payload: queueSchema,
  async handle({ now }, { tab = 'new', page = 0 }) {
    return listQueue(tab, page, now)
  },
}

export const inbox: ActionDef<'ticket.inbox'> = {
  payload: inboxSchema,
  async handle({ grant, now }, { tab = 'toSign', page = 0 }) {
    if (!grant.unitCode) throw new AppError('FORBIDDEN', '您的账号未关联承办单位')
    const dueSoonEnd = addWorkingDays(now, defaultRulesDocument().limits['remind.before']).at
    return listInbox(grant.unitCode, tab, page, now, dueSoonEnd)
  },
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
    const ticket = await loadVisibleTicket(ctx, ticketId)
    const fileIDs = attachmentsOf(ticket)
    return { urls: fileIDs.length > 0 ? await temporaryUrls(fileIDs) : {} }
  },
}
