/**
 * Who receives a notification, from the database: routing's symbolic audience (core/routing.ts) resolved
 * against the key enterprise's 四个一 arrangement, then the WeChat users whose grants hold those roles
 * (core/reminders/addressees.ts). A batch of notifications is addressed together: one query per kind of
 * addressee for the whole batch, not per notification. Every query has its index in db-manifest.json.
 */
import type { AppUser, ServiceArrangement } from '../../types/domain'
import { resolveAudience, type AudienceRole, type Recipient, type RoutingTicket } from '../core/routing'
import { addresseesOf, type Addressee, type Directory } from '../core/reminders/addressees'
import { COLLECTIONS } from './collections'
import { _, db, readMany } from './cloud'

export interface AddressingRequest {
  audience: readonly AudienceRole[]
  ticket: RoutingTicket
}

/** ≤ 1000 documents per get() in cloud functions (DESIGN.md §6). */
const MAX_GET = 1000
/** values per `_.in`: keeps each answer well under a page */
const IN_CHUNK = 100

type DirectoryUser = Pick<AppUser, '_id' | 'grants'>
/** What addressing reads of a service team (the demo directory's ServiceTeam). */
interface ServiceTeamMembers {
  _id: string
  commissionerIds: string[]
}

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size))
  return out
}

/** Every document matching `where`, page by page (no sort: the index has none to offer; pages are full until the last). */
async function readAll<T>(collection: string, where: object, field: Record<string, boolean>): Promise<T[]> {
  const all: T[] = []
  for (let page = 0; ; page++) {
    const rows = await readMany<T>(
      db
        .collection(collection)
        .where(where)
        .skip(page * MAX_GET)
        .limit(MAX_GET)
        .field(field),
    )
    all.push(...rows)
    if (rows.length < MAX_GET) return all
  }
}

/** Documents by `_id`, in chunks (primary key). */
async function readByIds<T extends { _id: string }>(
  collection: string,
  ids: readonly string[],
  field: Record<string, boolean>,
): Promise<Map<string, T>> {
  const found = new Map<string, T>()
  for (const chunk of chunks([...new Set(ids)], IN_CHUNK)) {
    for (const doc of await readAll<T>(collection, { _id: _.in(chunk) }, field)) found.set(doc._id, doc)
  }
  return found
}

/** Users holding a grant whose `path` is one of `values` (indexes by_grant_*; a multikey path over the grants array). */
async function usersWithGrant(path: string, values: readonly string[]): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = []
  for (const chunk of chunks([...new Set(values)], IN_CHUNK)) {
    users.push(
      ...(await readAll<DirectoryUser>(COLLECTIONS.users, { [path]: _.in(chunk) }, { _id: true, grants: true })),
    )
  }
  return users
}

/** The users any of these recipients could be: one query per kind present. */
async function usersFor(
  recipients: readonly Recipient[],
  serviceTeamMembers: Directory['serviceTeamMembers'],
): Promise<DirectoryUser[]> {
  const of = <K extends Recipient['kind']>(kind: K) =>
    recipients.filter((r): r is Extract<Recipient, { kind: K }> => r.kind === kind)
  const unitCodes = of('unit').map((r) => r.unitCode)
  const enterpriseIds = of('enterprise').map((r) => r.enterpriseId)
  const leaderIds = of('leader').map((r) => r.leaderId)
  const commissionerIds = [
    ...of('commissioner').map((r) => r.commissionerId),
    ...of('serviceTeam').flatMap((r) => serviceTeamMembers?.[r.serviceTeamId] ?? []),
  ]
  const userIds = of('user').map((r) => r.userId)
  const lookups: Promise<DirectoryUser[]>[] = []
  if (of('dispatcher').length > 0) lookups.push(usersWithGrant('grants.role', ['dispatcher']))
  if (unitCodes.length > 0) lookups.push(usersWithGrant('grants.unitCode', unitCodes))
  if (enterpriseIds.length > 0) lookups.push(usersWithGrant('grants.enterpriseId', enterpriseIds))
  if (leaderIds.length > 0) lookups.push(usersWithGrant('grants.leaderId', leaderIds))
  if (commissionerIds.length > 0) lookups.push(usersWithGrant('grants.commissionerId', commissionerIds))
  if (userIds.length > 0) {
    lookups.push(
      readByIds<DirectoryUser>(COLLECTIONS.users, userIds, { _id: true, grants: true }).then((found) => [
        ...found.values(),
      ]),
    )
  }
  const byId = new Map<string, DirectoryUser>()
  for (const users of await Promise.all(lookups)) for (const user of users) byId.set(user._id, user)
  // a stable order: the first recipient that reaches a user decides their role (addresseesOf), users in id order
  return [...byId.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
}

/**
 * The addressees of each request, in order. Round trips: the arrangements of the key enterprises (1 per 100),
 * their service teams if an audience names one, and one users query per kind of addressee.
 */
export async function addressAll(requests: readonly AddressingRequest[]): Promise<Addressee[][]> {
  if (requests.length === 0) return []
  const keyEnterprises = requests.filter((r) => r.ticket.enterpriseIsKey).map((r) => r.ticket.enterpriseId)
  const arrangements = await readByIds<ServiceArrangement>(COLLECTIONS.arrangements, keyEnterprises, {
    _id: true,
    enterpriseId: true,
    leaderId: true,
    leadUnitCode: true,
    serviceTeamId: true,
    commissionerIds: true,
  })
  const recipientsPer = requests.map((r) =>
    resolveAudience(r.audience, r.ticket, arrangements.get(r.ticket.enterpriseId) ?? null),
  )
  const all = recipientsPer.flat()
  const teamIds = all.flatMap((r) => (r.kind === 'serviceTeam' ? [r.serviceTeamId] : []))
  const teams = await readByIds<ServiceTeamMembers>(COLLECTIONS.serviceTeams, teamIds, {
    _id: true,
    commissionerIds: true,
  })
  const serviceTeamMembers = Object.fromEntries(
    [...teams.values()].map((team) => [team._id, team.commissionerIds ?? []]),
  )
  const directory: Directory = { users: await usersFor(all, serviceTeamMembers), serviceTeamMembers }
  return recipientsPer.map((recipients) => addresseesOf(recipients, directory))
}
