/**
 * Reading and writing the directory (units, task forces, leaders, enterprises, commissioners, service teams,
 * 四个一). Every query here has an index in db-manifest.json.
 */
import type { Enterprise, ServiceArrangement, Unit } from '../../types/domain'
import type { Commissioner, Leader, ServiceTeam, TaskForce } from '../../types/directory'
import type { DirectoryCollectionKey, DirectorySnapshot, PlannedWrite } from '../core/directory'
import { COLLECTIONS } from './collections'
import { _, db, readDoc, readMany } from './cloud'

/** ≤ 1000 documents per get() in cloud functions (DESIGN.md §6). */
const MAX_PAGE = 1000

export const COLLECTION_OF: Record<DirectoryCollectionKey, string> = {
  units: COLLECTIONS.units,
  leaders: COLLECTIONS.leaders,
  enterprises: COLLECTIONS.enterprises,
  commissioners: COLLECTIONS.commissioners,
  serviceTeams: COLLECTIONS.serviceTeams,
  arrangements: COLLECTIONS.arrangements,
}

/** Every document of a collection, page by page in _id order (the primary key serves it). */
export async function readAll<T>(collection: string): Promise<T[]> {
  const all: T[] = []
  for (let page = 0; ; page++) {
    const rows = await readMany<T>(
      db
        .collection(collection)
        .where({ _id: _.exists(true) })
        .orderBy('_id', 'asc')
        .skip(page * MAX_PAGE)
        .limit(MAX_PAGE),
    )
    all.push(...rows)
    if (rows.length < MAX_PAGE) return all
  }
}

/**
 * The whole directory, for an import or an export: six collections read side by side. A city's directory
 * is a few hundred records (the seed's: 36 units, 4 task forces, 35 leaders, 70 commissioners, ~80
 * enterprises, 70 teams and arrangements), one page each.
 */
export async function loadDirectorySnapshot(): Promise<DirectorySnapshot> {
  const [units, leaders, enterprises, commissioners, serviceTeams, arrangements] = await Promise.all([
    readAll<Unit | TaskForce>(COLLECTIONS.units),
    readAll<Leader>(COLLECTIONS.leaders),
    readAll<Enterprise>(COLLECTIONS.enterprises),
    readAll<Commissioner>(COLLECTIONS.commissioners),
    readAll<ServiceTeam>(COLLECTIONS.serviceTeams),
    readAll<ServiceArrangement>(COLLECTIONS.arrangements),
  ])
  return { units, leaders, enterprises, commissioners, serviceTeams, arrangements }
}

export async function findById<T>(collection: string, id: string): Promise<T | null> {
  return readDoc<T>(db.collection(collection).doc(id))
}

/** Documents by _id (missing ones are left out). */
export async function findByIds<T>(collection: string, ids: readonly string[]): Promise<T[]> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  const found: T[] = []
  for (let i = 0; i < unique.length; i += MAX_PAGE) {
    const chunk = unique.slice(i, i + MAX_PAGE)
    found.push(
      ...(await readMany<T>(
        db
          .collection(collection)
          .where({ _id: _.in(chunk) })
          .limit(MAX_PAGE),
      )),
    )
  }
  return found
}

/** The enterprise recorded under a credit code; index by_creditCode. */
export async function findEnterpriseByCreditCode(creditCode: string): Promise<Enterprise | null> {
  const [found] = await readMany<Enterprise>(
    db
      .collection(COLLECTIONS.enterprises)
      .where({ creditCode: _.eq(creditCode) })
      .limit(1),
  )
  return found ?? null
}

/** Arrangements naming a leader (index by_leader), a lead unit (by_leadUnit) or a commissioner (by_commissioner). */
export async function findArrangementsBy(
  field: 'leaderId' | 'leadUnitCode' | 'commissionerIds',
  value: string,
): Promise<ServiceArrangement[]> {
  return readMany<ServiceArrangement>(
    db
      .collection(COLLECTIONS.arrangements)
      .where({ [field]: _.eq(value) })
      .limit(MAX_PAGE),
  )
}

