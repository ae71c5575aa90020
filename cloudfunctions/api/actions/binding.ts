/**
 * Binding WeChat users to the directory. The office issues an invite code for one grant (an enterprise's
 * contact, a unit's handler or head, a leader, a commissioner, office staff); the person redeems it with their
 * name. An enterprise contact's binding takes effect at once (the office chose whom to give the code);
 * staff bindings wait for the office's approval. The office can revoke any binding. One OPENID may hold
 * several roles (AppUser.grants) and picks one per call (`role` in the envelope); one grant per role.
 *
 * Every action that writes more than one document (redeem: invite, binding, users record; approve and revoke:
 * binding, users record, leader/commissioner record) writes them in one transaction: all or nothing, and of two
 * calls at once on the same documents one re-runs on the other's result (of two people with one code exactly
 * one wins; an approve and a revoke never leave a grant behind a revoked binding).
 */
import * as z from 'zod/mini'
import type { ActionContext, ActionDef } from '../router'
import type { AppUser, RoleGrant } from '../../../types/domain'
import { ROLE_LABELS } from '../../../types/domain'
import {
  OFFICE_ROLES,
  type BindingRecord,
  type BindingStatusView,
  type BindingView,
  type InviteRecord,
  type InviteView,
} from '../../../types/directory'
import {
  bindingDecisionSchema,
  bindingListSchema,
  bindingRedeemSchema,
  inviteCancelSchema,
  inviteIssueSchema,
  inviteListSchema,
} from '../../../types/directory-schemas'
import { PRIVACY_NOTICE } from '../../../types/privacy'
import { maskPhone, phoneFor } from '../../shared/access'
import {
  assertNotBraked,
  bindingIdOf,
  bindingsOf,
  inviteIdOf,
  isExpired,
  listBindings,
  listInvites,
  newInviteCode,
  recordFailedAttempt,
  targetNameOf,
} from '../../shared/bindings'
import { COLLECTIONS } from '../../shared/collections'
import { shownOpenId, shownOpenIdOrNull } from '../../shared/openids'
import { _, db, readDoc } from '../../shared/cloud'
import { assertTextIsSafe } from '../../shared/contentSafety'
import { findById, findByIds } from '../../shared/directory'
import { AppError } from '../../shared/errors'
import {
  changeGrantsIn,
  isSameGrant,
  resolveLinkedEnterprises,
  withGrant,
  withoutGrant,
  type TransactionDb,
} from '../../shared/grants'

type Parsed<S extends z.ZodMiniType> = z.output<S>

const DAY_MS = 24 * 60 * 60 * 1000
const isOfficeGrant = (grant: RoleGrant) => (OFFICE_ROLES as readonly string[]).includes(grant.role)

/** Office roles see everything: only the admin hands them out or takes them back. */
function assertMayManage(ctx: Pick<ActionContext, 'grant'>, grant: RoleGrant): void {
  if (isOfficeGrant(grant) && ctx.grant.role !== 'admin') {
    throw new AppError('FORBIDDEN', '市重点办和系统管理员身份只能由系统管理员发放、审核或解除')
  }
}

/** The grant without what is resolved later (enterpriseIds), and without empty keys. */
function grantOf(input: Parsed<typeof inviteIssueSchema>['grant']): RoleGrant {
  const grant: RoleGrant = { ...input }
  // the office's own staff act for 市重点办
  if (grant.role === 'dispatcher') grant.unitCode = 'key-projects-office'
  return grant
}

// ---------------------------------------------------------------------------------------------------------
// Invites (the office)

export const issueInvite: ActionDef<'invite.issue'> = {
  payload: inviteIssueSchema,
  async handle(ctx, payload) {
    const { grant: requested, validDays, note } = payload as Parsed<typeof inviteIssueSchema>
    const grant = grantOf(requested)
    assertMayManage(ctx, grant)
    const targetName = await targetNameOf(grant)
    if (note) await assertTextIsSafe(ctx.openid, note)
    const code = newInviteCode()
    const expiresAt = new Date(ctx.now.getTime() + validDays * DAY_MS)
    const invite: InviteRecord = {
      _id: inviteIdOf(code),
      grant,
      targetName,
      ...(note ? { note } : {}),
      requiresApproval: grant.role !== 'enterprise',
      status: 'open',
      expiresAt,
      issuedAt: ctx.now,
      issuedBy: ctx.openid,
      issuedByName: ctx.user.name,
      usedAt: null,
      usedBy: null,
    }
    await db.collection(COLLECTIONS.invites).add({ data: invite })
    return { inviteId: invite._id, code, expiresAt, targetName, grant, requiresApproval: invite.requiresApproval }
  },
}

