/**
 * Subscribe-message values, formatted to the field types WeChat accepts (DESIGN.md §6; 订阅消息参数值内容限制):
 *
 * | type               | WeChat limit                                   | here                                          |
 * |--------------------|------------------------------------------------|-----------------------------------------------|
 * | `thing`            | ≤ 20 characters, no line breaks                | cut to 19 + '…' (the '…' counts in the 20)     |
 * | `phrase`           | ≤ 5 汉字, 汉字 only                             | mapped labels; anything else keeps its 汉字    |
 * | `character_string` | ≤ 32 letters, digits, symbols; no Chinese      | other characters stripped, cut to 32           |
 * | `time`             | 24 h time, may carry the date                  | 'YYYY年MM月DD日 HH:mm' in Asia/Shanghai        |
 * | `date`             | 年月日                                          | 'YYYY年MM月DD日' in Asia/Shanghai              |
 * | `name`             | ≤ 10 汉字 or ≤ 20 letters (mixed counts as 汉字) | cut to the limit                              |
 * | `number`           | ≤ 32 digits, may be decimal                    | refused otherwise                              |
 *
 * An empty value is refused by WeChat (47003 "data.thing2.value is empty"), so text fields fall back to a
 * placeholder; a time that does not exist is a defect of the template's configuration and is reported.
 * Lengths count code points, not UTF-16 units: '𠀀' or '😀' is one character, and a cut never splits one.
 */
import {
  OUTCOME_LABELS,
  RATING_LABELS,
  TRACK_LABELS,
  type Outcome,
  type Rating,
  type Ticket,
  type TicketState,
  type TimelineEntry,
  type Track,
} from '../../../types/domain'
import { SHANGHAI_TIME_ZONE } from '../clock'
import type { DueField, EventMessage } from '../effects'
import { EVENT_LABELS } from '../lifecycle'

