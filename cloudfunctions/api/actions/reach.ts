/**
 * The office's view of who WeChat can reach (issue 10 item 4) and its "提醒续订": an in-app request to renew
 * the subscribe consents, kept in 消息 (the one place that always reaches them). Cursor-paged on users' _id.
 * Round trips: the caller, a page of users, their consents, the messages WeChat missed (index
 * by_recipient_status) with the SMS sent instead, today's SMS counter.
 */
import * as z from 'zod/mini'
import type { ActionDef } from '../router'
import type { AppUser } from '../../../types/domain'
import type { PersonReach } from '../../../types/reach'
import { reachOf, rolesOf } from '../../core/reach'
import { defaultTemplateRegistry, smsDay, type SmsDelivery, type SmsStatus } from '../../core/reminders'
import { COLLECTIONS } from '../../shared/collections'
import { _, db, readDoc, readMany } from '../../shared/cloud'
import { readConsentLedger } from '../../shared/consents'
import { AppError } from '../../shared/errors'
import { NOTIFICATION_TITLES } from '../../shared/notifications'
import { inAppNotice, insertNewRecords } from '../../shared/outbox'
import { smsCountsOf } from '../../shared/sms'
import { currentTemplateIds, subscribeGroupsOf } from '../../shared/subscriptions'

const PAGE = 50
/** what WeChat did not deliver */
const MISSED = ['skippedNoConsent', 'inAppOnly', 'failed']
/** an SMS that reached the person instead (or was handed to the platform: at most once, answer unknown) */
const SMS_REACHED: readonly SmsStatus[] = ['sent', 'sending']

const reachListSchema = z.object({
  onlyUnreachable: z.optional(z.boolean()),
  cursor: z.optional(z.string().check(z.maxLength(64, '分页参数不正确'))),
})

export const list: ActionDef<'reach.list'> = {
  payload: reachListSchema,
  async handle({ now }, { onlyUnreachable = false, cursor }) {
    const users = await readMany<AppUser>(
      db
        .collection(COLLECTIONS.users)
        .where(cursor ? { _id: _.gt(cursor) } : { _id: _.exists(true) })
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .field({ _id: true, name: true, grants: true, phone: true, phoneVerifiedAt: true }),
    )
    const bound = users.filter((user) => user.grants.length > 0)
    const ids = bound.map((user) => user._id)
    const [ledger, missed, smsToday] = await Promise.all([
      readConsentLedger(ids),
      ids.length === 0
        ? Promise.resolve([])
        : readMany<{ recipientOpenId: string; sms?: SmsDelivery | null }>(
            db
              .collection(COLLECTIONS.outbox)
              .where({ recipientOpenId: _.in(ids), status: _.in(MISSED) })
              .limit(1000)
              .field({ recipientOpenId: true, sms: true }),
          ),
      smsCountsOf(smsDay(now)),
    ])
    // what WeChat missed: by SMS (sent, or handed to the platform without an answer) or in 消息 only
    const missedBy = new Map<string, number>()
    const bySmsOf = new Map<string, number>()
    for (const row of missed) {
      const tally = row.sms && SMS_REACHED.includes(row.sms.status) ? bySmsOf : missedBy
      tally.set(row.recipientOpenId, (tally.get(row.recipientOpenId) ?? 0) + 1)
    }
    const registry = defaultTemplateRegistry()
    const configured = currentTemplateIds(registry).configured
    const items: PersonReach[] = bound.map((user) => {
      const roles = rolesOf(user.grants)
      const groups = [...new Set(roles.flatMap((role) => subscribeGroupsOf(role, registry)))]
      const { templates, reachable } = reachOf(user._id, groups, ledger, configured, registry)
      return {
        openid: user._id,
        name: user.name,
        roles,
        templates,
        reachable,
        inAppOnly: missedBy.get(user._id) ?? 0,
        bySms: bySmsOf.get(user._id) ?? 0,
        smsToday: smsToday.people[user._id] ?? 0,
        hasVerifiedPhone: Boolean(user.phone && user.phoneVerifiedAt),
      }
    })
    return {
      items: onlyUnreachable ? items.filter((item) => !item.reachable) : items,
      nextCursor: users.length === PAGE ? users[users.length - 1]._id : null,
    }
  },
}

const remindSchema = z.object({ openid: z.string().check(z.minLength(1, '请选择人员'), z.maxLength(64)) })

/** Where a renewal request opens: home, whose workspace entries ask for consent at the tap. */
export const RENEWAL_LINK = '/pages/index/index'

export const remind: ActionDef<'reach.remind'> = {
  payload: remindSchema,
  async handle({ user: office, now }, { openid }) {
    const person = await readDoc<AppUser>(db.collection(COLLECTIONS.users).doc(openid))
    if (!person || person.grants.length === 0) throw new AppError('NOT_FOUND', '未找到该人员')
    // one request per person per Beijing day: pressing again the same day changes nothing
    const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
    const key = `subscriptionRenewal:${openid}:${day}`
    const record = inAppNotice({
      key,
      recipientOpenId: openid,
      recipientRole: person.grants[0].role,
      template: 'subscriptionRenewal',
      title: NOTIFICATION_TITLES.subscriptionRenewal,
      text: `${office.name}提醒：微信消息提醒已用完，请打开工作台并在弹窗中选择“允许”，以便及时收到待办提醒`,
      link: RENEWAL_LINK,
      reason: '续订提醒只在消息中心显示',
      now,
    })
    const { inserted } = await insertNewRecords([record])
    return { requested: inserted.length === 1 }
  },
}
