/**
 * Binding WeChat users: invite codes (single use, expiring, stored as a hash), enterprise bindings that take
 * effect at once, staff bindings the office approves, revocation, the guessing brake, the privacy notice and
 * the phone number.
 */
import { openTestCloud } from '../support/localCloud'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { standInPhoneNumber } from '../../emulator'
import { PRIVACY_NOTICE } from '../../types/privacy'
import type { ActionResult } from '../../types/actions'
import { failure, ok, PEOPLE, seedWorld } from './world'

let env: ReturnType<typeof openTestCloud>
beforeEach(() => {
  env = openTestCloud()
  seedWorld(env)
})
afterEach(() => env.close())

const NEWCOMER = 'o-newcomer'
const OTHER = 'o-other-newcomer'

async function issue(grant: Record<string, unknown>, by: string = PEOPLE.admin, extra: Record<string, unknown> = {}) {
  return ok(await env.call(by, 'invite.issue', { grant: grant as never, ...extra }))
}

describe('an enterprise contact binds with a code the office issued', () => {
  it('takes effect at once: the users record is made and the contact sees their enterprise', async () => {
    const invite = await issue({ role: 'enterprise', enterpriseId: 'ent-b' }, PEOPLE.dispatcher)
    expect(invite.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(invite).toMatchObject({ targetName: '桂林华信制药有限公司', requiresApproval: false })
    const redeemed = ok(
      await env.call(NEWCOMER, 'binding.redeem', {
        code: invite.code.toLowerCase().replace(/-/g, ' '),
        name: '陈经理',
      }),
    )
    expect(redeemed).toMatchObject({ status: 'active', grant: { role: 'enterprise', enterpriseId: 'ent-b' } })
    const profile = ok(await env.call(NEWCOMER, 'me.profile', {}))
    expect(profile).toMatchObject({ name: '陈经理', activeRole: 'enterprise', enterpriseName: '桂林华信制药有限公司' })
  })

  it('stores only a hash of the code, which works once', async () => {
    const invite = await issue({ role: 'enterprise', enterpriseId: 'ent-b' })
    const stored = JSON.stringify(env.cloud.store.find(COLLECTIONS.invites))
    expect(stored).not.toContain(invite.code)
    expect(stored).not.toContain(invite.code.replace(/-/g, ''))
    ok(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '陈经理' }))
    const again = failure(await env.call(OTHER, 'binding.redeem', { code: invite.code, name: '赵经理' }))
    expect(again).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('邀请码无效') })
  })

  it('gives a code to exactly one of two people redeeming it at the same moment', async () => {
    const invite = await issue({ role: 'enterprise', enterpriseId: 'ent-b' })
    const results = await Promise.all([
      env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '陈经理' }),
      env.call(OTHER, 'binding.redeem', { code: invite.code, name: '赵经理' }),
    ])
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['NOT_FOUND', 'ok'])
    expect(env.cloud.store.count(COLLECTIONS.bindings)).toBe(1)
  })

  it('refuses an expired code, and a cancelled one', async () => {
    const invite = await issue({ role: 'enterprise', enterpriseId: 'ent-b' }, PEOPLE.admin, { validDays: 1 })
    // the same invite a day later: past its expiry
    env.cloud.store.clear(COLLECTIONS.invites)
    env.cloud.store.insertMany(COLLECTIONS.invites, [expiredCopy(invite)])
    expect(failure(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '陈经理' })).code).toBe(
      'NOT_FOUND',
    )

    const cancelled = await issue({ role: 'enterprise', enterpriseId: 'ent-b' })
    expect(ok(await env.call(PEOPLE.dispatcher, 'invite.cancel', { inviteId: cancelled.inviteId })).status).toBe(
      'cancelled',
    )
    expect(failure(await env.call(NEWCOMER, 'binding.redeem', { code: cancelled.code, name: '陈经理' })).code).toBe(
      'NOT_FOUND',
    )
    expect(failure(await env.call(PEOPLE.dispatcher, 'invite.cancel', { inviteId: cancelled.inviteId })).code).toBe(
      'INVALID_TRANSITION',
    )
  })

  it('brakes guessing: after 5 wrong codes in 15 minutes even a right one waits', async () => {
    const invite = await issue({ role: 'enterprise', enterpriseId: 'ent-b' })
    for (let i = 0; i < 5; i++) {
      expect(
        failure(await env.call(NEWCOMER, 'binding.redeem', { code: `WRONG${i}CODE23`, name: '陈经理' })).code,
      ).toBe('NOT_FOUND')
    }
    expect(failure(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '陈经理' })).code).toBe(
      'RATE_LIMITED',
    )
    // someone else is not braked, and the code was not used up by the refusal
    expect(ok(await env.call(OTHER, 'binding.redeem', { code: invite.code, name: '赵经理' })).status).toBe('active')
  })

  it('checks the name with msgSecCheck before using the code up', async () => {
    const invite = await issue({ role: 'enterprise', enterpriseId: 'ent-b' })
    expect(failure(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '违禁词测试' })).code).toBe(
      'INVALID_INPUT',
    )
    expect(env.cloud.records.secChecks.at(-1)?.data).toMatchObject({
      content: '违禁词测试',
      version: 2,
      openid: NEWCOMER,
    })
    expect(ok(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '陈经理' })).status).toBe('active')
  })

  it('keeps one grant per role: a second enterprise waits until the first is unbound', async () => {
    const invite = await issue({ role: 'enterprise', enterpriseId: 'ent-c' })
    const res = failure(await env.call(PEOPLE.contactA, 'binding.redeem', { code: invite.code, name: '王经理' }))
    expect(res).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('解除原绑定') })
  })

  it('refuses a code for an enterprise that does not exist or is deactivated', async () => {
    expect(
      failure(await env.call(PEOPLE.admin, 'invite.issue', { grant: { role: 'enterprise', enterpriseId: 'ent-nope' } }))
        .code,
    ).toBe('INVALID_INPUT')
  })
})