export const FIELD_TYPES = ['thing', 'phrase', 'character_string', 'time', 'date', 'name', 'number'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** WeChat's limits, in characters (code points). */
export const FIELD_LIMITS = {
  /** thing ≤ 20 characters */
  thing: 20,
  /** phrase ≤ 5 汉字 */
  phrase: 5,
  /** character_string ≤ 32 letters, digits or symbols */
  character_string: 32,
  /** name ≤ 10 汉字 (a name with any 汉字 counts as a Chinese name) */
  nameChinese: 10,
  /** name ≤ 20 letters or symbols */
  nameLatin: 20,
  /** number ≤ 32 digits */
  number: 32,
} as const

const ELLIPSIS = '…'

/** What a text field shows when its source is empty (WeChat refuses an empty value). */
const EMPTY_PLACEHOLDERS: { readonly [T in FieldType]?: string } = {
  thing: '无',
  phrase: '无',
  character_string: '-',
  name: '无',
}

export type RawValue = string | number | Date | null | undefined
export type FieldFormat = { ok: true; value: string } | { ok: false; problem: string }

/** The number of characters as WeChat counts them: code points ('😀' is 1, not 2). */
export function codePointLength(text: string): number {
  let length = 0
  for (const _ of text) length += 1
  return length
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const CONTROL_OR_FORMAT_RUN = /[\p{Cc}\s]+/gu
/** joiners and variation selectors that would dangle after a cut */
const TRAILING_JOINERS = /(?:\u200D|\uFE0E|\uFE0F)+$/u

/** One line of text: control characters and line breaks become single spaces (WeChat refuses control characters). */
function oneLine(text: string): string {
  return text.replace(LONE_SURROGATE, '').replace(CONTROL_OR_FORMAT_RUN, ' ').trim()
}

/** The first `limit` code points, with '…' as the last of them when something was cut. */
function cutWithEllipsis(text: string, limit: number): string {
  const characters = Array.from(text)
  if (characters.length <= limit) return text
  return (
    characters
      .slice(0, limit - 1)
      .join('')
      .replace(TRAILING_JOINERS, '')
      .trimEnd() + ELLIPSIS
  )
}

function cut(text: string, limit: number): string {
  return Array.from(text).slice(0, limit).join('')
}

function textOf(raw: RawValue): string {
  if (raw === null || raw === undefined) return ''
  if (raw instanceof Date) return formatShanghaiMinute(raw)
  return String(raw)
}

function orPlaceholder(type: FieldType, value: string, fallback?: string): FieldFormat {
  if (value.length > 0) return { ok: true, value }
  const placeholder = fallback ?? EMPTY_PLACEHOLDERS[type]
  return placeholder === undefined ? { ok: false, problem: '值为空' } : { ok: true, value: placeholder }
}

/** thing: ≤ 20 characters of any kind on one line; longer text ends in '…' within the 20. */
export function formatThing(raw: RawValue, fallback?: string): FieldFormat {
  return orPlaceholder('thing', cutWithEllipsis(oneLine(textOf(raw)), FIELD_LIMITS.thing), fallback)
}

const HAN = /\p{Script=Han}/u
const NOT_HAN = /[^\p{Script=Han}]/gu

/**
 * phrase: ≤ 5 汉字 and nothing else. Labels the system writes are mapped to short phrases (PHRASES); any
 * other text keeps its 汉字 only, cut to 5 ('…' is not a 汉字, so no ellipsis here).
 */
export function formatPhrase(raw: RawValue, fallback?: string): FieldFormat {
  return orPlaceholder('phrase', cut(textOf(raw).replace(NOT_HAN, ''), FIELD_LIMITS.phrase), fallback)
}

/** printable ASCII without the space: the letters, digits and symbols character_string takes */
const NOT_CHARACTER_STRING = /[^\x21-\x7E]/g

/** character_string: ≤ 32 letters, digits or symbols; Chinese and other characters are stripped. */
export function formatCharacterString(raw: RawValue, fallback?: string): FieldFormat {
  return orPlaceholder(
    'character_string',
    cut(textOf(raw).replace(NOT_CHARACTER_STRING, ''), FIELD_LIMITS.character_string),
    fallback,
  )
}

// One formatter made once: building an Intl formatter per value is slow (see clock.ts).
const shanghaiMinuteFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

function shanghaiParts(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = { year: '', month: '', day: '', hour: '', minute: '' }
  for (const part of shanghaiMinuteFormat.formatToParts(instant)) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = part.value
  }
  return parts
}

/** 'YYYY年MM月DD日 HH:mm' in Asia/Shanghai, whatever the process's TZ (WeChat's time: 24 h, may carry the date). */
export function formatShanghaiMinute(instant: Date): string {
  const { year, month, day, hour, minute } = shanghaiParts(instant)
  return `${year}年${month}月${day}日 ${hour}:${minute}`
}

/** 'YYYY年MM月DD日' in Asia/Shanghai. */
export function formatShanghaiDay(instant: Date): string {
  const { year, month, day } = shanghaiParts(instant)
  return `${year}年${month}月${day}日`
}

function formatInstant(raw: RawValue, render: (instant: Date) => string): FieldFormat {
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return { ok: true, value: render(raw) }
  return { ok: false, problem: raw === null || raw === undefined ? '没有这个时间' : `不是时间：${String(raw)}` }
}

/** time: 'YYYY年MM月DD日 HH:mm' in Asia/Shanghai; a missing time cannot be faked. */
export function formatTime(raw: RawValue): FieldFormat {
  return formatInstant(raw, formatShanghaiMinute)
}

/** date: 'YYYY年MM月DD日' in Asia/Shanghai. */
export function formatDate(raw: RawValue): FieldFormat {
  return formatInstant(raw, formatShanghaiDay)
}

/** name: ≤ 10 汉字, or ≤ 20 letters and symbols; a name mixing both counts as a Chinese name. */
export function formatName(raw: RawValue, fallback?: string): FieldFormat {
  const text = oneLine(textOf(raw))
  const limit = HAN.test(text) || /[^\x20-\x7E]/.test(text) ? FIELD_LIMITS.nameChinese : FIELD_LIMITS.nameLatin
  return orPlaceholder('name', cut(text, limit).trim(), fallback)
}

/** number: ≤ 32 digits, may be decimal; anything else is refused rather than guessed. */
export function formatNumber(raw: RawValue): FieldFormat {
  const text = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : '') : textOf(raw).trim()
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, problem: `不是数字：${text || '(空)'}` }
  if (text.replace('.', '').length > FIELD_LIMITS.number)
    return { ok: false, problem: `超过${FIELD_LIMITS.number}位数字` }
  return { ok: true, value: text }
}

