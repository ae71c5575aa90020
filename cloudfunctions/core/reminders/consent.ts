/**
 * Subscribe-message consent, counted on the server (DESIGN.md §6): a one-time consent allows exactly one send
 * and no WeChat API tells how many a user has left, so we count them per user and template. A government
 * service approved for long-term subscription (长期订阅) sends without using consent up; the mode comes from
 * the template registry (templates.ts subscriptionModeOf).
 *
 * Pure functions over plain records. In the database: one document per user in a `consents` collection,
 * `_id` = OPENID, one field per template key `{ oneTime, longTerm }`; the shell consumes with a single-document
 * atomic update (`where({ _id, 'dueSoon.oneTime': _.gt(0) }).update({ 'dueSoon.oneTime': _.inc(-1) })`) so two
 * senders never spend the same consent; these functions state the same rules for the planner and the tests.
 */
import {
  defaultTemplateRegistry,
  subscriptionModeOf,
  type ResolvedTemplateIds,
  type SubscriptionMode,
  type TemplateRegistry,
} from './templates'

export interface ConsentCount {
  /** one-time consents not yet used */
  oneTime: number
  /** the user accepted a long-term subscription: sends do not use consent up (until WeChat answers 43101) */
  longTerm: boolean
}

/** One user's consents, by template key. */
export type UserConsents = Readonly<Record<string, ConsentCount>>
/** Consents of many users, by OPENID. */
export type ConsentLedger = Readonly<Record<string, UserConsents>>

/** What a user can still receive of a template: a count, or 'unlimited' under long-term subscription. */
export type ConsentRemaining = number | 'unlimited'

const NONE: ConsentCount = Object.freeze({ oneTime: 0, longTerm: false })

function countOf(ledger: ConsentLedger, openid: string, templateKey: string): ConsentCount {
  return ledger[openid]?.[templateKey] ?? NONE
}

function withCount(ledger: ConsentLedger, openid: string, templateKey: string, count: ConsentCount): ConsentLedger {
  return { ...ledger, [openid]: { ...ledger[openid], [templateKey]: count } }
}

function remainingOf(count: ConsentCount): ConsentRemaining {
  return count.longTerm ? 'unlimited' : count.oneTime
}

/** What a user can still receive of a template. */
export function remaining(ledger: ConsentLedger, openid: string, templateKey: string): ConsentRemaining {
  return remainingOf(countOf(ledger, openid, templateKey))
}

/**
 * The user accepted a template `n` times (each tap on 允许 with the template in the request is one).
 * In long-term mode the acceptance is a standing subscription instead of a count.
 */
export function grant(
  ledger: ConsentLedger,
  openid: string,
  templateKey: string,
  n = 1,
  mode: SubscriptionMode = 'oneTime',
): ConsentLedger {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`consents granted must be a whole number ≥ 0, got ${n}`)
  const count = countOf(ledger, openid, templateKey)
  return withCount(
    ledger,
    openid,
    templateKey,
    mode === 'longTerm' ? { ...count, longTerm: true } : { ...count, oneTime: count.oneTime + n },
  )
}

/**
 * Spends one consent for one send. `ok: false` when none is left: the send must not be tried (it would
 * answer 43101) and the message stays in the in-app center. Long-term subscriptions are not spent.
 */
export function consume(
  ledger: ConsentLedger,
  openid: string,
  templateKey: string,
): { ok: boolean; remaining: ConsentRemaining; ledger: ConsentLedger } {
  const count = countOf(ledger, openid, templateKey)
  if (count.longTerm) return { ok: true, remaining: 'unlimited', ledger }
  if (count.oneTime <= 0) return { ok: false, remaining: 0, ledger }
  const next = { ...count, oneTime: count.oneTime - 1 }
  return { ok: true, remaining: next.oneTime, ledger: withCount(ledger, openid, templateKey, next) }
}

/**
 * Gives back a consent spent on a send WeChat did not deliver for another reason than consent (busy, rate
 * limit, a defect of ours): WeChat only uses a consent up on a delivered message.
 */
export function refund(ledger: ConsentLedger, openid: string, templateKey: string): ConsentLedger {
  const count = countOf(ledger, openid, templateKey)
  return count.longTerm ? ledger : withCount(ledger, openid, templateKey, { ...count, oneTime: count.oneTime + 1 })
}

/** WeChat answered 43101: whatever we counted, the user has no consent left (or cancelled the subscription). */
export function exhaust(ledger: ConsentLedger, openid: string, templateKey: string): ConsentLedger {
  return withCount(ledger, openid, templateKey, { oneTime: 0, longTerm: false })
}

/** wx.requestSubscribeMessage's answer per template id ('accept' | 'reject' | 'ban' | 'filter'), plus errMsg. */
export type SubscribeResult = Readonly<Record<string, string>>

/**
 * Records what the user chose in the consent dialog: each accepted template is granted once (or subscribed
 * long-term); a template the user banned (关闭了该消息) has nothing left. Ids the registry does not know are
 * ignored, so a client cannot grant itself consents to templates we never asked for.
 */
export function grantFromSubscribeResult(
  ledger: ConsentLedger,
  openid: string,
  result: SubscribeResult,
  resolved: Pick<ResolvedTemplateIds, 'keysById'>,
  registry: TemplateRegistry = defaultTemplateRegistry(),
): ConsentLedger {
  let next = ledger
  for (const [templateId, choice] of Object.entries(result)) {
    // own keys only: `constructor`, `toString`… are not template ids, however the client spells them
    if (!Object.prototype.hasOwnProperty.call(resolved.keysById, templateId)) continue
    const templateKey = resolved.keysById[templateId]
    if (choice === 'accept') next = grant(next, openid, templateKey, 1, subscriptionModeOf(templateKey, registry))
    else if (choice === 'ban') next = exhaust(next, openid, templateKey)
  }
  return next
}
