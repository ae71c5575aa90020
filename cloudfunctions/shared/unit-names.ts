/** Every unit's and task force's name by code: exports show names, never codes. A city has dozens of units. */
import type { Unit } from '../../types/domain'
import { COLLECTIONS } from './collections'
import { db, readMany } from './cloud'

export async function allUnitNames(): Promise<Record<string, string>> {
  // no filter, no sort: no index needed; ≤ 1000 per get() holds a city's units
  const units = await readMany<Pick<Unit, '_id' | 'name'>>(
    db.collection(COLLECTIONS.units).limit(1000).field({ _id: true, name: true }),
  )
  return Object.fromEntries(units.map((unit) => [unit._id, unit.name]))
}
