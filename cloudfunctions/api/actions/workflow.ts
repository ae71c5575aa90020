/**
 * Every lifecycle event on an existing ticket goes through one action, `ticket.act`: load, check who may see
 * it, let the pure lifecycle table decide, write with optimistic concurrency (the version the caller saw).
 * Round trips: the caller's user record, the ticket, the conditional update — 3 (issue 3 budget ≤ 3).
 */
import * as z from 'zod/mini'
import type { ActionDef, ActionContext } from '../router'
import type { Ticket } from '../../../types/domain'
import { transition } from '../../core/lifecycle'
import { EVENT_TEXT_FIELDS, type Actor } from '../../core/events'
import { defaultRulesDocument } from '../../core/rules'
import type { WorkingCalendar } from '../../core/clock'
import { loadWorkingCalendar } from '../../shared/calendar'
import { canSeeTicket, unitRelationTo, type ScopedSubject } from '../../shared/access'
import { ticketSubjectFor } from '../../shared/ticketAccess'
import { assertOwnAttachments } from '../../shared/attachments'
import { assertTextIsSafe } from '../../shared/contentSafety'
import { AppError } from '../../shared/errors'
import { pendingNotificationsOf, pendingNotificationsWrite } from '../../shared/notifications'
import { _ } from '../../shared/cloud'
import { findTicket, saveLinkedTransition, saveTransition } from '../../shared/tickets'
import { childFactsOf } from '../../shared/meetings'
import { isChildDone } from '../../core/lifecycle'
import { isFiredByMeetingsOnly, presentTicket } from './present'
import { previewTransition, type TransitionPreview } from '../../core/preview'
import { DUE_NAMES } from '../../../types/calendar'
import { unitNamesOf } from '../../shared/enterprises'
import { TRACK_LABELS } from '../../../types/domain'
import type { EventPreview, UnitsByName } from '../../../types/actions'
import { answerParentIfDone } from './meetings'

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
export function actorOf(
  { openid, user, grant }: Pick<ActionContext, 'openid' | 'user' | 'grant'>,
  /** the ticket as the access check saw it: a unit following it (专班, lead service unit) acts as a follower */
  subject?: ScopedSubject,
): Actor {
  const followsAs = subject && grant.unitCode ? unitRelationTo(grant, subject) : undefined
  return {
    id: openid,
    name: user.name,
    role: grant.role,
    ...(grant.unitCode ? { unitCode: grant.unitCode } : {}),
    ...(grant.enterpriseId ? { enterpriseId: grant.enterpriseId } : {}),
    ...(followsAs ? { followsAs } : {}),
  }
}

/** A ticket the caller may see, with the facts the check used (ACCESS_POLICY; shared/ticketAccess.ts). */
export async function loadVisibleTicketWithSubject(
  /** with `now` and `calendar`, a ticket that reaches leaders (core/leader-items.ts) is judged as one */
  ctx: Pick<ActionContext, 'grant'> & { now?: Date; calendar?: WorkingCalendar },
  ticketId: string,
  action: 'ticket.get' | 'ticket.act' | 'ticket.files' = 'ticket.get',
): Promise<{ ticket: Ticket; subject: ScopedSubject }> {
  const ticket = await findTicket(ticketId)
  const subject = ticket ? await ticketSubjectFor(ctx.grant, ticket) : null
  if (
    !ticket ||
    !subject ||
    !canSeeTicket(
      ctx.grant,
      { ...ticket, ...subject, units: ticket.units },
      action,
      ctx.now && ctx.calendar ? { now: ctx.now, calendar: ctx.calendar } : undefined,
    )
  )
    throw new AppError('NOT_FOUND', '未找到该诉求，或您无权查看')
  return { ticket, subject }
}

export async function loadVisibleTicket(
  ctx: Pick<ActionContext, 'grant'> & { now?: Date; calendar?: WorkingCalendar },
  ticketId: string,
  action: 'ticket.get' | 'ticket.act' | 'ticket.files' = 'ticket.get',
): Promise<Ticket> {
  return (await loadVisibleTicketWithSubject(ctx, ticketId, action)).ticket
}

function eventTexts(event: Record<string, unknown>): string[] {
  return EVENT_TEXT_FIELDS.map((field) => event[field]).filter(
    (text): text is string => typeof text === 'string' && text.trim() !== '',
  )
}

/**
 * A duplicate is merged into a ticket that exists, that the caller may see, and that still counts (not
 * itself rejected or withdrawn): a link to nothing, or to a ticket the caller cannot open, is refused.
 */
async function loadMergeTarget(ctx: Pick<ActionContext, 'grant'>, ticket: Ticket, after: Ticket): Promise<Ticket> {
  const refuse = (message: string) => new AppError('INVALID_INPUT', message, { mergedInto: message })
  if (after.mergedInto === ticket._id) throw refuse('不能合并到本诉求自身')
  const target = after.mergedInto === null ? null : await findTicket(after.mergedInto)
  if (!target || !canSeeTicket(ctx.grant, target)) throw refuse('要合并到的诉求不存在，或您无权查看')
  if (target.state === 'rejected' || target.state === 'withdrawn') throw refuse('要合并到的诉求已不予受理或已撤回')
  return target
}