function inviteView(invite: InviteRecord, { now, openid }: Pick<ActionContext, 'now' | 'openid'>): InviteView {
  const { _id, issuedBy: _issuedBy, ...rest } = invite
  return {
    ...rest,
    usedBy: shownOpenIdOrNull(invite.usedBy, openid),
    inviteId: _id,
    expired: invite.status === 'open' && isExpired(invite, now),
  }
}

export const listInviteCodes: ActionDef<'invite.list'> = {
  payload: inviteListSchema,
  async handle(ctx, payload) {
    const { status, page } = payload as Parsed<typeof inviteListSchema>
    const { rows, hasMore } = await listInvites(status, page)
    return { items: rows.map((invite) => inviteView(invite, ctx)), hasMore }
  },
}

export const cancelInvite: ActionDef<'invite.cancel'> = {
  payload: inviteCancelSchema,
  async handle(ctx, { inviteId }) {
    const invite = await findById<InviteRecord>(COLLECTIONS.invites, inviteId)
    if (!invite) throw new AppError('NOT_FOUND', '未找到该邀请码')
    assertMayManage(ctx, invite.grant)
    // only while still open: a conditional update, so a redemption at the same moment wins or loses cleanly
    const res = (await db
      .collection(COLLECTIONS.invites)
      .where({ _id: _.eq(inviteId), status: _.eq('open') })
      .update({ data: { status: 'cancelled' } })) as { stats: { updated: number } }
    if (res.stats.updated !== 1) throw new AppError('INVALID_TRANSITION', '该邀请码已使用或已作废')
    return inviteView({ ...invite, status: 'cancelled' }, ctx)
  },
}

// ---------------------------------------------------------------------------------------------------------
// Redeeming (anyone, bound or not)

/** One answer for unknown, used, cancelled and expired codes: which one it was is nobody's business. */
const INVALID_CODE = '邀请码无效、已使用或已过期，请联系市重点办重新获取'

export const redeem: ActionDef<'binding.redeem'> = {
  allowUnbound: true,
  payload: bindingRedeemSchema,
  async handle({ openid, user, now }, payload) {
    const { code, name } = payload as Parsed<typeof bindingRedeemSchema>
    await assertNotBraked(openid, now)
    const inviteId = inviteIdOf(code)
    const invite = await findById<InviteRecord>(COLLECTIONS.invites, inviteId)
    // a retry of a redemption that went through (the answer was lost on the way) finishes it and answers again
    const retried = invite?.status === 'used' && invite.usedBy === openid
    if (!invite || (!retried && (invite.status !== 'open' || isExpired(invite, now)))) {
      await recordFailedAttempt(openid, now)
      throw new AppError('NOT_FOUND', INVALID_CODE)
    }
    if (!retried) {
      // early, friendly refusals; the transaction below checks the grant again on fresh data
      assertNoOtherGrant(user, invite.grant)
      if ((await bindingsOf(openid, 'pending')).some((b) => b.grant.role === invite.grant.role)) {
        throw new AppError('CONFLICT', `您已提交${ROLE_LABELS[invite.grant.role]}身份的绑定申请，请等待市重点办审核`)
      }
      await assertTextIsSafe(openid, name)
    }
    const grant = await resolveLinkedEnterprises(invite.grant)
    const bindingId = bindingIdOf(openid, grant)
    // One transaction: the code is used, the binding recorded and the grant given together or not at all, so
    // no crash leaves a used code without its binding, or a binding without its grant (issue 8 §2).
    const answer = await db.runTransaction(async (tx: TransactionDb) => {
      const inviteRef = tx.collection(COLLECTIONS.invites).doc(inviteId)
      const fresh = await readDoc<InviteRecord>(inviteRef)
      const mine = fresh?.status === 'used' && fresh.usedBy === openid
      if (!fresh || (!mine && (fresh.status !== 'open' || isExpired(fresh, now)))) return null
      const bindingRef = tx.collection(COLLECTIONS.bindings).doc(bindingId)
      const earlier = mine ? await readDoc<BindingRecord>(bindingRef) : null
      if (earlier && earlier.inviteId === inviteId) {
        // finished before: repair a grant a crash of an earlier version left out, and answer the same again
        if (earlier.status === 'active') await giveGrant(tx, openid, earlier.name, earlier.grant, now)
        return bindingAnswer(earlier)
      }
      const binding: BindingRecord = {
        _id: bindingId,
        openid,
        name,
        grant,
        targetName: fresh.targetName,
        status: fresh.requiresApproval ? 'pending' : 'active',
        inviteId,
        createdAt: now,
        decidedAt: fresh.requiresApproval ? null : now,
        decidedBy: fresh.requiresApproval ? null : fresh.issuedBy,
      }
      if (!mine) await inviteRef.update({ data: { status: 'used', usedAt: now, usedBy: openid } })
      const { _id, ...data } = binding
      // set: the same person may bind the same grant again after a revocation (one record, a new life)
      await bindingRef.set({ data })
      if (binding.status === 'active') await giveGrant(tx, openid, name, grant, now)
      return bindingAnswer(binding)
    })
    if (!answer) throw new AppError('NOT_FOUND', INVALID_CODE)
    return answer
  },
}

