/**
 * A city leader's weekly digest (DESIGN.md §1 "read summaries"; issue 10 item 2): the week before, Monday to
 * Sunday in Beijing; what came in and what was settled city-wide, what reaches leaders now, what came from
 * their own enterprises. One message per leader per week: its dedupe key is the week's, so overlapping timer
 * runs and a run that dies halfway can never send it twice (shared/outbox.ts insertNewRecords).
 */
import { MESSAGE_SOURCES, formatField, pageFor, type DigestFacts, type MessageData, type MessageTicket } from './format'
import type { TemplateRegistry } from './templates'
import { shanghaiDateOf, startOfShanghaiDay, type ShanghaiDate } from '../clock'

export interface DigestWeek {
  /** ISO-like week label, e.g. 2026-11-23 (its Monday) */
  id: string
  /** Monday 00:00 Beijing */
  from: Date
  /** the next Monday 00:00 Beijing */
  to: Date
  /** 11月23日—11月29日 */
  label: string
}

/** A civil date plus `days` (no time zone can shift plain dates). */
function addDays(date: ShanghaiDate, days: number): ShanghaiDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** Monday of the week `date` falls in (Beijing). */
function mondayOf(date: ShanghaiDate): ShanghaiDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() // 0 = Sunday
  return addDays(date, weekday === 0 ? -6 : 1 - weekday)
}

function monthDay(date: ShanghaiDate): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/** The whole week before the one `now` is in. */
export function previousWeek(now: Date): DigestWeek {
  const thisMonday = mondayOf(shanghaiDateOf(now))
  const monday = addDays(thisMonday, -7)
  return {
    id: monday,
    from: startOfShanghaiDay(monday),
    to: startOfShanghaiDay(thisMonday),
    label: `${monthDay(monday)}—${monthDay(addDays(monday, 6))}`,
  }
}

/** The digest's dedupe key: one per leader per week (the recipient's OPENID is the user's _id). */
export function digestKey(week: DigestWeek, openid: string): string {
  return `leaderSummary:week-${week.id}:${openid}`
}

/** What a digest counts. */
export interface DigestCounts {
  /** created in the week, city-wide */
  created: number
  /** closed in the week, city-wide */
  closed: number
  reception: number
  escalated: number
  overdue: number
  /** created in the week for the leader's linked enterprises */
  linkedCreated: number
}

export function digestFacts(week: DigestWeek, counts: DigestCounts, now: Date): DigestFacts {
  return {
    period: week.label,
    city: `新增诉求${counts.created}件，办结${counts.closed}件`,
    attention: `接待日${counts.reception}件 升级${counts.escalated}件 超期${counts.overdue}件`,
    linked: `联系企业新增诉求${counts.linkedCreated}件`,
    at: now,
  }
}

/** A digest about no ticket: the stand-in carries nothing a digest.* source reads. */
const NO_TICKET = { _id: '' } as MessageTicket

/** The subscribe message of a digest, or why it cannot be filled; null when the registry sends none. */
export function renderDigest(
  registry: TemplateRegistry,
  facts: DigestFacts,
  now: Date,
): { templateKey: string; message: { data: MessageData; page: string } | null; problem: string | null } | null {
  const templateKey = registry.notifications.leaderSummary
  const template = templateKey === null ? undefined : registry.templates[templateKey]
  if (templateKey === null || template === undefined) return null
  const data: MessageData = {}
  const problems: string[] = []
  for (const field of template.fields) {
    const formatted = formatField(field.type, MESSAGE_SOURCES[field.source]({ ticket: NO_TICKET, digest: facts, now }))
    if (formatted.ok) data[field.key] = { value: formatted.value }
    else problems.push(`${field.key}（${field.label}）${formatted.problem}`)
  }
  if (problems.length > 0) return { templateKey, message: null, problem: problems.join('；') }
  return { templateKey, message: { data, page: pageFor(template, '') }, problem: null }
}
