/**
 * The leaders' weekly digest, planned by the timer (scheduler/run.ts) on its first active run of a week, for
 * the week before (core/reminders/digest.ts). One outbox record per leader per week, `_id` = the week's key:
 * the record is the subscribe message (template leaderSummary → leaderDigest) and the 消息 entry at once; an
 * overlapping run inserts nothing twice. Once every leader has this week's record a run costs 2 queries.
 * Indexes: users by_grant_role; tickets by_created, by_state_closedAt and the leader items' (shared/leader-items.ts).
 */
import type { WorkingCalendar } from '../core/clock'
import {
  defaultTemplateRegistry,
  digestFacts,
  digestKey,
  previousWeek,
  renderDigest,
  type DigestCounts,
  type TemplateRegistry,
} from '../core/reminders'
import type { AppUser } from '../../types/domain'
import { COLLECTIONS } from './collections'
import { _, db, readMany } from './cloud'
import { leaderItemQuery } from './leader-items'
import { NOTIFICATION_TITLES } from './notifications'
import { insertNewRecords, type StoredOutboxRecord } from './outbox'
import { forEachTicketPage } from './ticket-pages'
import { currentTemplateIds } from './subscriptions'

/** Where a digest opens in the app: the leader's items (the message center follows `link`). */
export const DIGEST_LINK = '/packages/leader/pages/items/index'

const tickets = () => db.collection(COLLECTIONS.tickets)

async function count(where: Record<string, unknown>): Promise<number> {
  const res = (await tickets().where(where).count()) as { total: number }
  return res.total
}

/** Users holding a leader grant (a city has dozens; ≤ 1000 per get). */
async function leaderUsers(): Promise<Array<Pick<AppUser, '_id' | 'grants'>>> {
  return readMany(
    db
      .collection(COLLECTIONS.users)
      .where({ 'grants.role': _.eq('leader') })
      .limit(1000)
      .field({ _id: true, grants: true }),
  )
}

/**
 * Tickets created in [from, to) per enterprise: one indexed read (by_created) of one field, a page of ≤ 1000
 * at a time (a city's week is a few dozen), instead of a count per leader.
 */
async function createdByEnterprise(from: Date, to: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  await forEachTicketPage<{ _id: string; createdAt: Date; enterpriseId: string }>(
    { from, to },
    { enterpriseId: true },
    (rows) => rows.forEach((row) => counts.set(row.enterpriseId, (counts.get(row.enterpriseId) ?? 0) + 1)),
  )
  return counts
}

export interface DigestTally {
  leaders: number
  inserted: number
}

export async function planLeaderDigests(
  calendar: WorkingCalendar,
  now: Date,
  registry: TemplateRegistry = defaultTemplateRegistry(),
): Promise<DigestTally> {
  const week = previousWeek(now)
  const leaders = await leaderUsers()
  if (leaders.length === 0) return { leaders: 0, inserted: 0 }
  const keys = leaders.map((leader) => digestKey(week, leader._id))
  const planned = await readMany<{ _id: string }>(
    db
      .collection(COLLECTIONS.outbox)
      .where({ _id: _.in(keys) })
      .limit(1000)
      .field({ _id: true }),
  )
  if (planned.length === keys.length) return { leaders: leaders.length, inserted: 0 }

  const inWeek = _.gte(week.from).and(_.lt(week.to))
  const [createdBy, closed, reception, escalated, overdue] = await Promise.all([
    createdByEnterprise(week.from, week.to),
    count({ state: _.eq('closed'), closedAt: inWeek }),
    count(leaderItemQuery('reception', calendar, now).where),
    count(leaderItemQuery('escalated', calendar, now).where),
    count(leaderItemQuery('overdue', calendar, now).where),
  ])
  const done = new Set(planned.map((row) => row._id))
  const configured = currentTemplateIds(registry).configured
  const records: StoredOutboxRecord[] = []
  for (const leader of leaders) {
    const key = digestKey(week, leader._id)
    if (done.has(key)) continue
    const enterpriseIds = [
      ...new Set(leader.grants.flatMap((g) => (g.role === 'leader' ? (g.enterpriseIds ?? []) : []))),
    ]
    const linkedCreated = enterpriseIds.reduce((sum, id) => sum + (createdBy.get(id) ?? 0), 0)
    const created = [...createdBy.values()].reduce((sum, n) => sum + n, 0)
    const counts: DigestCounts = { created, closed, reception, escalated, overdue, linkedCreated }
    const rendered = renderDigest(registry, digestFacts(week, counts, now), now)
    const templateKey = rendered?.templateKey ?? null
    const sendable = rendered?.message != null && templateKey !== null && configured[templateKey] !== undefined
    records.push({
      _id: key,
      dedupeKey: key,
      recipientOpenId: leader._id,
      recipientRole: 'leader',
      template: 'leaderSummary',
      templateKey,
      ticketId: '',
      dueField: null,
      dueAt: null,
      message: rendered?.message ?? null,
      status: sendable ? 'pending' : rendered?.problem ? 'failed' : 'inAppOnly',
      attempts: 0,
      nextAttemptAt: sendable ? now : null,
      lastErrCode: null,
      lastError: sendable ? null : (rendered?.problem ?? '未配置工作周报模板ID，只在消息中心显示'),
      defect: null,
      createdAt: now,
      sentAt: null,
      title: NOTIFICATION_TITLES.leaderSummary,
      ticketNo: '',
      ticketTitle: `${week.label}：${counts.created}件新增，${counts.closed}件办结；需关注${reception + escalated + overdue}件`,
      readAt: null,
      link: DIGEST_LINK,
    })
  }
  const { inserted } = await insertNewRecords(records)
  return { leaders: leaders.length, inserted: inserted.length }
}