function bindingAnswer(binding: BindingRecord) {
  return { bindingId: binding._id, status: binding.status, grant: binding.grant, targetName: binding.targetName }
}

/** One grant per role (the router picks a grant by role): a second enterprise needs the first unbound. */
function assertNoOtherGrant(user: AppUser | null, grant: RoleGrant, allowSame = false): void {
  const held = user?.grants.find((g) => g.role === grant.role)
  if (!held || (allowSame && isSameGrant(held, grant))) return
  throw new AppError(
    'CONFLICT',
    isSameGrant(held, grant)
      ? '您已绑定该身份，无需重复绑定'
      : `您已绑定${ROLE_LABELS[held.role]}身份，如需更换请先联系市重点办解除原绑定`,
  )
}

/**
 * Inside the caller's transaction: the grant lands on the users record (created if this is the person's
 * first), refused when another grant of the role is there — checked where the write happens, so two codes
 * redeemed at once cannot both land (issue 8 §3). A leader/commissioner record learns its account.
 */
async function giveGrant(tx: TransactionDb, openid: string, name: string, grant: RoleGrant, now: Date): Promise<void> {
  await changeGrantsIn(
    tx,
    openid,
    (grants) => {
      assertNoOtherGrant({ grants } as AppUser, grant, true)
      return withGrant(grants, grant)
    },
    () => ({ name, createdAt: now }),
    name,
  )
  const record = linkedRecordOf(grant)
  if (!record) return
  const ref = tx.collection(record.name).doc(record.id)
  if (await readDoc(ref)) await ref.update({ data: { userId: openid } })
}

/** The leader or commissioner record a grant names, which records the account bound to it. */
function linkedRecordOf(grant: RoleGrant): { name: string; id: string } | null {
  if (grant.role === 'leader' && grant.leaderId) return { name: COLLECTIONS.leaders, id: grant.leaderId }
  if (grant.role === 'commissioner' && grant.commissionerId)
    return { name: COLLECTIONS.commissioners, id: grant.commissionerId }
  return null
}

/** Inside the caller's transaction: the grant leaves the users record; the linked record forgets the account. */
async function takeGrant(tx: TransactionDb, binding: BindingRecord): Promise<void> {
  await changeGrantsIn(tx, binding.openid, (grants) => withoutGrant(grants, binding.grant))
  const record = linkedRecordOf(binding.grant)
  if (!record) return
  const ref = tx.collection(record.name).doc(record.id)
  if ((await readDoc<{ userId?: string }>(ref))?.userId === binding.openid)
    await ref.update({ data: { userId: _.remove() } })
}

// ---------------------------------------------------------------------------------------------------------
// The office's view of bindings: list, approve, revoke

async function bindingViews(
  bindings: readonly BindingRecord[],
  { grant: { role }, openid: caller }: Pick<ActionContext, 'grant' | 'openid'>,
): Promise<BindingView[]> {
  const users = await findByIds<AppUser>(
    COLLECTIONS.users,
    bindings.map((b) => b.openid),
  )
  const phones = new Map(users.map((u) => [u._id, u.phone]))
  return bindings.map(({ _id, ...rest }) => ({
    ...rest,
    // the office acts on bindingId and sees the name; the person's OPENID stays on the server (issue 8 §6)
    openid: shownOpenId(rest.openid, caller),
    decidedBy: shownOpenIdOrNull(rest.decidedBy, caller),
    bindingId: _id,
    phone: phoneFor(role, phones.get(rest.openid)) ?? null,
  }))
}

export const list: ActionDef<'binding.list'> = {
  payload: bindingListSchema,
  async handle(ctx, payload) {
    const { status, page } = payload as Parsed<typeof bindingListSchema>
    const { rows, hasMore } = await listBindings(status, page)
    return { items: await bindingViews(rows, ctx), hasMore }
  },
}