export const DIRECTORY_PAGE_SIZE = 20

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Enterprises whose name contains the keyword, or the one with that credit code; active ones unless asked.
 * Indexes by_active_name, by_name, by_creditCode.
 */
export async function searchEnterprisePage(keyword: string, includeInactive: boolean, page: number) {
  const collection = db.collection(COLLECTIONS.enterprises)
  if (/^[0-9A-Za-z]{18}$/.test(keyword)) {
    const rows = await readMany<Enterprise>(collection.where({ creditCode: _.eq(keyword.toUpperCase()) }).limit(1))
    return { items: rows.filter((e) => includeInactive || e.active), hasMore: false }
  }
  const nameFilter = keyword
    ? { name: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) }
    : { name: _.exists(true) }
  const where = includeInactive ? nameFilter : { active: _.eq(true), ...nameFilter }
  const rows = await readMany<Enterprise>(
    collection
      .where(where)
      .orderBy('name', 'asc')
      .skip(page * DIRECTORY_PAGE_SIZE)
      .limit(DIRECTORY_PAGE_SIZE + 1),
  )
  return { items: rows.slice(0, DIRECTORY_PAGE_SIZE), hasMore: rows.length > DIRECTORY_PAGE_SIZE }
}

/** A whole collection of a small table (units, leaders, commissioners: tens to hundreds of records). */
export const readAllUnits = () => readAll<Unit | TaskForce>(COLLECTIONS.units)
export const readAllLeaders = () => readAll<Leader>(COLLECTIONS.leaders)
export const readAllCommissioners = () => readAll<Commissioner>(COLLECTIONS.commissioners)

/** How many writes go out at once: enough to finish a directory in seconds, few enough not to be throttled. */
const WRITE_CONCURRENCY = 10

/**
 * Carries out planned writes in order; consecutive writes to one collection go out side by side. Each
 * write is idempotent (create = set the whole document under its deterministic _id; update = set the
 * differing fields), so running a plan again after a crash does no harm.
 */
export async function applyWrites(writes: readonly PlannedWrite[]): Promise<void> {
  let start = 0
  while (start < writes.length) {
    let end = start
    while (
      end < writes.length &&
      writes[end].collection === writes[start].collection &&
      end - start < WRITE_CONCURRENCY
    )
      end++
    await Promise.all(writes.slice(start, end).map(applyWrite))
    start = end
  }
}

async function applyWrite(write: PlannedWrite): Promise<void> {
  const ref = db.collection(COLLECTION_OF[write.collection]).doc(write.id)
  if (write.op === 'create') {
    await ref.set({ data: write.set })
    return
  }
  const data: Record<string, unknown> = {}
  // _.set replaces a whole value: an object or a list is not merged into the old one (wx-db-contract item 24)
  for (const [field, value] of Object.entries(write.set)) data[field] = _.set(value)
  for (const field of write.unset) data[field] = _.remove()
  await ref.update({ data })
}

/**
 * Creates a record under its _id, refusing to overwrite: `add` with an _id that exists fails (two admins
 * creating the same enterprise at once, the second is told). Returns false when it existed.
 */
export async function insertRecord(collection: DirectoryCollectionKey, id: string, data: object): Promise<boolean> {
  try {
    await db.collection(COLLECTION_OF[collection]).add({ data: { _id: id, ...data } })
    return true
  } catch (err) {
    const text = `${(err as { errMsg?: string }).errMsg ?? ''} ${(err as Error).message ?? ''}`
    if (/duplicate/i.test(text)) return false
    throw err
  }
}

/** Sets fields of one record (e.g. `active`). */
export async function updateRecord(
  collection: DirectoryCollectionKey,
  id: string,
  data: Record<string, unknown>,
): Promise<void> {
  await db.collection(COLLECTION_OF[collection]).doc(id).update({ data })
}
