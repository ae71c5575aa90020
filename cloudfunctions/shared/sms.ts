/**
 * The SMS fallback's shell (core/reminders/sms.ts decides): an outbox record whose subscribe message found no
 * consent, marked `sms.status: 'pending'` in the same write that settled it, goes out as one SMS:
 *
 *  1. phone   — the recipient's verified phone (me.verifyPhone: users.phone + phoneVerifiedAt); none → noPhone;
 *  2. claim   — pending → sending, conditional on pending: of two senders, one goes on;
 *  3. quota   — one conditional increment of the day's counter (`smsQuota`, _id = Beijing day): under both the
 *               environment's and the person's daily limit, or limited (nothing sent);
 *  4. send    — cloud.openapi.cloudbase.sendSms (shared/cloud.ts sendCloudSms);
 *  5. settle  — sending → sent / failed (a failed SMS gives its count back).
 *
 * At most once: a record is claimed once and a claim is never taken over. A sender that dies between the claim
 * and the settle leaves `sending` (shown as 短信已提交，结果未确认, and counted against the limits): the SMS may or
 * may not have gone out, and sending again could reach the person twice, which costs more (money, trust, the
 * platform's complaints) than a reminder already in 消息. A sender that dies before the claim leaves `pending`:
 * the timer's sweep (sendDueSms) sends it then.
 */
import {
  afterSmsAttempt,
  defaultSmsConfig,
  smsContent,
  smsDay,
  smsNumber,
  smsPath,
  withinSmsWindow,
  type SmsConfig,
  type SmsDelivery,
  type SmsSendResult,
} from '../core/reminders'
import type { AppUser } from '../../types/domain'
import { COLLECTIONS } from './collections'
import { _, db, readDoc, readMany, sendCloudSms } from './cloud'
import type { StoredOutboxRecord } from './outbox'

const outbox = () => db.collection(COLLECTIONS.outbox)
const quota = () => db.collection(COLLECTIONS.smsQuota)

/** A reminder that waited longer than this (outside the send window, an outage) is not worth an SMS any more. */
export const SMS_MAX_AGE_MS = 12 * 3_600_000
/** pending SMS per sweep page */
const SWEEP_PAGE = 50

/**
 * The cloud environment whose SMS resource package pays (HQ_SMS_ENV, set in the function's settings once a
 * package is bought); unset: no SMS is sent and pending ones wait.
 */
export function smsEnvironment(): string | null {
  const env = process.env.HQ_SMS_ENV?.trim() ?? ''
  return /^[A-Za-z0-9_-]{1,64}$/.test(env) ? env : null
}

export type SmsOutcome = 'sent' | 'failed' | 'limited' | 'noPhone' | 'stale' | 'waiting' | 'lost'

/** sending → settled, only if it is still the claim this sender made. */
async function settleSms(id: string, claimedAt: Date, sms: SmsDelivery): Promise<boolean> {
  const res = (await outbox()
    .where({ _id: _.eq(id), 'sms.status': _.eq('sending'), 'sms.at': _.eq(claimedAt) })
    .update({ data: { sms: _.set(sms) } })) as { stats: { updated: number } }
  return res.stats.updated === 1
}

/** pending → settled without a send (no phone, too old). */
async function settlePending(id: string, sms: SmsDelivery): Promise<boolean> {
  const res = (await outbox()
    .where({ _id: _.eq(id), 'sms.status': _.eq('pending') })
    .update({ data: { sms: _.set(sms) } })) as { stats: { updated: number } }
  return res.stats.updated === 1
}

/**
 * Takes one SMS of the day for `openid`: a single conditional update of the day's counter, so two senders can
 * never both take the last one. The day's document is created on first use.
 */
export async function reserveSmsQuota(day: string, openid: string, limits: SmsConfig['limits']): Promise<boolean> {
  const person = `people.${openid}`
  const take = async () => {
    const res = (await quota()
      .where({
        _id: _.eq(day),
        total: _.lt(limits.perEnvironmentPerDay),
        [person]: _.or(_.exists(false), _.lt(limits.perPersonPerDay)),
      })
      .update({ data: { total: _.inc(1), [person]: _.inc(1) } })) as { stats: { updated: number } }
    return res.stats.updated === 1
  }
  if (await take()) return true
  if ((await readDoc(quota().doc(day))) !== null) return false
  try {
    await quota().add({ data: { _id: day, total: 0, people: {} } })
  } catch (err) {
    // created meanwhile by another sender: take from it; any other failure is not a limit reached
    if ((await readDoc(quota().doc(day))) === null) throw err
  }
  return take()
}

async function refundSmsQuota(day: string, openid: string): Promise<void> {
  await quota()
    .doc(day)
    .update({ data: { total: _.inc(-1), [`people.${openid}`]: _.inc(-1) } })
}

/** SMS counted for the day: the environment's total and each person's (reach.list shows a person's). */
export async function smsCountsOf(day: string): Promise<{ total: number; people: Record<string, number> }> {
  const doc = await readDoc<{ total: number; people?: Record<string, number> }>(quota().doc(day))
  return { total: doc?.total ?? 0, people: doc?.people ?? {} }
}