/** One formatter per WeChat field type. */
export const FIELD_FORMATTERS: { readonly [T in FieldType]: (raw: RawValue, fallback?: string) => FieldFormat } = {
  thing: formatThing,
  phrase: formatPhrase,
  character_string: formatCharacterString,
  time: formatTime,
  date: formatDate,
  name: formatName,
  number: formatNumber,
}

export function formatField(type: FieldType, raw: RawValue, fallback?: string): FieldFormat {
  return FIELD_FORMATTERS[type](raw, fallback)
}

// ——— phrases: the system's own words, each ≤ 5 汉字 (phrase field) ———

/** STATE_LABELS say '已答复(待评价)': too long and not all 汉字 for a phrase. */
export const STATE_PHRASES: { readonly [S in TicketState]: string } = {
  submitted: '待受理',
  accepted: '已受理',
  dispatched: '已派单',
  signed: '已签收',
  replied: '待评价',
  closed: '已办结',
  rejected: '不予受理',
  withdrawn: '已撤回',
}

export const OUTCOME_PHRASES: { readonly [O in Outcome]: string } = OUTCOME_LABELS
export const TRACK_PHRASES: { readonly [T in Track]: string } = TRACK_LABELS
export const RATING_PHRASES: { readonly [R in Rating | 'unrated']: string } = { ...RATING_LABELS, unrated: '未评价' }

/** Where a reminder stands against its due time. */
export const DUE_STAGES = ['dueSoon', 'overdue'] as const
export type DueStage = (typeof DUE_STAGES)[number]
export const DUE_STAGE_PHRASES: { readonly [S in DueStage]: string } = { dueSoon: '即将超期', overdue: '已超期' }

/** What each due is a due for, as the messages and the 督办 notes name it. */
export const DUE_LABELS: { readonly [F in DueField]: string } = {
  acceptDueAt: '受理期限',
  signDueAt: '签收期限',
  sendBackDueAt: '退回期限',
  replyDueAt: '答复期限',
  meetingDueAt: '专题协调会期限',
  ratingDueAt: '评价期限',
}

/** What an event message says when the event carried no note or reason of its own. */
const EVENT_DETAIL_DEFAULTS: { readonly [event: string]: string } = {
  submit: '企业提交了新诉求，请及时受理',
  accept: '您的诉求已受理，正在安排承办单位',
  dispatch: '请及时签收并按期答复',
  withdraw: '企业已撤回诉求',
  approveExtension: '延期申请已同意',
  expireRating: '超过评价期限未评价，自动办结',
}

// ——— message sources: what a template field may show ———

/** What a message is about: the ticket (after the event), the due it reminds of, the event that caused it. */
export type MessageTicket = Pick<
  Ticket,
  | '_id'
  | 'no'
  | 'title'
  | 'enterpriseName'
  | 'state'
  | 'track'
  | 'outcome'
  | 'rating'
  | 'reply'
  | 'createdAt'
  | 'signDueAt'
  | 'replyDueAt'
  | 'ratingDueAt'
  | 'closedAt'
>

/** A leader's weekly digest (core/reminders/digest.ts): what its template's digest.* fields show. */
export interface DigestFacts {
  /** 11月24日—11月30日 */
  period: string
  /** 新增诉求12件，办结9件 */
  city: string
  /** 接待日3件 升级2件 超期5件 */
  attention: string
  /** 联系企业新增诉求1件 */
  linked: string
  at: Date
}

export interface MessageContext {
  /** a digest is about no ticket: its messages carry a stand-in with an empty _id (digest.ts) */
  ticket: MessageTicket
  /** a reminder: the due it is about */
  due?: { field: DueField; at: Date } | null
  /** an event's message: the timeline entry the event appended */
  entry?: TimelineEntry | null
  /** the event's own words for this message: they take the place of its label and note */
  message?: EventMessage | null
  /** a leader's weekly digest */
  digest?: DigestFacts | null
  now: Date
}

