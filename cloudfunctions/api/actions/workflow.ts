/**
 * Every lifecycle event on an existing ticket goes through one action, `ticket.act`: load, check who may see
 * it, let the pure lifecycle table decide, write with optimistic concurrency (the version the caller saw).
 * Round trips: the caller's user record, the ticket, the conditional update — 3 (issue 3 budget ≤ 3).
 */
import * as z from 'zod/mini'
import type { ActionDef, ActionContext } from '../router'
import type { Ticket } from '../../../types/domain'
import { transition } from '../../core/lifecycle'
import type { Actor } from '../../core/events'
import { defaultRulesDocument } from '../../core/rules'
import { canSeeTicket } from '../../shared/access'
import { assertOwnAttachments } from '../../shared/attachments'
import { AppError } from '../../shared/errors'
import { pendingNotificationsOf, pendingNotificationsWrite } from '../../shared/notifications'
import { findTicket, saveTransition } from '../../shared/tickets'
import { presentTicket } from './present'

const actSchema = z.object(
  {
    ticketId: z
      .string({ error: '缺少工单编号' })
      .check(z.minLength(1, '缺少工单编号'), z.maxLength(64, '工单编号不正确')),
    /** the version the caller saw: a stale one answers CONFLICT instead of overwriting someone else's work */
    version: z.number({ error: '缺少版本号，请刷新后重试' }).check(z.int(), z.gte(1)),
    event: z.looseObject({ type: z.string({ error: '缺少操作类型' }) }, { error: '缺少操作内容' }),
  },
  { error: '请求内容格式不正确' },
)

/** The acting user as the lifecycle sees them: identity and scope from the server, never from the client. */
export function actorOf({ openid, user, grant }: Pick<ActionContext, 'openid' | 'user' | 'grant'>): Actor {
  return {
    id: openid,
    name: user.name,
    role: grant.role,
    ...(grant.unitCode ? { unitCode: grant.unitCode } : {}),
    ...(grant.enterpriseId ? { enterpriseId: grant.enterpriseId } : {}),
  }
}

export async function loadVisibleTicket(ctx: Pick<ActionContext, 'grant'>, ticketId: string): Promise<Ticket> {
  const ticket = await findTicket(ticketId)
  if (!ticket || !canSeeTicket(ctx.grant, ticket)) throw new AppError('NOT_FOUND', '未找到该诉求，或您无权查看')
  return ticket
}

export const act: ActionDef<'ticket.act'> = {
  // who may see which ticket: ACCESS_POLICY; which events they may fire: the lifecycle table
  payload: actSchema,
  async handle(ctx, { ticketId, version, event }) {
    const ticket = await loadVisibleTicket(ctx, ticketId)
    if (ticket.version !== version) throw new AppError('CONFLICT', '该诉求已有新的办理进展，请刷新后再操作')
    assertOwnAttachments(event, ctx.openid)
    const rules = defaultRulesDocument()
    const result = transition(ticket, event as never, actorOf(ctx), rules, ctx.now)
    if (!result.ok) throw new AppError(result.code, result.message, result.fields)
    // the notifications of the event are written with it (transactional outbox); the app then calls notifications.flush
    const notify = pendingNotificationsWrite(pendingNotificationsOf(result.effects, result.ticket), ctx.now)
    if (!(await saveTransition(ticket, result.ticket, notify))) {
      throw new AppError('CONFLICT', '该诉求刚刚被他人更新，请刷新后再操作')
    }
    return presentTicket(result.ticket, actorOf(ctx), rules, ctx.now)
  },
}
