/**
 * The outbox: every subscribe message is first a record, then a send. The record's `_id` is its dedupe key, so
 * inserting the same message twice fails on the primary key, even when two timer runs overlap or a cloud
 * function is retried: nobody is reminded twice of the same thing. A send WeChat refuses leaves the record
 * with its reason; nothing is lost, and every record is also the user's in-app message (消息中心).
 *
 * Status after a send attempt (subscribeMessage.send errcode):
 *
 * | errcode                      | status             | why                                                      |
 * |------------------------------|--------------------|----------------------------------------------------------|
 * | 0                            | sent               |                                                          |
 * | 43101                        | skippedNoConsent   | the user has no consent left; the in-app message remains |
 * | 47003 / 40003 / 40037 / 41030 | failed + defect   | our data is wrong (a field, the OPENID, the template id, the page): retrying cannot help |
 * | anything else (-1, 45009…)   | pending, backoff   | busy or rate-limited: 1, 5, 30, 120 min…, failed after the last attempt |
 */
import { createHash } from 'node:crypto'
import type { Role, Ticket, TimelineEntry } from '../../../types/domain'
import type { DueField, Effect, EventMessage } from '../effects'
import type { AudienceRole, NotificationTemplate } from '../routing'
import type { Addressee } from './addressees'
import { buildMessageData, type MessageData, type MessageTicket } from './format'
import type { SmsDelivery } from './sms'
import { defaultTemplateRegistry, type ResolvedTemplateIds, type TemplateRegistry } from './templates'

export const OUTBOX_STATUSES = ['pending', 'sent', 'skippedNoConsent', 'failed', 'inAppOnly'] as const
/**
 * pending: to be sent at nextAttemptAt; sent; skippedNoConsent: no consent left (43101 or our count);
 * failed: refused for good or out of attempts; inAppOnly: no WeChat template for it (by config, or its id is
 * not set in this environment), shown in the app only.
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/** A fault of ours that a send revealed; the admin page lists them so someone fixes the config or the data. */
export interface OutboxDefect {
  kind: 'field' | 'recipient' | 'templateId' | 'page' | 'render'
  templateKey: string | null
  /** the field WeChat (or the renderer) refused, e.g. thing2 */
  field: string | null
  /** where that field's value comes from (templates.json source) */
  source: string | null
  errCode: number | null
  message: string
}

export interface OutboxRecord {
  /** = dedupeKey: a second insert of the same message fails on the primary key */
  _id: string
  dedupeKey: string
  recipientOpenId: string
  recipientRole: Role
  /** the notification (core/routing.ts) */
  template: NotificationTemplate
  /** its WeChat template in the registry; null when it has none */
  templateKey: string | null
  ticketId: string
  dueField: DueField | null
  dueAt: Date | null
  /** subscribeMessage.send's data and page, rendered when the record is planned */
  message: { data: MessageData; page: string } | null
  /** the message's own sentence for the in-app message center (absent: its title and ticket say it all) */
  detail?: string
  status: OutboxStatus
  attempts: number
  /** when a pending record is due to be sent; null once it is settled */
  nextAttemptAt: Date | null
  lastErrCode: number | null
  lastError: string | null
  defect: OutboxDefect | null
  createdAt: Date
  sentAt: Date | null
  /** the SMS fallback (sms.ts), once WeChat could not carry the message to a staff member; absent otherwise */
  sms?: SmsDelivery | null
}

/** A notification to send about a ticket, before it is addressed to users. */
export interface PlannedNotification {
  template: NotificationTemplate
  ticketId: string
  /** routing's symbolic audience; resolve with addressees.addresseesFor */
  audience: readonly AudienceRole[]
  /** a reminder: the due it is about (its time is also what makes it unique) */
  dueField: DueField | null
  dueAt: Date | null
  /** an event's message: what makes it unique (`v<ticket version after the event>`) */
  occurrence: string | null
  /** an event's message: the timeline entry the event appended (its note shows in the message) */
  entry: TimelineEntry | null
  /** the event's own words for this message (Effect notify.message), over the entry's label and note */
  message?: EventMessage
}

