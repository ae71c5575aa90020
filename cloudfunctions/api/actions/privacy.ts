/**
 * The privacy notice and the phone number. Both work before binding: a new enterprise contact reads the
 * notice and may verify a phone while binding. The phone is only asked for after the current notice was
 * accepted (types/privacy.ts); acceptance is recorded with version and time on the users record.
 */
import type { ActionDef } from '../router'
import type { AppUser } from '../../../types/domain'
import { acceptPrivacySchema, verifyPhoneSchema } from '../../../types/directory-schemas'
import { PRIVACY_NOTICE } from '../../../types/privacy'
import { maskPhone } from '../../shared/access'
import { COLLECTIONS } from '../../shared/collections'
import { db, openapi, readDoc } from '../../shared/cloud'
import { AppError } from '../../shared/errors'
import { bindingStatusOf } from './binding'

type TransactionDb = Pick<typeof db, 'collection'>

/** Sets fields on the caller's users record, creating a record without grants if there is none yet. */
async function upsertOwnRecord(openid: string, fields: Partial<AppUser>, now: Date): Promise<AppUser> {
  return db.runTransaction(async (tx: TransactionDb) => {
    const ref = tx.collection(COLLECTIONS.users).doc(openid)
    const user = await readDoc<AppUser>(ref)
    if (!user) {
      const fresh: AppUser = { _id: openid, name: '', grants: [], createdAt: now, ...fields }
      const { _id, ...data } = fresh
      await ref.set({ data })
      return fresh
    }
    await ref.update({ data: fields })
    return { ...user, ...fields }
  })
}

export const acceptPrivacy: ActionDef<'me.acceptPrivacy'> = {
  allowUnbound: true,
  payload: acceptPrivacySchema,
  async handle({ openid, now }, { version }) {
    if (version !== PRIVACY_NOTICE.version) throw new AppError('INVALID_INPUT', '隐私保护指引已更新，请重新阅读后同意')
    const user = await upsertOwnRecord(openid, { privacy: { version, acceptedAt: now } }, now)
    return bindingStatusOf(openid, user)
  },
}

export const verifyPhone: ActionDef<'me.verifyPhone'> = {
  allowUnbound: true,
  payload: verifyPhoneSchema,
  async handle({ openid, user, now }, { code }) {
    if (user?.privacy?.version !== PRIVACY_NOTICE.version) {
      throw new AppError('FORBIDDEN', `请先阅读并同意《${PRIVACY_NOTICE.title}》`)
    }
    let phone: string | undefined
    try {
      const res = (await openapi.phonenumber.getPhoneNumber({ code })) as { phoneInfo?: { purePhoneNumber?: string } }
      phone = res.phoneInfo?.purePhoneNumber
    } catch (err) {
      // 40029 etc.: the code is single use and valid for five minutes
      console.error('[privacy] getPhoneNumber failed', err)
      throw new AppError('INVALID_INPUT', '手机号授权已失效，请重新点击获取手机号')
    }
    if (!phone) throw new AppError('INVALID_INPUT', '未能获取手机号，请重新授权')
    await upsertOwnRecord(openid, { phone, phoneVerifiedAt: now }, now)
    return { phone: maskPhone(phone), verifiedAt: now }
  },
}
