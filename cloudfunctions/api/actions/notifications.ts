/**
 * The message center (消息中心) and subscribe-message consent. Every notification is an outbox record
 * (shared/outbox.ts), so a user sees each message in the app whether or not WeChat delivered it (no template
 * id in this environment, no consent left, 43101). Consent is asked inside a tap with the ids
 * `subscriptions.templateIds` gives and recorded with `subscriptions.record`.
 */
import * as z from 'zod/mini'
import type { ActionDef } from '../router'
import type { DeliveryStatus, SubscriptionStatus } from '../../../types/actions'
import type { Role } from '../../../types/domain'
import { listTicketsSchema, ticketIdSchema } from '../../../types/schemas'
import {
  defaultTemplateRegistry,
  remaining,
  subscribeTemplateIds,
  subscriptionModeOf,
  type OutboxStatus,
  type UserConsents,
} from '../../core/reminders'
import { readConsents, recordSubscribeResult } from '../../shared/consents'
import { deliverRecords } from '../../shared/delivery'
import { moveTicketNotifications } from '../../shared/notifications'
import { DELIVERY_LABELS, countUnread, listMessages, markRead as markMessagesRead } from '../../shared/outbox'
import {
  SUBSCRIBE_OCCASIONS,
  currentTemplateIds,
  subscribeGroupFor,
  subscribeGroupsOf,
} from '../../shared/subscriptions'

const PAYLOAD_MESSAGE = '请求内容格式不正确'
/** The api function's timeout is 10 s (config.json); the flush stops starting sends well before it. */
const FLUSH_BUDGET_MS = 6_000
/** message ids per markRead call (a page of the list is 20) */
const MARK_READ_MAX = 100

// the app's DeliveryStatus mirrors the core's statuses
const _sameStatuses: [DeliveryStatus, OutboxStatus] extends [OutboxStatus, DeliveryStatus] ? true : never = true
void _sameStatuses

/**
 * Delivers what a ticket.act or ticket.submit just planned, in an invocation of its own so the action stays
 * within its round-trip budget. Any signed-in user may ask: it only moves notifications already planned
 * (idempotent; dedupe keys) and answers nothing about the ticket. Whatever it does not finish, the
 * scheduler's next run does.
 */
export const flush: ActionDef<'notifications.flush'> = {
  payload: ticketIdSchema,
  async handle({ now }, { ticketId }) {
    const deadline = Date.now() + FLUSH_BUDGET_MS
    const moved = await moveTicketNotifications(ticketId, now)
    await deliverRecords(moved.inserted, now, deadline)
    return { done: true as const }
  },
}

export const list: ActionDef<'notifications.list'> = {
  payload: listTicketsSchema,
  async handle({ openid }, { cursor }) {
    const { rows, hasMore, nextCursor } = await listMessages(openid, cursor)
    return {
      items: rows.map((row) => ({
        _id: row._id,
        template: row.template,
        title: row.title,
        ticketId: row.ticketId,
        ticketNo: row.ticketNo,
        ticketTitle: row.ticketTitle,
        ...(row.detail ? { detail: row.detail } : {}),
        role: row.recipientRole,
        createdAt: row.createdAt,
        read: row.readAt !== null && row.readAt !== undefined,
        delivery: row.status,
        deliveryLabel: DELIVERY_LABELS[row.status],
        ...(row.link ? { link: row.link } : {}),
      })),
      hasMore,
      nextCursor,
    }
  },
}

export const unreadCount: ActionDef<'notifications.unreadCount'> = {
  payload: z.object({}),
  async handle({ openid }) {
    return { count: await countUnread(openid) }
  },
}

const markReadSchema = z
  .object(
    {
      ids: z.optional(
        z
          .array(z.string().check(z.minLength(1), z.maxLength(200)), { error: '消息编号不正确' })
          .check(z.minLength(1, '请选择消息'), z.maxLength(MARK_READ_MAX, `一次最多标记${MARK_READ_MAX}条`)),
      ),
      all: z.optional(z.boolean({ error: '参数不正确' })),
    },
    { error: PAYLOAD_MESSAGE },
  )
  .check(
    z.refine((payload) => payload.all === true || payload.ids !== undefined, { message: '请选择要标记为已读的消息' }),
  )

export const markRead: ActionDef<'notifications.markRead'> = {
  payload: markReadSchema,
  async handle({ openid, now }, { ids, all }) {
    return { updated: await markMessagesRead(openid, all === true ? 'all' : (ids ?? []), now) }
  },
}

/** Each subscribe group the role may be asked for, with every template's configuration and the consents left. */
function subscriptionStatus(role: Role, consents: UserConsents): SubscriptionStatus {
  const registry = defaultTemplateRegistry()
  const resolved = currentTemplateIds(registry)
  const ledger = { me: consents }
  return {
    groups: subscribeGroupsOf(role, registry).map((group) => {
      const templates = registry.subscribeGroups[group].templates.map((templateKey) => ({
        templateKey,
        title: registry.templates[templateKey].title,
        configured: resolved.configured[templateKey] !== undefined,
        mode: subscriptionModeOf(templateKey, registry),
        remaining: remaining(ledger, 'me', templateKey),
      }))
      return {
        group,
        title: registry.subscribeGroups[group].title,
        configured: templates.every((t) => t.configured),
        templates,
      }
    }),
    missingMessage: role === 'admin' ? resolved.message : null,
  }
}

export const status: ActionDef<'subscriptions.status'> = {
  payload: z.object({}),
  async handle({ openid, grant }) {
    return subscriptionStatus(grant.role, await readConsents(openid))
  },
}

const recordSchema = z.object(
  {
    /** wx.requestSubscribeMessage's success result: template id → choice, plus errMsg */
    result: z
      .record(z.string().check(z.maxLength(128)), z.string().check(z.maxLength(64)), { error: '订阅结果格式不正确' })
      .check(z.refine((result) => Object.keys(result).length <= 10, { message: '订阅结果格式不正确' })),
  },
  { error: PAYLOAD_MESSAGE },
)

export const record: ActionDef<'subscriptions.record'> = {
  payload: recordSchema,
  async handle({ openid, grant, now }, { result }) {
    const consents = await recordSubscribeResult(openid, result, currentTemplateIds(), now)
    return subscriptionStatus(grant.role, consents)
  },
}

const templateIdsSchema = z.object(
  { group: z.enum(SUBSCRIBE_OCCASIONS, { error: '订阅场景只能是 submit、inbox 或 afterSign' }) },
  { error: PAYLOAD_MESSAGE },
)

export const templateIds: ActionDef<'subscriptions.templateIds'> = {
  payload: templateIdsSchema,
  async handle({ grant }, { group: occasion }) {
    const registry = defaultTemplateRegistry()
    const group = subscribeGroupFor(occasion, grant.role)
    return {
      occasion,
      group,
      title: group === null ? null : registry.subscribeGroups[group].title,
      templateIds: group === null ? [] : subscribeTemplateIds(group, currentTemplateIds(registry), registry),
    }
  },
}