// ——— dedupe keys ———

/** The cloud database's _id is a string; keep it short and plain. */
export const DEDUPE_KEY_MAX = 128
const PLAIN_PART = /^[A-Za-z0-9_.-]+$/

/**
 * The key of one message: the same notification about the same ticket to the same user for the same due
 * (or the same event occurrence) always gives the same key, anything else a different one. Readable when it
 * fits (`replyDueSoon:T-1:oUser:2026-10-12T15:59:59.999Z`), else a SHA-256 of the parts (`h:` + 64 hex).
 * The recipient's role is not part of it: a user in two roles is told once.
 */
export function dedupeKey(
  template: NotificationTemplate,
  ticketId: string,
  recipientOpenId: string,
  occasion?: Date | string | null,
): string {
  const occasionPart = occasion instanceof Date ? occasion.toISOString() : (occasion ?? '-')
  const parts = [template, ticketId, recipientOpenId]
  const readable = [...parts, occasionPart].join(':')
  // the first three parts never hold ':', so the readable form cannot be read two ways
  if (readable.length <= DEDUPE_KEY_MAX && parts.every((part) => PLAIN_PART.test(part))) return readable
  return `h:${createHash('sha256')
    .update(JSON.stringify([...parts, occasionPart]))
    .digest('hex')}`
}

// ——— planning ———

/** The notify effects of one transition, as notifications unique to that event (the ticket's new version). */
export function notificationsFromEffects(
  effects: readonly Effect[],
  ticketAfter: Pick<Ticket, 'version'>,
): PlannedNotification[] {
  const entry = effects.find((effect) => effect.kind === 'timeline')?.entry ?? null
  return effects.flatMap((effect): PlannedNotification[] =>
    effect.kind !== 'notify'
      ? []
      : [
          {
            template: effect.template,
            ticketId: effect.ticketId,
            audience: effect.audience,
            dueField: null,
            dueAt: null,
            occurrence: `v${ticketAfter.version}`,
            entry,
            ...(effect.message ? { message: effect.message } : {}),
          },
        ],
  )
}

/** A notification with the users it goes to and the ticket its message is about. */
export interface AddressedNotification {
  notification: PlannedNotification
  addressees: readonly Addressee[]
  /** the ticket as it is after the event (or now, for a reminder) */
  ticket: MessageTicket
}

export interface OutboxSetup {
  /** which templates have an id in this environment (templates.ts resolveTemplateIds) */
  templateIds: Pick<ResolvedTemplateIds, 'configured'>
  registry?: TemplateRegistry
}

/**
 * The outbox records of a batch of notifications: one per (notification, user), each keyed by dedupeKey, the
 * message rendered now. Records for the same key within the batch are made once. The shell inserts each with
 * `_id` = key and ignores a duplicate-key error: that message was already planned.
 */