function toSmsResult(outcome: unknown): SmsSendResult {
  if (typeof outcome !== 'object' || outcome === null) return { errCode: -1, errMsg: String(outcome), code: null }
  const { errCode, errcode, errMsg, errmsg, message, sendStatusList } = outcome as Record<string, unknown>
  const codeOf = typeof errCode === 'number' ? errCode : typeof errcode === 'number' ? errcode : null
  const text = [errMsg, errmsg, message].find((value): value is string => typeof value === 'string') ?? ''
  if (codeOf === null) return { errCode: -1, errMsg: text || '短信发送失败（无错误码）', code: null }
  const first = Array.isArray(sendStatusList) ? (sendStatusList[0] as { code?: unknown; message?: unknown }) : undefined
  return {
    errCode: codeOf,
    errMsg: codeOf === 0 && typeof first?.message === 'string' ? first.message : text,
    code: typeof first?.code === 'string' ? first.code : null,
  }
}

/**
 * One record's SMS, if it is pending: phone → claim → quota → send → settle. `waiting` when SMS cannot go out
 * now (outside the send window, no SMS environment set): the record stays pending for a later sweep.
 */
export async function deliverSms(
  record: Pick<StoredOutboxRecord, '_id' | 'recipientOpenId' | 'template' | 'ticketNo' | 'message' | 'createdAt'> & {
    sms?: SmsDelivery | null
  },
  now: Date,
  config: SmsConfig = defaultSmsConfig(),
): Promise<SmsOutcome> {
  if (record.sms?.status !== 'pending') return 'lost'
  const env = smsEnvironment()
  if (env === null || !withinSmsWindow(now, config)) return 'waiting'
  const pending = record.sms
  if (now.getTime() - new Date(record.createdAt).getTime() > SMS_MAX_AGE_MS) {
    const stale = { ...pending, status: 'failed' as const, at: now, error: '提醒已过时，未发送短信' }
    return (await settlePending(record._id, stale)) ? 'stale' : 'lost'
  }
  const user = await readDoc<Pick<AppUser, 'phone' | 'phoneVerifiedAt'>>(
    db.collection(COLLECTIONS.users).doc(record.recipientOpenId),
  )
  const phone = user?.phoneVerifiedAt ? smsNumber(user.phone) : null
  if (phone === null) {
    return (await settlePending(record._id, { ...pending, status: 'noPhone', at: now })) ? 'noPhone' : 'lost'
  }

  const day = smsDay(now)
  const claim: SmsDelivery = { ...pending, status: 'sending', day, phoneTail: phone.slice(-4), at: now }
  const claimed = (await outbox()
    .where({ _id: _.eq(record._id), 'sms.status': _.eq('pending') })
    .update({ data: { sms: _.set(claim) } })) as { stats: { updated: number } }
  if (claimed.stats.updated !== 1) return 'lost'

  if (!(await reserveSmsQuota(day, record.recipientOpenId, config.limits))) {
    const limited = { ...claim, status: 'limited' as const, error: '超出短信每日限额' }
    return (await settleSms(record._id, now, limited)) ? 'limited' : 'lost'
  }

  const page = record.message?.page ?? 'pages/index/index'
  const result = toSmsResult(
    await sendCloudSms({
      env,
      phoneNumberList: [phone],
      smsType: 'Marketing',
      content: smsContent(record, config),
      path: smsPath(page, config),
      useShortName: config.useShortName,
    }),
  )
  const next = afterSmsAttempt(claim, result, now)
  if (next.status === 'failed') {
    console.error('[sms] not sent', JSON.stringify({ record: record._id, errCode: result.errCode, error: next.error }))
    await refundSmsQuota(day, record.recipientOpenId)
  }
  return (await settleSms(record._id, now, next)) ? (next.status === 'sent' ? 'sent' : 'failed') : 'lost'
}

/** What a sweep did with the pending SMS. */
export type SmsTally = Record<SmsOutcome, number>

export function emptySmsTally(): SmsTally {
  return { sent: 0, failed: 0, limited: 0, noPhone: 0, stale: 0, waiting: 0, lost: 0 }
}

/**
 * The timer's SMS sweep: records whose SMS is still pending (their sender died before the claim, or the send
 * window was closed), oldest first (index by_smsStatus_created), one at a time, none started after the deadline.
 */
export async function sendDueSms(now: Date, deadline: number): Promise<SmsTally> {
  const tally = emptySmsTally()
  if (smsEnvironment() === null || !withinSmsWindow(now)) return tally
  const page = await readMany<StoredOutboxRecord>(
    outbox()
      .where({ 'sms.status': _.eq('pending') })
      .orderBy('createdAt', 'asc')
      .limit(SWEEP_PAGE),
  )
  for (const record of page) {
    if (Date.now() >= deadline) break
    tally[await deliverSms(record, now)] += 1
  }
  return tally
}
