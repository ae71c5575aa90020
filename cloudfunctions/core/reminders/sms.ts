/**
 * The SMS fallback (短信兜底), pure: when may a message that WeChat could not carry go out as one SMS, what the
 * SMS says, and what the record says afterwards. The shell (shared/sms.ts) claims, counts and sends.
 *
 * Platform facts (README "Reachability…", with sources): `cloud.openapi.cloudbase.sendSms` sends
 * `【<mini-program name>】{content}，跳转小程序 {link} 回T退订`; `content` is ours, at most 30 characters; the
 * link opens a page of the environment's static website (`path`), which opens the mini-program. Numbers are
 * `+86…`, at most 1000 a call. Marketing SMS go out 08:00–22:00 only; notification SMS (any hour) need a 工单
 * to WeChat. Content must not hold 【】, ¥, ★ or other composed symbols.
 *
 * Who: staff only (handler, unitHead, commissioner, dispatcher by default, config `roles`), never an
 * enterprise contact: they did not ask for SMS, and a marketing-type SMS to a citizen about their own case is
 * what the platform's content rules forbid (邀请, 催办…); staff receive it as part of their work.
 * What: only reminders and 督办 (config `notifications`), the messages that cost a deadline when missed.
 */
import { z } from 'zod'
import smsJson from '../../../config/notifications/sms.json'
import { ROLES } from '../../../types/domain'
import { ZOD_ERRORS_IN_CHINESE, describeIssues } from '../../../types/rules'
import { shanghaiDateOf } from '../clock'
import { NOTIFICATION_TEMPLATES } from '../routing'
import type { OutboxRecord } from './outbox'

/** What the platform allows in `content` (cloudbase.sendSms: "可自定义内容最多为 30 个字符"). */
export const SMS_CONTENT_MAX = 30
/** 【】 would be read as a second signature; ¥ ★ and composed symbols garble (短信内容规范). */
const FORBIDDEN_IN_SMS = /[【】¥★☆※☞✓^&]/
/** What our own texts hold: Chinese, ASCII letters and digits, '-', Chinese punctuation. */
const PLAIN_SMS = /^[\u4e00-\u9fffA-Za-z0-9\-，。：]+$/

const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, '时间须为 HH:mm（24小时制）')

export const smsConfigSchema = z
  .strictObject({
    $comment: z.string().optional(),
    version: z.number().int().positive(),
    /** the openapi the functions call (their config.json must list it) */
    api: z.literal('cloudbase.sendSms'),
    /** Marketing: content + path, 08:00–22:00, no approval beyond the resource package; Notification: a 工单 */
    smsType: z.enum(['Marketing', 'Notification']),
    /** the static-website page that opens the mini-program; the message's page goes in its `path` query */
    jumpPage: z
      .string()
      .regex(/^\/[A-Za-z0-9_\-/]+\.html$/, '跳转页须为云开发静态网站内的页面路径，如 /open-miniprogram.html'),
    useShortName: z.boolean(),
    /** the notifications that may fall back to SMS → what the SMS says happened (≤ 10 汉字) */
    notifications: z.partialRecord(
      z.enum(NOTIFICATION_TEMPLATES),
      z.string().regex(/^[\u4e00-\u9fff]{2,10}$/, '短信事由须为2–10个汉字'),
    ),
    /** who may receive one (staff roles) */
    roles: z.array(z.enum(ROLES)).min(1),
    limits: z.strictObject({
      /** SMS one person receives per Beijing day */
      perPersonPerDay: z.number().int().min(1).max(20),
      /** SMS the environment sends per Beijing day (the resource package is paid per message) */
      perEnvironmentPerDay: z.number().int().min(1).max(100_000),
    }),
    /** Beijing wall time within which SMS go out (marketing SMS: 08:00–22:00 by the platform) */
    sendWindow: z.strictObject({ from: hhmm, to: hhmm }),
  })
  .superRefine((config, context) => {
    if (config.roles.includes('enterprise'))
      context.addIssue({ code: 'custom', path: ['roles'], message: '企业联系人未同意接收短信，不能加入短信兜底' })
    if (config.sendWindow.from >= config.sendWindow.to)
      context.addIssue({ code: 'custom', path: ['sendWindow'], message: '发送时段的开始须早于结束' })
  })
export type SmsConfig = z.infer<typeof smsConfigSchema>

export function loadSmsConfig(input: unknown): SmsConfig {
  const parsed = smsConfigSchema.safeParse(input, ZOD_ERRORS_IN_CHINESE)
  if (!parsed.success) throw new Error(`短信兜底配置校验失败：${describeIssues(parsed.error.issues).join('；')}`)
  return parsed.data
}

let defaultConfig: SmsConfig | undefined
/** config/notifications/sms.json, validated once. */
export function defaultSmsConfig(): SmsConfig {
  defaultConfig ??= loadSmsConfig(smsJson)
  return defaultConfig
}

// ——— the record ———

export const SMS_STATUSES = ['pending', 'sending', 'sent', 'failed', 'limited', 'noPhone'] as const
/**
 * pending: to be sent (the subscribe message found no consent); sending: claimed, the send may have happened
 * (a sender that died here is never replaced: at most one SMS per record); sent; failed: the platform refused;
 * limited: over a daily limit; noPhone: no verified phone when it was its turn.
 */
