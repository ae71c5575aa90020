import type { ActionDef } from '../router'
import * as z from 'zod/mini'
import { findEnterprise } from '../../shared/enterprises'

/** Who am I: my roles, the one this call acted as, and my enterprise's name if I speak for one. */
export const profile: ActionDef<'me.profile'> = {
  payload: z.object({}),
  async handle({ openid, user, grant }) {
    const enterprise = grant.enterpriseId ? await findEnterprise(grant.enterpriseId) : null
    return {
      openid,
      name: user.name,
      grants: user.grants,
      activeRole: grant.role,
      ...(enterprise ? { enterpriseName: enterprise.name } : {}),
    }
  },
}
