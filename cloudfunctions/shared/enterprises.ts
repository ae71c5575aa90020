import type { Enterprise, Unit } from '../../types/domain'
import { COLLECTIONS } from './collections'
import { _, db, readDoc, readMany } from './cloud'

export async function findEnterprise(enterpriseId: string): Promise<Enterprise | null> {
  return readDoc<Enterprise>(db.collection(COLLECTIONS.enterprises).doc(enterpriseId))
}

export async function findUnit(code: string): Promise<Unit | null> {
  return readDoc<Unit>(db.collection(COLLECTIONS.units).doc(code))
}

/** Names of the given units and task forces; index: _id. */
export async function unitNamesOf(codes: readonly string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {}
  const units = await readMany<Unit>(
    db
      .collection(COLLECTIONS.units)
      .where({ _id: _.in([...codes]) })
      .field({ _id: true, name: true }),
  )
  return Object.fromEntries(units.map((u) => [u._id, u.name]))
}

/** Active handling departments (not task forces), for dispatch and reassignment; index by_kind_active. */
export async function listActiveDepartments(): Promise<Unit[]> {
  // a city has dozens of units: one page of ≤ 1000 (the per-get maximum in functions) holds them all
  return readMany<Unit>(
    db
      .collection(COLLECTIONS.units)
      .where({ kind: _.eq('department'), active: _.eq(true) })
      .orderBy('level', 'asc')
      .limit(1000),
  )
}

/** Up to 20 active enterprises whose name contains the keyword; index by_active_name. */
export async function searchEnterprises(keyword: string): Promise<Enterprise[]> {
  const nameFilter = keyword ? { name: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) } : {}
  return readMany<Enterprise>(
    db
      .collection(COLLECTIONS.enterprises)
      .where({ active: _.eq(true), ...nameFilter })
      .orderBy('name', 'asc')
      .limit(20),
  )
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