export function planOutbox(
  notifications: readonly AddressedNotification[],
  now: Date,
  setup: OutboxSetup,
): OutboxRecord[] {
  const registry = setup.registry ?? defaultTemplateRegistry()
  const records: OutboxRecord[] = []
  const seen = new Set<string>()
  for (const { notification, addressees, ticket } of notifications) {
    const templateKey = registry.notifications[notification.template]
    const template = templateKey === null ? undefined : registry.templates[templateKey]
    const configured = templateKey !== null && setup.templateIds.configured[templateKey] !== undefined
    const due =
      notification.dueField !== null && notification.dueAt !== null
        ? { field: notification.dueField, at: notification.dueAt }
        : null
    const built =
      template === undefined
        ? null
        : buildMessageData(template, { ticket, due, entry: notification.entry, message: notification.message, now })
    const renderDefect: OutboxDefect | null =
      built === null || built.ok
        ? null
        : {
            kind: 'render',
            templateKey,
            field: built.problems[0].key,
            source: built.problems[0].source,
            errCode: null,
            message: `模板“${template!.title}”无法填写：${built.problems.map((p) => `${p.key}（${p.label}，来源 ${p.source}）${p.problem}`).join('；')}`,
          }
    for (const addressee of addressees) {
      const key = dedupeKey(
        notification.template,
        notification.ticketId,
        addressee.openId,
        notification.dueAt ?? notification.occurrence,
      )
      if (seen.has(key)) continue
      seen.add(key)
      const base: OutboxRecord = {
        _id: key,
        dedupeKey: key,
        recipientOpenId: addressee.openId,
        recipientRole: addressee.role,
        template: notification.template,
        templateKey,
        ticketId: notification.ticketId,
        dueField: notification.dueField,
        dueAt: notification.dueAt,
        message: built?.ok ? { data: built.data, page: built.page } : null,
        ...(notification.message ? { detail: notification.message.text } : {}),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastErrCode: null,
        lastError: null,
        defect: null,
        createdAt: now,
        sentAt: null,
      }
      if (templateKey === null) {
        records.push({ ...base, status: 'inAppOnly', nextAttemptAt: null, lastError: '此类通知只在消息中心显示' })
      } else if (renderDefect !== null) {
        records.push({
          ...base,
          status: 'failed',
          nextAttemptAt: null,
          lastError: renderDefect.message,
          defect: renderDefect,
        })
      } else if (!configured) {
        records.push({
          ...base,
          status: 'inAppOnly',
          nextAttemptAt: null,
          lastError: `未配置模板“${template!.title}”的模板ID（环境变量 ${template!.templateIdEnv}），只在消息中心显示`,
        })
      } else {
        records.push(base)
      }
    }
  }
  return records
}

// ——— sending ———

/** What subscribeMessage.send answered (or threw). */
export interface SendResult {
  errCode: number
  errMsg: string
}

/** wx-server-sdk resolves `{ errCode: 0, errMsg }` and rejects with an error carrying errCode; a network failure has none. */
export function toSendResult(outcome: unknown): SendResult {
  if (typeof outcome === 'object' && outcome !== null) {
    const { errCode, errcode, errMsg, errmsg, message } = outcome as Record<string, unknown>
    const code = typeof errCode === 'number' ? errCode : typeof errcode === 'number' ? errcode : null
    const text = [errMsg, errmsg, message].find((value): value is string => typeof value === 'string') ?? ''
    if (code !== null) return { errCode: code, errMsg: text }
    return { errCode: -1, errMsg: text || '发送失败（无错误码）' }
  }
  return { errCode: -1, errMsg: String(outcome) }
}

type SendAnswer = { outcome: 'sent' } | { outcome: 'noConsent' } | { outcome: 'defect'; kind: OutboxDefect['kind'] }

/** The errcodes that settle a record; any other one is worth another try later. */
export const SEND_ANSWERS: Readonly<Record<number, SendAnswer>> = {
  0: { outcome: 'sent' },
  /** 用户拒绝接受消息 / 取消了订阅: no consent left */
  43101: { outcome: 'noConsent' },
  /** 模板参数不准确: a field is empty or breaks its type's rule; errmsg names the field */
  47003: { outcome: 'defect', kind: 'field' },
  /** touser 的 openid 为空或者不正确 */
  40003: { outcome: 'defect', kind: 'recipient' },
  /** 订阅模板 id 为空或不正确 */
  40037: { outcome: 'defect', kind: 'templateId' },
  /** page 路径不正确（须存在于线上版本） */
  41030: { outcome: 'defect', kind: 'page' },
}

