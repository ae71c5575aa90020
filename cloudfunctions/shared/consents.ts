/**
 * The `consents` collection: subscribe-message consents counted per user (`_id` = OPENID) and template key,
 * `{ <templateKey>: { oneTime, longTerm } }` (core/reminders/consent.ts states the rules). WeChat tells no
 * count, so we keep it: one accepted one-time consent allows one send.
 *
 * Spending is a single-document conditional update, `where({ _id, '<key>.oneTime': _.gt(0) })` with
 * `_.inc(-1)`: two senders can never spend the same consent. Granting reads, applies the core's
 * grantFromSubscribeResult and writes back in a single-document transaction (the only kind the cloud offers).
 */
import {
  defaultTemplateRegistry,
  grantFromSubscribeResult,
  type ConsentCount,
  type ConsentLedger,
  type ResolvedTemplateIds,
  type SubscribeResult,
  type SubscriptionMode,
  type TemplateRegistry,
  type UserConsents,
} from '../core/reminders'
import { COLLECTIONS } from './collections'
import { _, db, readDoc, readMany } from './cloud'

const consents = () => db.collection(COLLECTIONS.consents)
/** The part of the database a transaction callback may use (wx-db-contract item 56). */
type TransactionDb = Pick<typeof db, 'collection'>

/** How a send is covered: one one-time consent taken, a standing long-term subscription, or nothing. */
export type ConsentReservation = 'reserved' | 'standing' | 'none'

/**
 * Takes what a send needs. Long-term templates send on a standing subscription without spending anything
 * (one count query); otherwise one one-time consent is taken atomically (one conditional update).
 */
export async function reserveConsent(
  openid: string,
  templateKey: string,
  mode: SubscriptionMode,
): Promise<ConsentReservation> {
  if (mode === 'longTerm') {
    const res = (await consents()
      .where({ _id: _.eq(openid), [`${templateKey}.longTerm`]: _.eq(true) })
      .count()) as { total: number }
    if (res.total > 0) return 'standing'
  }
  const res = (await consents()
    .where({ _id: _.eq(openid), [`${templateKey}.oneTime`]: _.gt(0) })
    .update({ data: { [`${templateKey}.oneTime`]: _.inc(-1) } })) as { stats: { updated: number } }
  return res.stats.updated === 1 ? 'reserved' : 'none'
}

/** Gives back a consent taken for a send WeChat did not deliver for another reason than consent. */
export async function refundConsent(openid: string, templateKey: string): Promise<void> {
  await consents()
    .doc(openid)
    .update({ data: { [`${templateKey}.oneTime`]: _.inc(1) } })
}

/** WeChat answered 43101: whatever we counted, nothing is left (a long-term subscription was cancelled too). */
export async function exhaustConsent(openid: string, templateKey: string): Promise<void> {
  await consents()
    .doc(openid)
    .update({ data: { [templateKey]: _.set({ oneTime: 0, longTerm: false } satisfies ConsentCount) } })
}

function countsOf(doc: Record<string, unknown>): UserConsents {
  const counts: Record<string, ConsentCount> = {}
  for (const [key, value] of Object.entries(doc)) {
    if (typeof value === 'object' && value !== null && 'oneTime' in value) counts[key] = value as ConsentCount
  }
  return counts
}

/** A user's consents by template key (none recorded: empty). */
export async function readConsents(openid: string): Promise<UserConsents> {
  const doc = await readDoc<Record<string, unknown>>(consents().doc(openid))
  return doc === null ? {} : countsOf(doc)
}

/** ids per `_.in` */
const ID_CHUNK = 100

/**
 * Many users' consents at once (a user with no document has none): the sender reads them for a batch so that
 * a message nobody consented to is settled in one write, without a claim and a refused reservation. A stale
 * read can only skip a message whose consent arrived in the same instant; it never spends one.
 */
export async function readConsentLedger(openids: readonly string[]): Promise<ConsentLedger> {
  const ledger: Record<string, UserConsents> = {}
  const unique = [...new Set(openids)]
  for (let i = 0; i < unique.length; i += ID_CHUNK) {
    const chunk = unique.slice(i, i + ID_CHUNK)
    chunk.forEach((openid) => (ledger[openid] = {}))
    const docs = await readMany<Record<string, unknown> & { _id: string }>(
      consents()
        .where({ _id: _.in(chunk) })
        .limit(ID_CHUNK),
    )
    for (const doc of docs) ledger[doc._id] = countsOf(doc)
  }
  return ledger
}

/**
 * Records what the user chose in wx.requestSubscribeMessage (`{ <templateId>: 'accept' | 'reject' | 'ban' |
 * 'filter', errMsg }`): accepted templates gain one consent (or a standing subscription), banned ones lose
 * all. Ids this environment does not configure are ignored. Returns the user's consents afterwards.
 */
export async function recordSubscribeResult(
  openid: string,
  result: SubscribeResult,
  resolved: Pick<ResolvedTemplateIds, 'keysById'>,
  now: Date,
  registry: TemplateRegistry = defaultTemplateRegistry(),
): Promise<UserConsents> {
  return db.runTransaction(async (tx: TransactionDb) => {
    const ref = tx.collection(COLLECTIONS.consents).doc(openid)
    const current = (await readDoc<Record<string, unknown>>(ref)) ?? {}
    const { _id: _ignored, updatedAt: _updatedAt, ...counts } = current
    const ledger = grantFromSubscribeResult({ [openid]: counts as UserConsents }, openid, result, resolved, registry)
    const next = ledger[openid] ?? {}
    await ref.set({ data: { ...next, updatedAt: now } })
    return next
  })
}
