/**
 * The ids of invites and bindings, derived rather than random: an invite's `_id` is the SHA-256 of its code
 * (the code itself is never stored), a binding's is one per (person, role, record). Pure, so the demo
 * dataset can make them without loading the cloud SDK.
 */
import { createHash } from 'node:crypto'
import type { RoleGrant } from '../../types/domain'
import { normaliseInviteCode } from '../../types/directory-schemas'

/** What identifies a grant beside its role: the record it is scoped to. */
export function scopeKeyOf(grant: RoleGrant): string {
  return grant.enterpriseId ?? grant.unitCode ?? grant.leaderId ?? grant.commissionerId ?? ''
}

/** The invite's _id for a code, as typed or printed (spaces, hyphens and case do not matter). */
export function inviteIdOf(code: string): string {
  return `inv-${createHash('sha256')
    .update(`huiqitong-invite\n${normaliseInviteCode(code)}`)
    .digest('hex')}`
}

/** The binding's _id: one per (person, role, record). */
export function bindingIdOf(openid: string, grant: RoleGrant): string {
  const key = `${openid}\n${grant.role}\n${scopeKeyOf(grant)}`
  return `bind-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`
}