function describeDefect(
  kind: OutboxDefect['kind'],
  record: OutboxRecord,
  result: SendResult,
  registry: TemplateRegistry,
): OutboxDefect {
  const template = record.templateKey === null ? undefined : registry.templates[record.templateKey]
  const title = template?.title ?? record.templateKey ?? record.template
  const base = { kind, templateKey: record.templateKey, field: null, source: null, errCode: result.errCode }
  switch (kind) {
    case 'field': {
      // e.g. "argument invalid! data.thing2.value exceeds limit rid: …"
      const key = /data\.([a-z_]+\d+)\.value/.exec(result.errMsg)?.[1] ?? null
      const field = template?.fields.find((candidate) => candidate.key === key)
      const where = key === null ? '某个字段' : `字段 ${key}${field ? `（${field.label}，来源 ${field.source}）` : ''}`
      return {
        ...base,
        field: key,
        source: field?.source ?? null,
        message: `模板“${title}”的${where}不被微信接受：${result.errMsg}`,
      }
    }
    case 'recipient':
      return { ...base, message: `接收人 OPENID ${record.recipientOpenId} 无效，请核对用户绑定：${result.errMsg}` }
    case 'templateId':
      return {
        ...base,
        message: `模板“${title}”的模板ID无效，请核对环境变量 ${template?.templateIdEnv ?? ''}：${result.errMsg}`,
      }
    case 'page':
      return { ...base, message: `页面 ${record.message?.page ?? ''} 不在线上版本中：${result.errMsg}` }
    case 'render':
      return { ...base, message: `模板“${title}”无法填写：${result.errMsg}` }
  }
}

/** The wait after the nth failed attempt (n ≥ 1); the last configured value repeats. */
export function backoffAfter(attempts: number, delivery: TemplateRegistry['delivery']): number {
  const minutes = delivery.backoffMinutes[Math.min(attempts, delivery.backoffMinutes.length) - 1]
  return minutes * 60_000
}

/** The record after a send attempt at `now`, and the defect the answer revealed, if any. */
export function afterSendAttempt(
  record: OutboxRecord,
  result: SendResult,
  now: Date,
  registry: TemplateRegistry = defaultTemplateRegistry(),
): { record: OutboxRecord; defect: OutboxDefect | null } {
  const attempts = record.attempts + 1
  const tried = {
    ...record,
    attempts,
    lastErrCode: result.errCode,
    lastError: result.errCode === 0 ? null : result.errMsg,
  }
  const answer = SEND_ANSWERS[result.errCode]
  if (answer?.outcome === 'sent')
    return { record: { ...tried, status: 'sent', nextAttemptAt: null, sentAt: now }, defect: null }
  if (answer?.outcome === 'noConsent')
    return { record: { ...tried, status: 'skippedNoConsent', nextAttemptAt: null }, defect: null }
  if (answer?.outcome === 'defect') {
    const defect = describeDefect(answer.kind, record, result, registry)
    return { record: { ...tried, status: 'failed', nextAttemptAt: null, defect }, defect }
  }
  if (attempts >= registry.delivery.maxAttempts)
    return { record: { ...tried, status: 'failed', nextAttemptAt: null }, defect: null }
  return {
    record: {
      ...tried,
      status: 'pending',
      nextAttemptAt: new Date(now.getTime() + backoffAfter(attempts, registry.delivery)),
    },
    defect: null,
  }
}

/** Our own count says the user has no consent left: not sent, not tried (a send would answer 43101). */
export function skipForNoConsent(record: OutboxRecord): OutboxRecord {
  return {
    ...record,
    status: 'skippedNoConsent',
    nextAttemptAt: null,
    lastError: '用户对此模板已无剩余订阅次数（本地计数），消息保留在消息中心',
  }
}

// ——— what the shell queries ———

/** Indexes the outbox collection needs (add to cloudfunctions/db-manifest.json). */
export const OUTBOX_INDEXES = [
  /**
   * the sender: `where({ status: 'pending', nextAttemptAt: _.lte(now) }).orderBy('nextAttemptAt', 'asc')
   * .limit(n)` (≤ 1000 per get() in cloud functions; a few dozen per run keeps within the function's timeout)
   */
  { name: 'by_status_nextAttempt', keys: { status: 1, nextAttemptAt: 1 } },
  /** the in-app message center: a user's messages, newest first */
  { name: 'by_recipient_created', keys: { recipientOpenId: 1, createdAt: -1 } },
  /** a ticket's messages (ticket detail, admin) */
  { name: 'by_ticket_created', keys: { ticketId: 1, createdAt: -1 } },
] as const
