/**
 * The subscribe-message template registry (config/notifications/templates.json) as data validated by zod:
 * which WeChat template each notification of core/routing.ts uses, the template's fields and their sources,
 * the page the message opens, the groups of templates the app asks consent for together, the delivery
 * retries and the timer's send window.
 *
 * A template's id is never in the code or the config: each template names the environment variable that holds
 * it (`templateIdEnv`), so development, trial and production accounts each set their own.
 */
import { z } from 'zod'
import templatesJson from '../../../config/notifications/templates.json'
import type { ErrorCode } from '../../../types/api'
import { ZOD_ERRORS_IN_CHINESE, describeIssues } from '../../../types/rules'
import { NOTIFICATION_TEMPLATES, type NotificationTemplate } from '../routing'
import { FIELD_TYPES, MESSAGE_SOURCE_NAMES, type MessageSource } from './format'

const INVALID_INPUT: ErrorCode = 'INVALID_INPUT'

/** oneTime: one consent = one send (counted by us); longTerm: government services' long-term subscription, never used up. */
export const SUBSCRIPTION_MODES = ['oneTime', 'longTerm'] as const
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number]

/** wx.requestSubscribeMessage takes at most 3 template ids per call (DESIGN.md §6). */
export const TEMPLATES_PER_REQUEST = 3
/** A library template has at most 5 keywords. */
const FIELDS_PER_TEMPLATE = 5
/** Placeholders a page may carry. */
const PAGE_PLACEHOLDERS = ['ticketId'] as const

const templateKeySchema = z.string().regex(/^[a-z][A-Za-z0-9]*$/, '模板键须为小写字母开头的驼峰名，如 dueSoon')
/** a time of day, 'HH:mm' 24 h; '24:00' is the end of the day */
const hhmmSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, '时间须为 HH:mm（24小时制，24:00 表示当天结束）')

const templateFieldSchema = z
  .strictObject({
    /** the keyword's key in the library template, its type as prefix: thing2, time4, character_string1 */
    key: z.string().min(1),
    /** the keyword's name in the library template, for messages about defects */
    label: z.string().trim().min(1),
    type: z.enum(FIELD_TYPES),
    source: z.enum(MESSAGE_SOURCE_NAMES as [MessageSource, ...MessageSource[]]),
    /** shown when the source is empty (WeChat refuses an empty value); text types have a default */
    fallback: z.string().min(1).optional(),
  })
  .refine((field) => new RegExp(`^${field.type}\\d+$`).test(field.key), {
    message: '字段键须以其类型开头并以序号结尾，如 thing2、time4（与微信模板库一致）',
    path: ['key'],
  })

const templateSpecSchema = z.strictObject({
  /** the template's title in the WeChat library, e.g. 即将超期 */
  title: z.string().trim().min(1),
  /** the environment variable holding the template id */
  templateIdEnv: z.string().regex(/^HQ_TPL_[A-Z0-9_]+$/, '环境变量名须形如 HQ_TPL_DUE_SOON'),
  /** the mini-program page the message opens; {ticketId} is replaced */
  page: z
    .string()
    .regex(
      /^(pages|packages)\/[A-Za-z0-9_/-]+\/index(\?[A-Za-z0-9_=&{}-]*)?$/,
      '页面须为小程序内的页面路径，如 pages/ticket/index?id={ticketId}（分包页面 packages/…）',
    )
    .refine(
      (page) =>
        [...page.matchAll(/\{(\w+)\}/g)].every((match) => (PAGE_PLACEHOLDERS as readonly string[]).includes(match[1])),
      {
        message: `页面参数只能使用 ${PAGE_PLACEHOLDERS.map((name) => `{${name}}`).join('、')}`,
      },
    ),
  /** overrides the registry's subscription mode for this template */
  subscription: z.enum(SUBSCRIPTION_MODES).optional(),
  fields: z.array(templateFieldSchema).min(1).max(FIELDS_PER_TEMPLATE, `模板最多${FIELDS_PER_TEMPLATE}个关键词`),
})
export type TemplateSpec = z.infer<typeof templateSpecSchema>
export type TemplateField = TemplateSpec['fields'][number]