export type SmsStatus = (typeof SMS_STATUSES)[number]

/** The SMS side of an outbox record (absent: no SMS was considered). */
export interface SmsDelivery {
  status: SmsStatus
  /** the Beijing day the SMS counts against ('YYYY-MM-DD'), once claimed */
  day: string | null
  /** last four digits of the number, for the office; never the whole number */
  phoneTail: string | null
  /** when it was claimed, then when it was settled */
  at: Date | null
  errCode: number | null
  error: string | null
}

export function pendingSms(): SmsDelivery {
  return { status: 'pending', day: null, phoneTail: null, at: null, errCode: null, error: null }
}

/** The record's recipient and notification may fall back to SMS (whatever their phone). */
export function smsEligible(
  record: Pick<OutboxRecord, 'template' | 'recipientRole'>,
  config: SmsConfig = defaultSmsConfig(),
): boolean {
  return config.notifications[record.template] !== undefined && config.roles.includes(record.recipientRole)
}

/**
 * A record WeChat did not deliver for want of consent, with its SMS marked pending when it may fall back; any
 * other record unchanged. Written in the same conditional write that settles the subscribe message, so a
 * sender that dies afterwards leaves the SMS to the timer's sweep.
 */
export function withSmsFallback<R extends OutboxRecord>(record: R, config: SmsConfig = defaultSmsConfig()): R {
  if (record.status !== 'skippedNoConsent' || record.sms || !smsEligible(record, config)) return record
  return { ...record, sms: pendingSms() }
}

/** A mainland mobile as the platform wants it (`+86` and 11 digits), or null. */
export function smsNumber(phone: string | undefined | null): string | null {
  const digits = (phone ?? '').replace(/^\+?86/, '')
  return /^1[3-9]\d{9}$/.test(digits) ? `+86${digits}` : null
}

/**
 * The SMS text: the ticket's number and what happened, plain Chinese, ≤ 30 characters (the platform appends
 * the link and 回T退订). No OPENID, no code, no name: the number alone lets its owner find the ticket.
 */
export function smsContent(
  record: Pick<OutboxRecord, 'template'> & { ticketNo: string },
  config: SmsConfig = defaultSmsConfig(),
): string {
  const what = config.notifications[record.template] ?? '有新的待办'
  const no = record.ticketNo.replace(/[^A-Za-z0-9-]/g, '')
  const candidates = [`工单${no}${what}，请及时处理`, `工单${no}${what}`, `${no}${what}`, `您有工单${what}`]
  return candidates.find((text) => [...text].length <= SMS_CONTENT_MAX) ?? `您有工单${what}`.slice(0, SMS_CONTENT_MAX)
}

/** The static page's path with the mini-program page it should open (the record's message page). */
export function smsPath(page: string, config: SmsConfig = defaultSmsConfig()): string {
  return `${config.jumpPage}?path=${encodeURIComponent(page)}`
}

/** What the platform says of a text before it is sent (the local cloud applies the same rules). */
export function smsContentProblem(content: string): string | null {
  if (content.length === 0) return '短信内容为空'
  if ([...content].length > SMS_CONTENT_MAX) return `短信内容超过${SMS_CONTENT_MAX}个字`
  if (FORBIDDEN_IN_SMS.test(content)) return '短信内容含【】、¥、★等不支持的符号'
  if (!PLAIN_SMS.test(content)) return '短信内容含不支持的字符'
  return null
}

/** The Beijing day an SMS counts against. */
export function smsDay(now: Date): string {
  return shanghaiDateOf(now)
}

/** Whether `now` is within the SMS send window (Beijing wall time). */
export function withinSmsWindow(now: Date, config: SmsConfig = defaultSmsConfig()): boolean {
  const wall = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)
  return wall >= config.sendWindow.from && wall < config.sendWindow.to
}

/** What cloudbase.sendSms answered, per number (`send_status_list[].code`, 'Ok' when accepted). */
export interface SmsSendResult {
  errCode: number
  errMsg: string
  /** the number's own status code; null when the call failed as a whole */
  code: string | null
}

/** The settled SMS after an answer from the platform. */
export function afterSmsAttempt(sms: SmsDelivery, result: SmsSendResult, now: Date): SmsDelivery {
  if (result.errCode === 0 && (result.code === null || result.code.toLowerCase() === 'ok'))
    return { ...sms, status: 'sent', at: now, errCode: 0, error: null }
  const reason = result.errCode !== 0 ? result.errMsg : `${result.code ?? ''} ${result.errMsg}`.trim()
  return { ...sms, status: 'failed', at: now, errCode: result.errCode, error: reason || '短信发送失败' }
}

/** For the office: what an SMS record means, in Chinese. */
export const SMS_LABELS: { readonly [S in SmsStatus]: string } = {
  pending: '短信待发送',
  sending: '短信已提交，结果未确认',
  sent: '短信已发送',
  failed: '短信发送失败',
  limited: '超出短信每日限额，未发送',
  noPhone: '未验证手机号，未发短信',
}