function expiredCopy(invite: ActionResult<'invite.issue'>) {
  return {
    _id: invite.inviteId,
    grant: invite.grant,
    targetName: invite.targetName,
    requiresApproval: false,
    status: 'open',
    expiresAt: new Date(Date.now() - 1000),
    issuedAt: new Date(Date.now() - 2 * 86400_000),
    issuedBy: PEOPLE.admin,
    issuedByName: '林建国',
    usedAt: null,
    usedBy: null,
  }
}

describe('staff bind with their own codes and the office approves', () => {
  it('waits for approval, then the grant works; revoking takes it away again', async () => {
    const invite = await issue({ role: 'handler', unitCode: 'education' })
    expect(invite.requiresApproval).toBe(true)
    const redeemed = ok(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '何经办' }))
    expect(redeemed.status).toBe('pending')
    expect(failure(await env.call(NEWCOMER, 'ticket.inbox', {})).code).toBe('UNAUTHENTICATED')
    expect(ok(await env.call(NEWCOMER, 'binding.status', {})).pending).toEqual([
      expect.objectContaining({ bindingId: redeemed.bindingId, targetName: '市教育局 · 承办单位经办人' }),
    ])

    const waiting = ok(await env.call(PEOPLE.dispatcher, 'binding.list', { status: 'pending' }))
    expect(waiting.items.map((b) => [b.name, b.grant.role])).toEqual([['何经办', 'handler']])
    expect(ok(await env.call(PEOPLE.dispatcher, 'binding.approve', { bindingId: redeemed.bindingId })).status).toBe(
      'active',
    )
    expect(ok(await env.call(NEWCOMER, 'ticket.inbox', {})).items).toEqual([])
    expect(failure(await env.call(PEOPLE.dispatcher, 'binding.approve', { bindingId: redeemed.bindingId })).code).toBe(
      'INVALID_TRANSITION',
    )

    ok(await env.call(PEOPLE.dispatcher, 'binding.revoke', { bindingId: redeemed.bindingId, reason: '岗位调整' }))
    expect(failure(await env.call(NEWCOMER, 'ticket.inbox', {})).code).toBe('UNAUTHENTICATED')
    expect(env.cloud.store.find(COLLECTIONS.users, { _id: NEWCOMER })[0].grants).toEqual([])
  })

  it('resolves a leader’s linked enterprises when the binding is approved, and records the account on the leader', async () => {
    const invite = await issue({ role: 'leader', leaderId: 'leader-b' })
    const redeemed = ok(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '黄志刚' }))
    const approved = ok(await env.call(PEOPLE.admin, 'binding.approve', { bindingId: redeemed.bindingId }))
    expect(approved.grant).toEqual({ role: 'leader', leaderId: 'leader-b', enterpriseIds: ['ent-b'] })
    expect(env.cloud.store.find(COLLECTIONS.leaders, { _id: 'leader-b' })[0].userId).toBe(NEWCOMER)
    expect(ok(await env.call(NEWCOMER, 'directory.linked', {})).map((l) => l.enterprise._id)).toEqual(['ent-b'])
    ok(await env.call(PEOPLE.admin, 'binding.revoke', { bindingId: redeemed.bindingId }))
    expect(env.cloud.store.find(COLLECTIONS.leaders, { _id: 'leader-b' })[0].userId).toBeUndefined()
  })

  it('answers a retried redemption with the first answer, not with a used-up code', async () => {
    const invite = await issue({ role: 'enterprise', enterpriseId: 'ent-b' })
    const first = ok(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '陈经理' }))
    expect(ok(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '陈经理' }))).toEqual(first)
  })

  it('lists the office’s codes newest first, by status, without the codes themselves', async () => {
    const used = await issue({ role: 'enterprise', enterpriseId: 'ent-b' }, PEOPLE.admin, { note: '华信新联系人' })
    ok(await env.call(NEWCOMER, 'binding.redeem', { code: used.code, name: '陈经理' }))
    const open = await issue({ role: 'handler', unitCode: 'hrss' })
    const all = ok(await env.call(PEOPLE.dispatcher, 'invite.list', {}))
    expect(all.items.map((i) => [i.inviteId, i.status])).toEqual([
      [open.inviteId, 'open'],
      [used.inviteId, 'used'],
    ])
    expect(JSON.stringify(all)).not.toContain(open.code)
    expect(ok(await env.call(PEOPLE.dispatcher, 'invite.list', { status: 'used' })).items).toEqual([
      // who used it shows in the bindings by name; the OPENID stays on the server (issue 8 §6)
      expect.objectContaining({ note: '华信新联系人', usedBy: null, expired: false, issuedByName: '林建国' }),
    ])
    expect(ok(await env.call(PEOPLE.dispatcher, 'binding.list', {})).items.map((b) => b.name)).toEqual(['陈经理'])
  })

  it('leaves office roles to the admin: a dispatcher can neither issue nor revoke them', async () => {
    expect(failure(await env.call(PEOPLE.dispatcher, 'invite.issue', { grant: { role: 'admin' } })).code).toBe(
      'FORBIDDEN',
    )
    const invite = await issue({ role: 'dispatcher' })
    const redeemed = ok(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '覃科员' }))
    expect(failure(await env.call(PEOPLE.dispatcher, 'binding.approve', { bindingId: redeemed.bindingId })).code).toBe(
      'FORBIDDEN',
    )
    expect(ok(await env.call(PEOPLE.admin, 'binding.approve', { bindingId: redeemed.bindingId })).grant).toEqual({
      role: 'dispatcher',
      unitCode: 'key-projects-office',
    })
  })

  it('lets one person add a second role with a second code and switch between them', async () => {
    const enterprise = await issue({ role: 'enterprise', enterpriseId: 'ent-c' })
    ok(await env.call(NEWCOMER, 'binding.redeem', { code: enterprise.code, name: '陈经理' }))
    const commissioner = await issue({ role: 'commissioner', commissionerId: 'comm-b' })
    const pending = ok(await env.call(NEWCOMER, 'binding.redeem', { code: commissioner.code, name: '陈经理' }))
    ok(await env.call(PEOPLE.admin, 'binding.approve', { bindingId: pending.bindingId }))
    const profile = ok(await env.call(NEWCOMER, 'me.profile', {}, { role: 'commissioner' }))
    expect(profile.grants.map((g) => g.role)).toEqual(['enterprise', 'commissioner'])
    expect(profile.activeRole).toBe('commissioner')
    expect(profile.grants[1].enterpriseIds).toEqual(['ent-b'])
  })

  it('shows the office the person’s verified phone in full', async () => {
    const invite = await issue({ role: 'handler', unitCode: 'education' })
    ok(await env.call(NEWCOMER, 'me.acceptPrivacy', { version: PRIVACY_NOTICE.version }))
    ok(await env.call(NEWCOMER, 'me.verifyPhone', { code: 'phone-code-1' }))
    ok(await env.call(NEWCOMER, 'binding.redeem', { code: invite.code, name: '何经办' }))
    const [listed] = ok(await env.call(PEOPLE.dispatcher, 'binding.list', { status: 'pending' })).items
    expect(listed.phone).toBe(standInPhoneNumber('phone-code-1'))
  })
})

