/**
 * The `outbox` collection: one record per (notification, user), `_id` = its dedupe key
 * (core/reminders/outbox.ts). It is the queue of subscribe messages and, at the same time, every user's
 * in-app message center (消息中心): a record exists whether or not WeChat delivered anything.
 * Every query here has its index in db-manifest.json.
 */
import { PAGE_SIZE } from '../../types/schemas'
import type { OutboxRecord, OutboxStatus } from '../core/reminders'
import { COLLECTIONS } from './collections'
import { _, db, readMany } from './cloud'
import { afterCursor, encodeCursor } from './ticketQuery'

/** An outbox record as stored: the core's record, plus what the message center shows. */
export interface StoredOutboxRecord extends OutboxRecord {
  /** the notification's title in Chinese (notifications.ts NOTIFICATION_TITLES) */
  title: string
  ticketNo: string
  ticketTitle: string
  /** when the user opened it in the message center; null = unread */
  readAt: Date | null
  /** where the message opens in the app when it is about no ticket (a digest, a request to renew) */
  link?: string
}

const outbox = () => db.collection(COLLECTIONS.outbox)

/**
 * A message for the message center only, about no ticket (a request to renew consents, the December calendar
 * notice): `key` is its id and dedupe key, so writing it twice keeps one; `text` is what the person reads.
 */
export function inAppNotice(notice: {
  key: string
  recipientOpenId: string
  recipientRole: OutboxRecord['recipientRole']
  template: OutboxRecord['template']
  title: string
  text: string
  link: string
  /** why WeChat was not used, for the office's delivery view (null: nothing to say) */
  reason: string | null
  now: Date
}): StoredOutboxRecord {
  return {
    _id: notice.key,
    dedupeKey: notice.key,
    recipientOpenId: notice.recipientOpenId,
    recipientRole: notice.recipientRole,
    template: notice.template,
    templateKey: null,
    ticketId: '',
    dueField: null,
    dueAt: null,
    message: null,
    status: 'inAppOnly',
    attempts: 0,
    nextAttemptAt: null,
    lastErrCode: null,
    lastError: notice.reason,
    defect: null,
    createdAt: notice.now,
    sentAt: null,
    title: notice.title,
    ticketNo: '',
    ticketTitle: notice.text,
    readAt: null,
    link: notice.link,
  }
}

/** ≤ 1000 documents per get() in cloud functions (DESIGN.md §6). */
const MAX_GET = 1000
/** ids per existence check */
const ID_CHUNK = 500
/** documents per batch add */
const ADD_CHUNK = 100

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size))
  return out
}

async function existingIds(ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (const chunk of chunks(ids, ID_CHUNK)) {
    const rows = await readMany<{ _id: string }>(
      outbox()
        .where({ _id: _.in(chunk) })
        .limit(MAX_GET)
        .field({ _id: true }),
    )
    rows.forEach((row) => found.add(row._id))
  }
  return found
}

/**
 * Inserts the records not yet in the outbox and says which ones this call inserted. A timer run re-plans
 * the same reminders all day long, so it first asks which keys exist (one query per 500), then adds the
 * rest in batches. An add that fails (another run inserted the same key meanwhile: a duplicate key, -502001
 * in the local cloud; the cloud's exact code is not documented) falls back to one add per record, and a
 * record whose key then exists was planned by someone else: that is the dedupe working, not an error.
 */
export async function insertNewRecords(
  records: readonly StoredOutboxRecord[],
): Promise<{ inserted: StoredOutboxRecord[]; duplicates: number }> {
  const unique = [...new Map(records.map((record) => [record._id, record])).values()]
  const existing = await existingIds(unique.map((record) => record._id))
  const fresh = unique.filter((record) => !existing.has(record._id))
  const inserted: StoredOutboxRecord[] = []
  for (const batch of chunks(fresh, ADD_CHUNK)) {
    try {
      await outbox().add({ data: batch })
      inserted.push(...batch)
    } catch {
      for (const record of batch) if (await addOne(record)) inserted.push(record)
    }
  }
  return { inserted, duplicates: records.length - inserted.length }
}

/** Adds one record; false when its key exists already (planned by an overlapping run). */
async function addOne(record: StoredOutboxRecord): Promise<boolean> {
  try {
    await outbox().add({ data: record })
    return true
  } catch (err) {
    if ((await existingIds([record._id])).has(record._id)) return false
    throw err
  }
}

