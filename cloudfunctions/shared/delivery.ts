/**
 * The sender: outbox records to subscribe messages (DESIGN.md §6). For a batch, the recipients' consents are
 * read once; a record nobody can receive (no template id here, no consent left by our count) is settled in
 * one conditional write. Every other record, in this order:
 *
 *  1. claim   — conditional on the record's status and attempts (outbox.claimRecord): of two overlapping
 *               senders that read the same record, one goes on; the other stops before spending anything;
 *  2. consent — one one-time consent taken atomically (consents.reserveConsent), or a standing long-term
 *               subscription; none left → skippedNoConsent without trying (WeChat would answer 43101);
 *  3. send    — cloud.openapi.subscribeMessage.send;
 *  4. settle  — core afterSendAttempt decides (sent, 43101 → no consent, our defect → failed, anything else
 *               → retried with backoff); the consent goes back unless WeChat used it (sent) or denied it
 *               (43101 exhausts the count); defects are logged for the admin to fix config or data.
 *
 * A record is sent at most once unless a sender dies between send and settle (the lease then runs out and
 * the record is tried again): the one gap no database can close around an outside API.
 */
import {
  afterSendAttempt,
  defaultTemplateRegistry,
  remaining,
  skipForNoConsent,
  subscriptionModeOf,
  toSendResult,
  withSmsFallback,
  type ConsentLedger,
  type OutboxRecord,
  type ResolvedTemplateIds,
  type TemplateRegistry,
} from '../core/reminders'
import { openapi } from './cloud'
import { forEachConcurrently } from './concurrently'
import { exhaustConsent, readConsentLedger, refundConsent, reserveConsent } from './consents'
import { CLAIM_LEASE_MS, SEND_CONCURRENCY } from './deliveryLimits'
import { claimRecord, dueRecords, settleRecord, type StoredOutboxRecord } from './outbox'
import { deliverSms } from './sms'
import { currentTemplateIds, miniprogramState } from './subscriptions'

/** records fetched per sender query */
const SEND_PAGE = 100

/** What happened to each record handed to the sender. */
export interface DeliveryTally {
  sent: number
  skippedNoConsent: number
  failed: number
  /** transient failures, pending again with backoff */
  retrying: number
  inAppOnly: number
  /** claimed by an overlapping sender, or no longer pending */
  lost: number
}

export function emptyTally(): DeliveryTally {
  return { sent: 0, skippedNoConsent: 0, failed: 0, retrying: 0, inAppOnly: 0, lost: 0 }
}

function add(tally: DeliveryTally, other: DeliveryTally): DeliveryTally {
  for (const key of Object.keys(tally) as (keyof DeliveryTally)[]) tally[key] += other[key]
  return tally
}

type Outcome = keyof DeliveryTally

/** The settled fields of a record; a staff reminder WeChat could not carry gets its SMS marked pending too. */
function settled(record: OutboxRecord) {
  const { status, attempts, nextAttemptAt, lastErrCode, lastError, defect, sentAt, sms } = withSmsFallback(record)
  return { status, attempts, nextAttemptAt, lastErrCode, lastError, defect, sentAt, ...(sms ? { sms } : {}) }
}

/**
 * A record settled as skippedNoConsent: its SMS, if settled() marked one pending. Any failure here is the SMS's
 * own (logged); the subscribe message's outcome stands, and the timer's sweep tries a pending SMS again.
 */
async function skipped(record: StoredOutboxRecord, now: Date): Promise<'skippedNoConsent'> {
  const { sms } = settled(skipForNoConsent(record))
  if (sms?.status === 'pending') {
    try {
      await deliverSms({ ...record, sms }, now)
    } catch (err) {
      console.error('[sms] fallback failed; the timer tries again', JSON.stringify({ record: record._id }), err)
    }
  }
  return 'skippedNoConsent'
}

async function sendMessage(record: StoredOutboxRecord, templateId: string): Promise<unknown> {
  try {
    return await openapi.subscribeMessage.send({
      touser: record.recipientOpenId,
      templateId,
      page: record.message!.page,
      data: record.message!.data,
      miniprogramState: miniprogramState(),
      lang: 'zh_CN',
    } as Parameters<typeof openapi.subscribeMessage.send>[0])
  } catch (err) {
    // the SDK rejects with errCode for WeChat's refusals, and without one for network faults
    return err
  }
}