const subscribeGroupSchema = z.strictObject({
  title: z.string().trim().min(1),
  templates: z
    .array(templateKeySchema)
    .min(1)
    .max(TEMPLATES_PER_REQUEST, `一次订阅请求最多${TEMPLATES_PER_REQUEST}个模板（微信限制）`),
})

export const templateRegistrySchema = z
  .strictObject({
    $comment: z.string().optional(),
    version: z.number().int().positive(),
    /** the default mode; switch to longTerm once the account is approved for long-term subscription */
    subscription: z.enum(SUBSCRIPTION_MODES),
    templates: z.record(templateKeySchema, templateSpecSchema),
    /** every notification of core/routing.ts → a template key, or null: in the in-app message center only */
    notifications: z.record(z.enum(NOTIFICATION_TEMPLATES), templateKeySchema.nullable()),
    /** templates the app asks consent for in one tap, by occasion */
    subscribeGroups: z.record(z.string().min(1), subscribeGroupSchema),
    delivery: z.strictObject({
      /** sends tried before a record fails for good */
      maxAttempts: z.number().int().min(1).max(10),
      /** wait after the 1st, 2nd, … failed attempt (minutes); the last value repeats */
      backoffMinutes: z.array(z.number().int().min(1)).min(1),
    }),
    scheduler: z.strictObject({
      /** the timer acts (reminds, 督办, escalates, closes unrated) only on working days within [from, to) Shanghai time */
      sendWindow: z.strictObject({ from: hhmmSchema, to: hhmmSchema }),
      /** how far back (working days) the timer still looks at overdue dues, to catch up after an outage */
      catchUpWorkingDays: z.number().int().min(1).max(60),
    }),
  })
  .superRefine((registry, context) => {
    const keys = new Set(Object.keys(registry.templates))
    const envs = new Map<string, string>()
    for (const [key, template] of Object.entries(registry.templates)) {
      const first = envs.get(template.templateIdEnv)
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['templates', key, 'templateIdEnv'],
          message: `环境变量 ${template.templateIdEnv} 已用于模板 ${first}`,
        })
      } else envs.set(template.templateIdEnv, key)
      const fieldKeys = new Set<string>()
      template.fields.forEach((field, index) => {
        if (fieldKeys.has(field.key))
          context.addIssue({
            code: 'custom',
            path: ['templates', key, 'fields', index, 'key'],
            message: `字段 ${field.key} 重复`,
          })
        fieldKeys.add(field.key)
      })
    }
    for (const [notification, key] of Object.entries(registry.notifications)) {
      if (key !== null && !keys.has(key)) {
        context.addIssue({ code: 'custom', path: ['notifications', notification], message: `没有名为 ${key} 的模板` })
      }
    }
    for (const [group, { templates }] of Object.entries(registry.subscribeGroups)) {
      templates.forEach((key, index) => {
        if (!keys.has(key))
          context.addIssue({
            code: 'custom',
            path: ['subscribeGroups', group, 'templates', index],
            message: `没有名为 ${key} 的模板`,
          })
      })
    }
    if (registry.scheduler.sendWindow.from >= registry.scheduler.sendWindow.to) {
      context.addIssue({ code: 'custom', path: ['scheduler', 'sendWindow'], message: '发送时段的开始须早于结束' })
    }
  })
export type TemplateRegistry = z.infer<typeof templateRegistrySchema>

/** A registry that does not validate; the message lists every problem, in Chinese. */
export class TemplateRegistryError extends Error {
  readonly code = INVALID_INPUT
  constructor(readonly problems: readonly string[]) {
    super(`订阅消息模板配置校验失败（${problems.length} 处问题）：${problems.join('；')}`)
    this.name = 'TemplateRegistryError'
  }
}

