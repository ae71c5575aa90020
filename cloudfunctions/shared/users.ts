/** Who is calling: the AppUser bound to the caller's OPENID, and the role they act as. */
import type { AppUser, Role, RoleGrant } from '../../types/domain'
import { ROLES } from '../../types/domain'
import { COLLECTIONS } from './collections'
import { db, readDoc } from './cloud'
import { AppError } from './errors'

export async function loadUser(openid: string): Promise<AppUser | null> {
  return readDoc<AppUser>(db.collection(COLLECTIONS.users).doc(openid))
}

/**
 * The grant this call acts under: the requested role if the user holds it, else their first.
 * A role the user does not hold is refused, never silently replaced.
 */
export function pickGrant(user: AppUser, requestedRole: string | undefined): RoleGrant {
  if (user.grants.length === 0) throw new AppError('UNAUTHENTICATED', '您的账号尚未开通任何身份，请联系市重点办')
  if (requestedRole === undefined) return user.grants[0]
  if (!(ROLES as readonly string[]).includes(requestedRole)) {
    throw new AppError('INVALID_INPUT', '身份参数不正确')
  }
  const grant = user.grants.find((g) => g.role === (requestedRole as Role))
  if (!grant) throw new AppError('FORBIDDEN', '您没有该身份，不能以此身份操作')
  return grant
}
