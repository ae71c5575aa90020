/** The enterprise journey's ticket actions: submit, list mine, read one; and the staff queues. */
import { createHash } from 'node:crypto'
import type { ActionDef } from '../router'
import type { Ticket } from '../../../types/domain'
import { openTicket, ticketNoDay } from '../../core/intake'
import { defaultRulesDocument } from '../../core/rules'
import { presentTicket } from './present'
import { actorOf, loadVisibleTicket } from './workflow'
import { listTicketsSchema, submitTicketSchema, ticketIdSchema } from '../../../types/schemas'
import { assertTextIsSafe } from '../../shared/contentSafety'
import { findEnterprise } from '../../shared/enterprises'
import { AppError } from '../../shared/errors'
import {
  findTicket,
  insertTicket,
  listEnterpriseTickets,
  listUnitInbox,
  listWaitingForAcceptance,
  nextTicketNo,
} from '../../shared/tickets'

/** The ticket a (user, retry key) pair creates: the same pair always names the same document. */
export function ticketIdFor(openid: string, requestId: string): string {
  return 'T' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 23)
}

export const submit: ActionDef<'ticket.submit'> = {
  roles: ['enterprise'],
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

    const enterprise = grant.enterpriseId ? await findEnterprise(grant.enterpriseId) : null
    if (!enterprise || !enterprise.active) {
      throw new AppError('FORBIDDEN', '您绑定的企业不存在或已停用，请联系市重点办')
    }
    await assertTextIsSafe(openid, `${input.title}\n${input.description}`)

    const ticket = openTicket(
      {
        ticketId,
        no: await nextTicketNo(ticketNoDay(now)),
        enterprise,
        channel: 'app',
        ...input,
        flags: [],
        submitter: { openid, name: user.name, role: 'enterprise' },
        requestId,
      },
      rules,
      now,
    )
    try {
      await insertTicket(ticket)
    } catch (err) {
      // Two copies of the same retry raced past the check above: the other one's ticket stands.
      const winner = await findTicket(ticketId)
      if (winner) return present(winner)
      throw err
    }
    return present(ticket)
  },
}

export const listMine: ActionDef<'ticket.listMine'> = {
  roles: ['enterprise'],
  payload: listTicketsSchema,
  async handle({ grant }, { page = 0 }) {
    if (!grant.enterpriseId) throw new AppError('FORBIDDEN')
    return listEnterpriseTickets(grant.enterpriseId, page)
  },
}

export const get: ActionDef<'ticket.get'> = {
  roles: ['enterprise', 'dispatcher', 'admin', 'handler', 'unitHead', 'leader', 'commissioner'],
  payload: ticketIdSchema,
  async handle(ctx, { ticketId }) {
    const ticket = await loadVisibleTicket(ctx, ticketId)
    return presentTicket(ticket, actorOf(ctx), defaultRulesDocument(), ctx.now)
  },
}

export const queue: ActionDef<'ticket.queue'> = {
  roles: ['dispatcher', 'admin'],
  payload: listTicketsSchema,
  async handle(_ctx, { page = 0 }) {
    return listWaitingForAcceptance(page)
  },
}

export const inbox: ActionDef<'ticket.inbox'> = {
  roles: ['handler', 'unitHead'],
  payload: listTicketsSchema,
  async handle({ grant }, { page = 0 }) {
    if (!grant.unitCode) throw new AppError('FORBIDDEN', '您的账号未关联承办单位')
    return listUnitInbox(grant.unitCode, page)
  },
}