/**
 * One record through claim → consent → send → settle. With `ledger` (the consents read for the batch), a
 * record nobody can receive is settled in one conditional write instead (no claim, no refused reservation).
 */
export async function deliverRecord(
  record: StoredOutboxRecord,
  now: Date,
  templateIds: Pick<ResolvedTemplateIds, 'configured'>,
  registry: TemplateRegistry = defaultTemplateRegistry(),
  ledger?: ConsentLedger,
): Promise<Outcome> {
  if (record.status !== 'pending') return 'lost'
  const templateKey = record.templateKey
  const templateId = templateKey === null ? undefined : templateIds.configured[templateKey]

  if (templateKey === null || templateId === undefined || record.message === null) {
    // the template's id was removed from this environment after the record was planned
    const outcome = {
      ...settled(record),
      status: 'inAppOnly' as const,
      nextAttemptAt: null,
      lastError: '此环境未配置该模板ID，只在消息中心显示',
    }
    return (await settleRecord(record._id, record.attempts, outcome)) ? 'inAppOnly' : 'lost'
  }
  if (ledger !== undefined && remaining(ledger, record.recipientOpenId, templateKey) === 0) {
    return (await settleRecord(record._id, record.attempts, settled(skipForNoConsent(record))))
      ? skipped(record, now)
      : 'lost'
  }

  if (!(await claimRecord(record, new Date(now.getTime() + CLAIM_LEASE_MS)))) return 'lost'
  const claimedAttempts = record.attempts + 1
  const reservation = await reserveConsent(
    record.recipientOpenId,
    templateKey,
    subscriptionModeOf(templateKey, registry),
  )
  if (reservation === 'none') {
    // spent meanwhile: nothing was sent, the attempts stay what they were before the claim
    return (await settleRecord(record._id, claimedAttempts, settled(skipForNoConsent(record))))
      ? skipped(record, now)
      : 'lost'
  }

  const result = toSendResult(await sendMessage(record, templateId))
  const { record: next, defect } = afterSendAttempt(record, result, now, registry)
  if (result.errCode === 43101) await exhaustConsent(record.recipientOpenId, templateKey)
  else if (result.errCode !== 0 && reservation === 'reserved') await refundConsent(record.recipientOpenId, templateKey)
  if (defect !== null) console.error('[outbox] defect', JSON.stringify({ record: record._id, ...defect }))
  if (!(await settleRecord(record._id, claimedAttempts, settled(next)))) return 'lost'
  switch (next.status) {
    case 'sent':
      return 'sent'
    case 'skippedNoConsent':
      return skipped(record, now)
    case 'failed':
      return 'failed'
    default:
      return 'retrying'
  }
}

/** Records through the sender, SEND_CONCURRENCY at a time, none started after the deadline (ms since epoch). */
export async function deliverRecords(
  records: readonly StoredOutboxRecord[],
  now: Date,
  deadline: number,
): Promise<DeliveryTally> {
  const tally = emptyTally()
  const templateIds = currentTemplateIds()
  const queue = records.filter((record) => record.status === 'pending')
  if (queue.length === 0) return tally
  const ledger = await readConsentLedger(queue.map((record) => record.recipientOpenId))
  await forEachConcurrently(
    queue,
    SEND_CONCURRENCY,
    async (record) => {
      tally[await deliverRecord(record, now, templateIds, undefined, ledger)] += 1
    },
    () => Date.now() >= deadline,
  )
  return tally
}

/**
 * The timer's sender: every pending record whose time has come, oldest first, page by page until none is
 * left or the deadline passes. Round trips: one query per page, then about 3 per record (claim, consent,
 * settle) plus the send.
 */
export async function deliverDue(now: Date, deadline: number): Promise<DeliveryTally> {
  const tally = emptyTally()
  while (Date.now() < deadline) {
    const page = await dueRecords(now, SEND_PAGE)
    if (page.length === 0) break
    const done = await deliverRecords(page, now, deadline)
    add(tally, done)
    // a page that moved nothing (all lost to an overlapping sender) would come back unchanged
    if (page.length < SEND_PAGE || done.lost === page.length) break
  }
  return tally
}