describe('privacy notice and phone number', () => {
  it('asks for the phone only after the current notice was accepted, recording version and time', async () => {
    expect(failure(await env.call(NEWCOMER, 'me.verifyPhone', { code: 'phone-code-2' }))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining(PRIVACY_NOTICE.title),
    })
    expect(env.cloud.records.phoneNumbers).toHaveLength(0)
    expect(failure(await env.call(NEWCOMER, 'me.acceptPrivacy', { version: '2020-01' })).code).toBe('INVALID_INPUT')
    const accepted = ok(await env.call(NEWCOMER, 'me.acceptPrivacy', { version: PRIVACY_NOTICE.version }))
    expect(accepted.privacy).toMatchObject({
      currentVersion: PRIVACY_NOTICE.version,
      acceptedVersion: PRIVACY_NOTICE.version,
    })
    const verified = ok(await env.call(NEWCOMER, 'me.verifyPhone', { code: 'phone-code-2' }))
    const phone = standInPhoneNumber('phone-code-2')
    expect(verified.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`)
    const [stored] = env.cloud.store.find(COLLECTIONS.users, { _id: NEWCOMER })
    expect(stored).toMatchObject({ phone, privacy: { version: PRIVACY_NOTICE.version } })
    expect(stored.privacy.acceptedAt).toBeDefined()
  })

  it('asks again when the notice changes (a stored older version no longer counts)', async () => {
    env.cloud.store.insertMany(COLLECTIONS.users, [
      {
        _id: NEWCOMER,
        name: '',
        grants: [],
        createdAt: new Date(),
        privacy: { version: '2025-06', acceptedAt: new Date() },
      },
    ])
    expect(failure(await env.call(NEWCOMER, 'me.verifyPhone', { code: 'phone-code-3' })).code).toBe('FORBIDDEN')
  })
})
