/**
 * The grants on users records: adding and removing one (binding, approval, revocation), and keeping the
 * `enterpriseIds` of leader and commissioner grants in step with the directory.
 *
 * Why on the grant: access checks (shared/access.ts) then need no query of their own, so `ticket.act` stays
 * within its 3 round trips for every role. The price is keeping them current: every directory write that can
 * change who is linked to what (an arrangement, a commissioner, a leader, an import) ends with
 * `reconcileLinkedGrants()`, which recomputes all of them from the directory and writes only those that
 * differ. It is idempotent, so a crash between the directory write and the reconciliation is healed by the
 * next directory write (or by repeating the same one).
 */
import type { AppUser, RoleGrant, ServiceArrangement } from '../../types/domain'
import type { Commissioner } from '../../types/directory'
import { scopeKeyOf } from '../core/binding-ids'
import { isLinkedGrant, withLinkedEnterprises } from '../core/directory'
import { COLLECTIONS } from './collections'
import { _, db, readDoc, readMany } from './cloud'
import { findArrangementsBy, findById, readAll } from './directory'

/** The part of the database a transaction callback may use (wx-db-contract item 56). */
export type TransactionDb = Pick<typeof db, 'collection'>

export function isSameGrant(a: RoleGrant, b: RoleGrant): boolean {
  return a.role === b.role && scopeKeyOf(a) === scopeKeyOf(b)
}

/** A leader's or commissioner's grant with the enterprises the directory links them to now. */
export async function resolveLinkedEnterprises(grant: RoleGrant): Promise<RoleGrant> {
  if (grant.role === 'leader' && grant.leaderId) {
    return withLinkedEnterprises(grant, await findArrangementsBy('leaderId', grant.leaderId), [])
  }
  if (grant.role === 'commissioner' && grant.commissionerId) {
    const [arrangements, commissioner] = await Promise.all([
      findArrangementsBy('commissionerIds', grant.commissionerId),
      findById<Commissioner>(COLLECTIONS.commissioners, grant.commissionerId),
    ])
    return withLinkedEnterprises(grant, arrangements, commissioner ? [commissioner] : [])
  }
  return grant
}

const sameGrants = (a: readonly RoleGrant[], b: readonly RoleGrant[]) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Rewrites one user's grants through `change`, in a single-document transaction, so two bindings landing at
 * once do not lose each other. Creates the record when `create` is given.
 */
export async function updateUserGrants(
  openid: string,
  change: (grants: RoleGrant[]) => RoleGrant[],
  create?: () => Omit<AppUser, '_id' | 'grants'>,
  /** the name to give a record that has none yet (one made when the privacy notice was accepted) */
  nameIfMissing?: string,
): Promise<AppUser | null> {
  return db.runTransaction(async (tx: TransactionDb) => changeGrantsIn(tx, openid, change, create, nameIfMissing))
}

/**
 * The same change as part of a caller's transaction: a binding's status and the grant it gives are written
 * together or not at all (issue 8 §1, §2), and a concurrent change of the same users record makes one of
 * them re-run and see the other's result (one grant per role is then checked on fresh data, §3).
 */
export async function changeGrantsIn(
  tx: TransactionDb,
  openid: string,
  change: (grants: RoleGrant[]) => RoleGrant[],
  create?: () => Omit<AppUser, '_id' | 'grants'>,
  nameIfMissing?: string,
): Promise<AppUser | null> {
  const ref = tx.collection(COLLECTIONS.users).doc(openid)
  const user = await readDoc<AppUser>(ref)
  if (!user) {
    if (!create) return null
    const fresh: AppUser = { _id: openid, ...create(), grants: change([]) }
    const { _id, ...data } = fresh
    await ref.set({ data })
    return fresh
  }
  const grants = change(user.grants)
  const name = !user.name && nameIfMissing ? nameIfMissing : user.name
  const data: Record<string, unknown> = {}
  if (!sameGrants(grants, user.grants)) data.grants = _.set(grants)
  if (name !== user.name) data.name = name
  if (Object.keys(data).length > 0) await ref.update({ data })
  return { ...user, name, grants }
}

/** Adds a grant (replacing the same role on the same record, e.g. with fresh enterpriseIds). */
export function withGrant(grants: readonly RoleGrant[], grant: RoleGrant): RoleGrant[] {
  const at = grants.findIndex((g) => isSameGrant(g, grant))
  return at >= 0 ? grants.map((g, i) => (i === at ? grant : g)) : [...grants, grant]
}

export function withoutGrant(grants: readonly RoleGrant[], grant: RoleGrant): RoleGrant[] {
  return grants.filter((g) => !isSameGrant(g, grant))
}

/** Users holding a leader or commissioner grant; index by_grant_role (a few hundred at most: one page). */
async function usersWithLinkedGrants(): Promise<AppUser[]> {
  return readMany<AppUser>(
    db
      .collection(COLLECTIONS.users)
      .where({ 'grants.role': _.in(['leader', 'commissioner']) })
      .limit(1000),
  )
}

/**
 * Recomputes `enterpriseIds` of every leader and commissioner grant from the directory and writes the users
 * whose grants changed. Returns how many were rewritten.
 */
export async function reconcileLinkedGrants(): Promise<number> {
  const [arrangements, commissioners, users] = await Promise.all([
    readAll<ServiceArrangement>(COLLECTIONS.arrangements),
    readAll<Commissioner>(COLLECTIONS.commissioners),
    usersWithLinkedGrants(),
  ])
  const byId = new Map(commissioners.map((c) => [c._id, c]))
  const resolve = (grants: RoleGrant[]) =>
    grants.map((g) => (isLinkedGrant(g) ? withLinkedEnterprises(g, arrangements, byId) : g))
  let rewritten = 0
  for (const user of users) {
    if (sameGrants(resolve(user.grants), user.grants)) continue
    await updateUserGrants(user._id, resolve)
    rewritten++
  }
  return rewritten
}