/** Every value a template field may take, by name (templates.json `source`). */
export const MESSAGE_SOURCES = {
  'ticket.no': ({ ticket }) => ticket.no,
  'ticket.title': ({ ticket }) => ticket.title,
  'ticket.enterpriseName': ({ ticket }) => ticket.enterpriseName,
  'ticket.state': ({ ticket }) => STATE_PHRASES[ticket.state],
  'ticket.track': ({ ticket }) => TRACK_PHRASES[ticket.track],
  'ticket.outcome': ({ ticket }) => (ticket.outcome === null ? null : OUTCOME_PHRASES[ticket.outcome]),
  'ticket.rating': ({ ticket }) => RATING_PHRASES[ticket.rating ?? 'unrated'],
  'ticket.replyText': ({ ticket }) => ticket.reply?.text ?? null,
  'ticket.createdAt': ({ ticket }) => ticket.createdAt,
  'ticket.signDueAt': ({ ticket }) => ticket.signDueAt,
  'ticket.replyDueAt': ({ ticket }) => ticket.replyDueAt,
  'ticket.ratingDueAt': ({ ticket }) => ticket.ratingDueAt,
  'ticket.closedAt': ({ ticket }) => ticket.closedAt,
  'due.label': ({ due }) => (due ? DUE_LABELS[due.field] : null),
  'due.at': ({ due }) => due?.at ?? null,
  'due.stage': ({ due, now }) =>
    due ? DUE_STAGE_PHRASES[now.getTime() > due.at.getTime() ? 'overdue' : 'dueSoon'] : null,
  'event.label': ({ entry, message }) => message?.progress ?? (entry ? eventLabel(entry.event) : null),
  'event.detail': ({ entry, message }) =>
    message?.detail ??
    (entry ? (entry.note ?? entry.reason ?? EVENT_DETAIL_DEFAULTS[entry.event] ?? eventLabel(entry.event)) : null),
  'event.at': ({ entry }) => entry?.at ?? null,
  'event.actorName': ({ entry }) => entry?.actorName ?? null,
  'digest.period': ({ digest }) => digest?.period ?? null,
  'digest.city': ({ digest }) => digest?.city ?? null,
  'digest.attention': ({ digest }) => digest?.attention ?? null,
  'digest.linked': ({ digest }) => digest?.linked ?? null,
  'digest.at': ({ digest }) => digest?.at ?? null,
} satisfies Record<string, (context: MessageContext) => RawValue>
export type MessageSource = keyof typeof MESSAGE_SOURCES
export const MESSAGE_SOURCE_NAMES = Object.keys(MESSAGE_SOURCES) as MessageSource[]

function eventLabel(event: string): string {
  return event === 'submit' ? '提交诉求' : (EVENT_LABELS[event as keyof typeof EVENT_LABELS] ?? event)
}

// ——— building a message ———

/** The part of a template buildMessageData needs (templates.ts TemplateSpec satisfies it). */
export interface MessageTemplate {
  title: string
  page: string
  fields: readonly { key: string; label: string; type: FieldType; source: MessageSource; fallback?: string }[]
}

/** subscribeMessage.send's `data`: { thing2: { value: '…' }, … } */
export type MessageData = Record<string, { value: string }>

export interface FieldProblem {
  key: string
  label: string
  source: MessageSource
  problem: string
}

export type BuiltMessage = { ok: true; data: MessageData; page: string } | { ok: false; problems: FieldProblem[] }

/** The page the message opens: `{ticketId}` in the template's page, URL-encoded. */
export function pageFor(template: Pick<MessageTemplate, 'page'>, ticketId: string): string {
  return template.page.replace(/\{ticketId\}/g, encodeURIComponent(ticketId))
}

/** Every field of a template, formatted for its type, and the page; or every field that cannot be filled. */
export function buildMessageData(template: MessageTemplate, context: MessageContext): BuiltMessage {
  const data: MessageData = {}
  const problems: FieldProblem[] = []
  for (const field of template.fields) {
    const formatted = formatField(field.type, MESSAGE_SOURCES[field.source](context), field.fallback)
    if (formatted.ok) data[field.key] = { value: formatted.value }
    else problems.push({ key: field.key, label: field.label, source: field.source, problem: formatted.problem })
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, data, page: pageFor(template, context.ticket._id) }
}