/** Pending records whose send is due, oldest first (index by_status_nextAttempt). */
export async function dueRecords(now: Date, limit: number): Promise<StoredOutboxRecord[]> {
  return readMany<StoredOutboxRecord>(
    outbox()
      .where({ status: _.eq('pending'), nextAttemptAt: _.lte(now) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(Math.min(limit, MAX_GET)),
  )
}

/**
 * Takes a pending record for one send: only if it is still pending with the attempts this sender read. The
 * attempt is counted and the record leased (nextAttemptAt moves on), so an overlapping sender that read the
 * same record loses here, before it spends a consent or sends; a sender that dies after the claim leaves the
 * record to be tried again once the lease is over.
 */
export async function claimRecord(record: Pick<OutboxRecord, '_id' | 'attempts'>, leaseUntil: Date): Promise<boolean> {
  const res = (await outbox()
    .where({ _id: _.eq(record._id), status: _.eq('pending'), attempts: _.eq(record.attempts) })
    .update({ data: { attempts: _.inc(1), nextAttemptAt: _.set(leaseUntil) } })) as { stats: { updated: number } }
  return res.stats.updated === 1
}

/** The fields a send attempt settles. */
type Settled = Pick<
  OutboxRecord,
  'status' | 'attempts' | 'nextAttemptAt' | 'lastErrCode' | 'lastError' | 'defect' | 'sentAt' | 'sms'
>

/** Writes the outcome of a claimed record, only if nobody claimed it after us (attempts as we left them). */
export async function settleRecord(id: string, claimedAttempts: number, outcome: Settled): Promise<boolean> {
  const data: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(outcome)) data[key] = _.set(value)
  const res = (await outbox()
    .where({ _id: _.eq(id), status: _.eq('pending'), attempts: _.eq(claimedAttempts) })
    .update({ data })) as { stats: { updated: number } }
  return res.stats.updated === 1
}

// ——— the message center ———

/** What the message center lists of a record. */
const LIST_FIELDS = {
  _id: true,
  template: true,
  title: true,
  ticketId: true,
  ticketNo: true,
  ticketTitle: true,
  recipientRole: true,
  createdAt: true,
  readAt: true,
  status: true,
  link: true,
  detail: true,
}
export type MessageRow = Pick<StoredOutboxRecord, keyof typeof LIST_FIELDS>

/**
 * A user's messages, newest first, one page after `cursor` (index by_recipient_created_id: no growing
 * skip); one extra row tells whether more exist.
 */
export async function listMessages(
  openid: string,
  cursor: string | undefined,
): Promise<{ rows: MessageRow[]; hasMore: boolean; nextCursor: string | null }> {
  const sort = { field: 'createdAt', order: 'desc' } as const
  const mine = { recipientOpenId: _.eq(openid) }
  const rows = await readMany<MessageRow>(
    outbox()
      .where(cursor ? _.and([mine, afterCursor(sort, cursor) as typeof mine]) : mine)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(PAGE_SIZE + 1)
      .field(LIST_FIELDS),
  )
  const page = rows.slice(0, PAGE_SIZE)
  const last = page[page.length - 1]
  const hasMore = rows.length > PAGE_SIZE
  return { rows: page, hasMore, nextCursor: hasMore && last ? encodeCursor(last.createdAt, last._id) : null }
}

/** How many of a user's messages are unread (index by_recipient_read). */
export async function countUnread(openid: string): Promise<number> {
  const res = (await outbox()
    .where({ recipientOpenId: _.eq(openid), readAt: _.eq(null) })
    .count()) as { total: number }
  return res.total
}

/** Marks a user's messages read: the given ones (only theirs), or all unread. Returns how many changed. */
export async function markRead(openid: string, which: readonly string[] | 'all', now: Date): Promise<number> {
  const mine =
    which === 'all'
      ? { recipientOpenId: _.eq(openid), readAt: _.eq(null) }
      : { _id: _.in([...which]), recipientOpenId: _.eq(openid), readAt: _.eq(null) }
  const res = (await outbox()
    .where(mine)
    .update({ data: { readAt: _.set(now) } })) as { stats: { updated: number } }
  return res.stats.updated
}

/** The statuses a message center row can show, in Chinese. */
export const DELIVERY_LABELS: { readonly [S in OutboxStatus]: string } = {
  pending: '待推送',
  sent: '已推送到微信',
  skippedNoConsent: '未订阅，仅站内',
  failed: '推送失败，仅站内',
  inAppOnly: '仅站内',
}