/** Validates a registry (the default file or an admin's edited copy); throws TemplateRegistryError. */
export function loadTemplateRegistry(input: unknown): TemplateRegistry {
  const parsed = templateRegistrySchema.safeParse(input, ZOD_ERRORS_IN_CHINESE)
  if (!parsed.success) throw new TemplateRegistryError(describeIssues(parsed.error.issues))
  return parsed.data
}

let defaultRegistry: TemplateRegistry | undefined

/** config/notifications/templates.json, validated once on first use. */
export function defaultTemplateRegistry(): TemplateRegistry {
  defaultRegistry ??= loadTemplateRegistry(templatesJson)
  return defaultRegistry
}

/** The WeChat template a notification uses, or null when it lives in the in-app message center only. */
export function templateKeyFor(
  notification: NotificationTemplate,
  registry: TemplateRegistry = defaultTemplateRegistry(),
): string | null {
  return registry.notifications[notification]
}

/** Whether a template's consent is one-time or long-term. */
export function subscriptionModeOf(
  templateKey: string,
  registry: TemplateRegistry = defaultTemplateRegistry(),
): SubscriptionMode {
  return registry.templates[templateKey]?.subscription ?? registry.subscription
}

/** WeChat template ids are ~43 characters of letters, digits, '-' and '_'. */
const TEMPLATE_ID = /^[A-Za-z0-9_-]{10,64}$/

export interface UnresolvedTemplate {
  templateKey: string
  title: string
  templateIdEnv: string
  reason: 'missing' | 'malformed'
}

export interface ResolvedTemplateIds {
  /** template key → template id, for the templates that can be sent */
  configured: Readonly<Record<string, string>>
  /** template id → template key: consent results (wx.requestSubscribeMessage) are keyed by id */
  keysById: Readonly<Record<string, string>>
  missing: readonly UnresolvedTemplate[]
  /** null when every template is configured; otherwise one Chinese sentence for logs and the admin page */
  message: string | null
}

/**
 * Which templates have an id in the environment. Notifications whose template has none still reach the
 * in-app message center; only the WeChat push is lost, and `message` says which and how to fix it.
 */
export function resolveTemplateIds(
  env: Readonly<Record<string, string | undefined>>,
  registry: TemplateRegistry = defaultTemplateRegistry(),
): ResolvedTemplateIds {
  const configured: Record<string, string> = {}
  const keysById: Record<string, string> = {}
  const missing: UnresolvedTemplate[] = []
  for (const [templateKey, template] of Object.entries(registry.templates)) {
    const id = env[template.templateIdEnv]?.trim() ?? ''
    if (TEMPLATE_ID.test(id)) {
      configured[templateKey] = id
      keysById[id] = templateKey
    } else {
      missing.push({
        templateKey,
        title: template.title,
        templateIdEnv: template.templateIdEnv,
        reason: id === '' ? 'missing' : 'malformed',
      })
    }
  }
  const describe = (entry: UnresolvedTemplate) =>
    `${entry.title}（${entry.templateIdEnv}${entry.reason === 'malformed' ? '，格式不正确' : ''}）`
  const message =
    missing.length === 0
      ? null
      : `未配置${missing.length}个订阅消息模板ID：${missing.map(describe).join('、')}。` +
        '请在微信公众平台选用模板后，将模板ID填入云函数的环境变量；未配置前，这些通知只在小程序消息中心显示。'
  return { configured, keysById, missing, message }
}

/** The template ids to pass to wx.requestSubscribeMessage for a group (configured ones only, ≤ 3). */
export function subscribeTemplateIds(
  group: string,
  resolved: ResolvedTemplateIds,
  registry: TemplateRegistry = defaultTemplateRegistry(),
): string[] {
  const keys = registry.subscribeGroups[group]?.templates ?? []
  return keys.flatMap((key) => (resolved.configured[key] === undefined ? [] : [resolved.configured[key]]))
}