export const act: ActionDef<'ticket.act'> = {
  // who may see which ticket: ACCESS_POLICY; which events they may fire: the lifecycle table
  payload: actSchema,
  async handle(ctx, { ticketId, version, event }) {
    // the statutory calendar as stored now (one small read): the dues and the leader-item check count with it
    const calendar = await loadWorkingCalendar()
    const { ticket, subject } = await loadVisibleTicketWithSubject({ ...ctx, calendar }, ticketId, 'ticket.act')
    if (ticket.version !== version) throw new AppError('CONFLICT', '该诉求已有新的办理进展，请刷新后再操作')
    assertOwnAttachments(event, ctx.openid)
    if (isFiredByMeetingsOnly(event.type)) throw new AppError('INVALID_TRANSITION', '议定事项请在会议页面记录')
    const rules = defaultRulesDocument()
    const actor = actorOf(ctx, subject)
    // a parent's commitments (child tickets): read only for tickets that have them (hasNoOpenChildren)
    const facts = await childFactsOf(ticket)
    const result = transition(ticket, event as never, actor, rules, calendar, ctx.now, facts)
    if (!result.ok) throw new AppError(result.code, result.message, result.fields)
    // only an event the table allows gets checked: nothing is sent to WeChat for a refused one
    for (const text of eventTexts(event)) await assertTextIsSafe(ctx.openid, text)
    const mergeTarget = result.ticket.mergedInto === null ? null : await loadMergeTarget(ctx, ticket, result.ticket)
    // the notifications of the event are written with it (transactional outbox); the app then calls notifications.flush
    const notify = pendingNotificationsWrite(pendingNotificationsOf(result.effects, result.ticket), ctx.now)
    const saved = mergeTarget
      ? await saveLinkedTransition(ticket, result.ticket, notify, {
          ticketId: mergeTarget._id,
          data: { mergedFrom: _.addToSet(ticket._id) },
        })
      : await saveTransition(ticket, result.ticket, notify)
    if (!saved) {
      throw new AppError('CONFLICT', '该诉求刚刚被他人更新，请刷新后再操作')
    }
    // a commitment just done: its parent is answered once all its commitments are (best effort; the office
    // can fire the same answer from the session page)
    if (result.ticket.parentId && isChildDone(result.ticket.state) && !isChildDone(ticket.state)) {
      await answerParentIfDone(result.ticket.parentId, ctx.now).catch((error: unknown) =>
        console.error('[meetings] parent answer left to the office', result.ticket.parentId, error),
      )
    }
    // acting on a parent changes none of its children: the facts read before the transition still hold
    return presentTicket(result.ticket, actor, rules, calendar, ctx.now, facts)
  },
}

/** A preview as people read it: track labels, unit names, due labels; no code (issue 11). */
function namedPreview(preview: TransitionPreview, names: Record<string, string>): EventPreview {
  const byName = ([lead, ...co]: readonly string[]): UnitsByName => ({
    lead: lead === undefined ? null : (names[lead] ?? '其他单位'),
    co: co.map((code) => names[code] ?? '其他单位'),
  })
  const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null)
  const changes =
    preview.track.before !== preview.track.after ||
    preview.units.before.join() !== preview.units.after.join() ||
    preview.dues.some((due) => !same(due.before, due.after)) ||
    preview.enterpriseNotice !== null
  return {
    track: { before: TRACK_LABELS[preview.track.before], after: TRACK_LABELS[preview.track.after] },
    units: { before: byName(preview.units.before), after: byName(preview.units.after) },
    dues: preview.dues.map((due) => ({
      label: DUE_NAMES[due.due],
      before: due.before,
      after: due.after,
      missedWorkingDays: due.missedWorkingDays,
    })),
    reasons: preview.reasons,
    enterpriseNotice: preview.enterpriseNotice,
    changes,
  }
}

/**
 * What an event would change, before the person confirms it: the same checks and the same transition as
 * ticket.act (core/preview.ts runs it on the ticket read here and diffs), nothing written, nothing sent.
 * Round trips: the caller's user record, the ticket, the unit names (and the children of a parent ticket).
 */
export const previewAct: ActionDef<'ticket.previewAct'> = {
  payload: actSchema,
  async handle(ctx, { ticketId, version, event }) {
    // the same calendar ticket.act counts with, so the preview and the result cannot differ
    const calendar = await loadWorkingCalendar()
    const { ticket, subject } = await loadVisibleTicketWithSubject({ ...ctx, calendar }, ticketId, 'ticket.act')
    if (ticket.version !== version) throw new AppError('CONFLICT', '该诉求已有新的办理进展，请刷新后再操作')
    if (isFiredByMeetingsOnly(event.type)) throw new AppError('INVALID_TRANSITION', '议定事项请在会议页面记录')
    const facts = await childFactsOf(ticket)
    const result = previewTransition(
      ticket,
      event as never,
      actorOf(ctx, subject),
      defaultRulesDocument(),
      calendar,
      ctx.now,
      facts,
    )
    if (!result.ok) throw new AppError(result.code, result.message, result.fields)
    const { units } = result.preview
    return namedPreview(result.preview, await unitNamesOf([...units.before, ...units.after]))
  },
}