async function loadBinding(bindingId: string): Promise<BindingRecord> {
  const binding = await findById<BindingRecord>(COLLECTIONS.bindings, bindingId)
  if (!binding) throw new AppError('NOT_FOUND', '未找到该绑定记录')
  return binding
}

const DECIDED_MEANWHILE = '该绑定记录刚被他人处理，请刷新后重试'

export const approve: ActionDef<'binding.approve'> = {
  payload: bindingDecisionSchema,
  async handle(ctx, { bindingId, reason }) {
    const binding = await loadBinding(bindingId)
    assertMayManage(ctx, binding.grant)
    if (binding.status !== 'pending') throw new AppError('INVALID_TRANSITION', '该绑定申请已处理')
    if (reason) await assertTextIsSafe(ctx.openid, reason)
    const grant = await resolveLinkedEnterprises(binding.grant)
    const decided = {
      status: 'active' as const,
      grant,
      decidedAt: ctx.now,
      decidedBy: ctx.openid,
      ...(reason ? { reason } : {}),
    }
    // The status and the grant change in one transaction: a revoke at the same moment either comes first
    // (then this sees 'revoked' and gives nothing) or after (and takes the grant away again) (issue 8 §1).
    await db.runTransaction(async (tx: TransactionDb) => {
      const ref = tx.collection(COLLECTIONS.bindings).doc(bindingId)
      const current = await readDoc<BindingRecord>(ref)
      if (current?.status !== 'pending') throw new AppError('CONFLICT', DECIDED_MEANWHILE)
      await giveGrant(tx, binding.openid, binding.name, grant, ctx.now).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'CONFLICT')
          throw new AppError('CONFLICT', `该用户已有${ROLE_LABELS[grant.role]}身份，请先解除原绑定`)
        throw err
      })
      await ref.update({ data: decided })
    })
    return (await bindingViews([{ ...binding, ...decided }], ctx))[0]
  },
}

export const revoke: ActionDef<'binding.revoke'> = {
  payload: bindingDecisionSchema,
  async handle(ctx, { bindingId, reason }) {
    const binding = await loadBinding(bindingId)
    assertMayManage(ctx, binding.grant)
    if (binding.openid === ctx.openid && binding.grant.role === 'admin')
      throw new AppError('INVALID_INPUT', '不能解除自己的系统管理员身份')
    if (reason) await assertTextIsSafe(ctx.openid, reason)
    const decided = {
      status: 'revoked' as const,
      decidedAt: ctx.now,
      decidedBy: ctx.openid,
      ...(reason ? { reason } : {}),
    }
    // One transaction for the status and the grant (issue 8 §1). Revoking a binding already revoked repairs
    // a grant that an interleaving of an earlier version left behind, instead of refusing.
    const repaired = await db.runTransaction(async (tx: TransactionDb) => {
      const ref = tx.collection(COLLECTIONS.bindings).doc(bindingId)
      const current = await readDoc<BindingRecord>(ref)
      if (!current) throw new AppError('NOT_FOUND', '未找到该绑定记录')
      if (current.status === 'revoked') {
        const user = await readDoc<AppUser>(tx.collection(COLLECTIONS.users).doc(current.openid))
        if (!user?.grants.some((g) => isSameGrant(g, current.grant)))
          throw new AppError('INVALID_TRANSITION', '该绑定已解除')
        await takeGrant(tx, current)
        return true
      }
      await takeGrant(tx, current)
      await ref.update({ data: decided })
      return false
    })
    const shown = repaired ? binding : { ...binding, ...decided }
    return (await bindingViews([shown], ctx))[0]
  },
}

// ---------------------------------------------------------------------------------------------------------
// Where the caller stands (anyone, bound or not)

export async function bindingStatusOf(openid: string, user: AppUser | null): Promise<BindingStatusView> {
  const pending = await bindingsOf(openid, 'pending')
  return {
    openid,
    bound: (user?.grants.length ?? 0) > 0,
    name: user?.name ?? '',
    grants: user?.grants ?? [],
    pending: pending.map((b) => ({
      bindingId: b._id,
      grant: b.grant,
      targetName: b.targetName,
      createdAt: b.createdAt,
    })),
    privacy: {
      currentVersion: PRIVACY_NOTICE.version,
      acceptedVersion: user?.privacy?.version ?? null,
      acceptedAt: user?.privacy?.acceptedAt ?? null,
    },
    phone: user?.phone ? maskPhone(user.phone) : null,
  }
}

export const status: ActionDef<'binding.status'> = {
  allowUnbound: true,
  payload: z.object({}),
  async handle({ openid, user }) {
    return bindingStatusOf(openid, user)
  },
}
