/**
 * The directory as the office maintains it: search and read any record, create and edit each kind, and
 * deactivate or reactivate (nothing is ever deleted: tickets point at enterprises and units). Forms and the
 * spreadsheet import share the builders of core/directory.ts, so both refuse the same mistakes in the same
 * words. A write that can change who is linked to which enterprise ends by reconciling the leader and
 * commissioner grants (shared/grants.ts).
 */
import { randomBytes } from 'node:crypto'
import type * as z from 'zod/mini'
import type { ActionDef } from '../router'
import type { DirectoryRecordOf } from '../../../types/actions'
import type { Enterprise, ServiceArrangement, Unit } from '../../../types/domain'
import {
  DIRECTORY_KIND_LABELS,
  type Commissioner,
  type DirectoryKind,
  type DirectoryRecordView,
  type Leader,
  type ServiceTeam,
  type TaskForce,
} from '../../../types/directory'
import {
  arrangementSaveSchema,
  commissionerSaveSchema,
  directoryGetSchema,
  directorySearchSchema,
  enterpriseSaveSchema,
  leaderSaveSchema,
  setActiveSchema,
  taskForceSaveSchema,
  unitSaveSchema,
} from '../../../types/directory-schemas'
import {
  buildArrangement,
  buildCommissioner,
  buildEnterprise,
  buildLeader,
  buildTaskForce,
  buildUnit,
  DirectoryLookup,
  EMPTY_SNAPSHOT,
  enterpriseIdFor,
  isActiveArrangement,
  isTaskForce,
  planWrite,
  type Built,
  type DirectoryCollectionKey,
  type DirectorySnapshot,
} from '../../core/directory'
import { inScope, scopeOf } from '../../shared/access'
import { COLLECTIONS } from '../../shared/collections'
import { assertTextIsSafe } from '../../shared/contentSafety'
import {
  applyWrites,
  DIRECTORY_PAGE_SIZE,
  findArrangementsBy,
  findByIds,
  findById,
  findEnterpriseByCreditCode,
  insertRecord,
  readAll,
  readAllCommissioners,
  readAllLeaders,
  readAllUnits,
  searchEnterprisePage,
  updateRecord,
} from '../../shared/directory'
import { AppError } from '../../shared/errors'
import { reconcileLinkedGrants } from '../../shared/grants'
import {
  arrangementViews,
  commissionerViews,
  presentEnterprise,
  presentLeader,
  taskForceViews,
} from './directory-present'
import type { ActionContext } from '../router'

type Parsed<S extends z.ZodMiniType> = z.output<S>

const snapshotOf = (part: Partial<DirectorySnapshot>): DirectorySnapshot => ({ ...EMPTY_SNAPSHOT, ...part })
const present = <T>(list: ReadonlyArray<T | null | undefined>): T[] =>
  list.filter((x): x is T => x !== null && x !== undefined)

/** Builder problems → INVALID_INPUT with one Chinese message per field (the form shows them in place). */
function builtOrThrow<T>(built: Built<T>): T {
  if (built.ok) return built.doc
  const fields: Record<string, string> = {}
  for (const p of built.problems) if (!(p.field in fields)) fields[p.field] = p.message
  throw new AppError('INVALID_INPUT', built.problems[0].message, fields)
}

/** Create (refused if the _id exists meanwhile: two admins creating the same record) or update what differs. */
async function save(
  collection: DirectoryCollectionKey,
  doc: { _id: string } & object,
  existing: object | null,
): Promise<void> {
  const write = planWrite(collection, doc, existing ?? undefined)
  if (!write) return
  if (write.op === 'update') return applyWrites([write])
  if (!(await insertRecord(collection, write.id, write.set))) {
    throw new AppError('CONFLICT', '该记录已存在（可能刚被他人创建），请刷新后重试')
  }
}

const newId = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`

/** A save's record: the one named by id (which must exist), or none when the form creates a new one. */
async function recordToEdit<T>(collection: string, kind: DirectoryKind, id: string | undefined): Promise<T | null> {
  if (!id) return null
  const existing = await findById<T>(collection, id)
  if (!existing) throw notFound(kind)
  return existing
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** The one record, as the caller may see it. */
async function recordView(
  kind: DirectoryKind,
  id: string,
  ctx: Pick<ActionContext, 'grant'>,
): Promise<DirectoryRecordView> {
  const role = ctx.grant.role
  switch (kind) {
    case 'enterprise': {
      const enterprise = await findById<Enterprise>(COLLECTIONS.enterprises, id)
      if (!enterprise) throw notFound(kind)
      const arrangement = await findById<ServiceArrangement>(COLLECTIONS.arrangements, id)
      const [view] = arrangement ? await arrangementViews([arrangement], { enterprises: [enterprise] }) : [null]
      return { kind, record: presentEnterprise(enterprise, role), arrangement: view }
    }
    case 'arrangement': {
      const arrangement = await findById<ServiceArrangement>(COLLECTIONS.arrangements, id)
      if (!arrangement) throw notFound(kind)
      const [view] = await arrangementViews([arrangement])
      return { kind, record: view }
    }
    case 'unit':
    case 'taskForce': {
      const unit = await findById<Unit | TaskForce>(COLLECTIONS.units, id)
      if (!unit || (kind === 'unit') !== (unit.kind === 'department')) throw notFound(kind)
      if (isTaskForce(unit)) return { kind: 'taskForce', record: (await taskForceViews([unit]))[0] }
      return { kind: 'unit', record: unit }
    }
    case 'leader': {
      const leader = await findById<Leader>(COLLECTIONS.leaders, id)
      if (!leader) throw notFound(kind)
      return { kind, record: presentLeader(leader) }
    }
    case 'commissioner': {
      const commissioner = await findById<Commissioner>(COLLECTIONS.commissioners, id)
      if (!commissioner) throw notFound(kind)
      return { kind, record: (await commissionerViews([commissioner], role))[0] }
    }
  }
}

const notFound = (kind: DirectoryKind) =>
  new AppError('NOT_FOUND', `未找到该${DIRECTORY_KIND_LABELS[kind]}，或您无权查看`)

export const get: ActionDef<'directory.get'> = {
  payload: directoryGetSchema,
  async handle(ctx, { kind, id }) {
    if (scopeOf('directory.get', ctx.grant.role) !== 'everything') {
      // outside the office: only an enterprise (and its 四个一) in the caller's scope; whether others exist is private
      if (kind !== 'enterprise' && kind !== 'arrangement')
        throw new AppError('FORBIDDEN', '只能查看本企业或所联系企业的名录信息')
      if (!inScope('directory.get', ctx.grant, { enterpriseId: id })) throw notFound(kind)
    }
    return recordView(kind, id, ctx)
  },
}

const matches = (keyword: string, ...texts: Array<string | undefined>) =>
  keyword === '' || texts.some((t) => t !== undefined && t.toLowerCase().includes(keyword.toLowerCase()))

function pageOf<T>(items: T[], page: number): { items: T[]; hasMore: boolean } {
  const start = page * DIRECTORY_PAGE_SIZE
  return { items: items.slice(start, start + DIRECTORY_PAGE_SIZE), hasMore: items.length > start + DIRECTORY_PAGE_SIZE }
}

const LEVEL_ORDER = ['region', 'city', 'county']

export const search: ActionDef<'directory.search'> = {
  payload: directorySearchSchema,
  async handle(ctx, payload) {
    const { kind, keyword, includeInactive, page } = payload as Parsed<typeof directorySearchSchema>
    const role = ctx.grant.role
    const shown = <T extends { active?: boolean }>(r: T) => includeInactive || r.active !== false
    switch (kind) {
      case 'enterprise': {
        // enterprises grow into the thousands: searched in the database; the list leaves out 四个一 (see get)
        const found = await searchEnterprisePage(keyword, includeInactive, page)
        return {
          items: found.items.map((e) => ({ kind, record: presentEnterprise(e, role), arrangement: null })),
          hasMore: found.hasMore,
        }
      }
      // units, task forces, leaders, commissioners: tens of records, filtered here
      case 'unit':
      case 'taskForce': {
        const units = (await readAllUnits())
          .filter((u) => (kind === 'unit' ? u.kind === 'department' : u.kind === 'taskForce'))
          .filter((u) => shown(u) && matches(keyword, u.name, u.code))
          .sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || (a.code < b.code ? -1 : 1))
        const { items, hasMore } = pageOf(units, page)
        if (kind === 'unit') return { items: items.map((record) => ({ kind, record })), hasMore }
        return { items: (await taskForceViews(items as TaskForce[])).map((record) => ({ kind, record })), hasMore }
      }
      case 'leader': {
        const leaders = (await readAllLeaders())
          .filter((l) => shown(l) && matches(keyword, l.name, l.title, l._id))
          .sort((a, b) => a.rank - b.rank)
        const { items, hasMore } = pageOf(leaders, page)
        return { items: items.map((l) => ({ kind, record: presentLeader(l) })), hasMore }
      }
      case 'commissioner': {
        const commissioners = (await readAllCommissioners())
          .filter((c) => shown(c) && matches(keyword, c.name, c._id, c.squad, c.station.name))
          .sort((a, b) => (a._id < b._id ? -1 : 1))
        const { items, hasMore } = pageOf(commissioners, page)
        return { items: (await commissionerViews(items, role)).map((record) => ({ kind, record })), hasMore }
      }
      case 'arrangement': {
        const arrangements = (await readAll<ServiceArrangement>(COLLECTIONS.arrangements)).filter(
          (a) => includeInactive || isActiveArrangement(a),
        )
        const enterprises = await findByIds<Enterprise>(
          COLLECTIONS.enterprises,
          arrangements.map((a) => a.enterpriseId),
        )
        const byId = new Map(enterprises.map((e) => [e._id, e]))
        const hits = arrangements
          .filter((a) => matches(keyword, byId.get(a.enterpriseId)?.name, byId.get(a.enterpriseId)?.creditCode))
          .sort((a, b) => ((byId.get(a.enterpriseId)?.name ?? '') < (byId.get(b.enterpriseId)?.name ?? '') ? -1 : 1))
        const { items, hasMore } = pageOf(hits, page)
        return { items: (await arrangementViews(items, { enterprises })).map((record) => ({ kind, record })), hasMore }
      }
    }
  },
}

// ---------------------------------------------------------------------------------------------------------
// Saving

export const saveEnterprise: ActionDef<'directory.enterprise.save'> = {
  payload: enterpriseSaveSchema,
  async handle(ctx, payload) {
    const input = payload as Parsed<typeof enterpriseSaveSchema>
    const existing = await recordToEdit<Enterprise>(COLLECTIONS.enterprises, 'enterprise', input.enterpriseId)
    const enterpriseId = existing?._id ?? enterpriseIdFor(input.creditCode)
    const [holder, arrangement] = await Promise.all([
      findEnterpriseByCreditCode(input.creditCode),
      existing ? findById<ServiceArrangement>(COLLECTIONS.arrangements, existing._id) : null,
    ])
    const lookup = new DirectoryLookup(
      snapshotOf({ enterprises: present([existing, holder]), arrangements: present([arrangement]) }),
    )
    const doc = builtOrThrow(buildEnterprise({ ...input, enterpriseId }, lookup))
    await assertTextIsSafe(
      ctx.openid,
      [doc.name, doc.park, doc.industry, ...(doc.contacts ?? []).flatMap((c) => [c.name, c.title])]
        .filter(Boolean)
        .join('\n'),
    )
    await save('enterprises', doc, existing)
    return (await recordView('enterprise', doc._id, ctx)) as DirectoryRecordOf<'enterprise'>
  },
}

export const saveUnit: ActionDef<'directory.unit.save'> = {
  payload: unitSaveSchema,
  async handle(ctx, payload) {
    const input = payload as Parsed<typeof unitSaveSchema>
    const existing = await findById<Unit | TaskForce>(COLLECTIONS.units, input.code)
    const doc = builtOrThrow(buildUnit(input, new DirectoryLookup(snapshotOf({ units: present([existing]) }))))
    await assertTextIsSafe(ctx.openid, doc.name)
    await save('units', doc, existing)
    return { kind: 'unit', record: doc }
  },
}

export const saveTaskForce: ActionDef<'directory.taskForce.save'> = {
  payload: taskForceSaveSchema,
  async handle(ctx, payload) {
    const input = payload as Parsed<typeof taskForceSaveSchema>
    const [units, leader] = await Promise.all([
      findByIds<Unit | TaskForce>(COLLECTIONS.units, [input.code, ...input.memberUnitCodes]),
      findById<Leader>(COLLECTIONS.leaders, input.leaderId),
    ])
    const existing = units.find((u) => u.code === input.code) ?? null
    const doc = builtOrThrow(
      buildTaskForce(input, new DirectoryLookup(snapshotOf({ units, leaders: present([leader]) }))),
    )
    await assertTextIsSafe(ctx.openid, doc.name)
    await save('units', doc, existing)
    return { kind: 'taskForce', record: (await taskForceViews([doc]))[0] }
  },
}

export const saveLeader: ActionDef<'directory.leader.save'> = {
  payload: leaderSaveSchema,
  async handle(ctx, payload) {
    const input = payload as Parsed<typeof leaderSaveSchema>
    const existing = await recordToEdit<Leader>(COLLECTIONS.leaders, 'leader', input.leaderId)
    const leaderId = existing?._id ?? newId('leader')
    const doc = builtOrThrow(
      buildLeader({ ...input, leaderId }, new DirectoryLookup(snapshotOf({ leaders: present([existing]) }))),
    )
    await assertTextIsSafe(ctx.openid, `${doc.name}\n${doc.title}`)
    await save('leaders', doc, existing)
    return { kind: 'leader', record: presentLeader({ ...existing, ...doc }) }
  },
}

export const saveCommissioner: ActionDef<'directory.commissioner.save'> = {
  payload: commissionerSaveSchema,
  async handle(ctx, payload) {
    const input = payload as Parsed<typeof commissionerSaveSchema>
    const existing = await recordToEdit<Commissioner>(COLLECTIONS.commissioners, 'commissioner', input.commissionerId)
    const commissionerId = existing?._id ?? newId('commissioner')
    const [unit, enterprise] = await Promise.all([
      findById<Unit>(COLLECTIONS.units, input.unitCode),
      input.station.kind === 'park' ? null : findById<Enterprise>(COLLECTIONS.enterprises, input.station.enterpriseId),
    ])
    const lookup = new DirectoryLookup(
      snapshotOf({ units: present([unit]), enterprises: present([enterprise]), commissioners: present([existing]) }),
    )
    const doc = builtOrThrow(buildCommissioner({ ...input, commissionerId }, lookup))
    await assertTextIsSafe(ctx.openid, [doc.name, doc.squad, doc.station.name].filter(Boolean).join('\n'))
    await save('commissioners', doc, existing)
    // a new station can change the commissioner's enterprises
    await reconcileLinkedGrants()
    return { kind: 'commissioner', record: (await commissionerViews([{ ...existing, ...doc }], ctx.grant.role))[0] }
  },
}

export const saveArrangement: ActionDef<'directory.arrangement.save'> = {
  payload: arrangementSaveSchema,
  async handle(ctx, payload) {
    const input = payload as Parsed<typeof arrangementSaveSchema>
    const [enterprise, existing, leader, units, commissioners] = await Promise.all([
      findById<Enterprise>(COLLECTIONS.enterprises, input.enterpriseId),
      findById<ServiceArrangement>(COLLECTIONS.arrangements, input.enterpriseId),
      findById<Leader>(COLLECTIONS.leaders, input.leaderId),
      findByIds<Unit>(COLLECTIONS.units, [input.leadUnitCode, ...input.memberUnitCodes]),
      findByIds<Commissioner>(COLLECTIONS.commissioners, input.commissionerIds),
    ])
    const team = existing ? await findById<ServiceTeam>(COLLECTIONS.serviceTeams, existing.serviceTeamId) : null
    const lookup = new DirectoryLookup(
      snapshotOf({
        enterprises: present([enterprise]),
        arrangements: present([existing]),
        serviceTeams: present([team]),
        leaders: present([leader]),
        units,
        commissioners,
      }),
    )
    const built = builtOrThrow(buildArrangement(input, lookup))
    if (input.teamName) await assertTextIsSafe(ctx.openid, input.teamName)
    // the team first: an arrangement never names a team that is not there
    await save('serviceTeams', built.team, team)
    await save('arrangements', built.arrangement, existing)
    await reconcileLinkedGrants()
    return (await recordView('arrangement', built.arrangement._id, ctx)) as DirectoryRecordOf<'arrangement'>
  },
}

// ---------------------------------------------------------------------------------------------------------
// Deactivating and reactivating

/** Refuses to deactivate what active 四个一 or task forces still rely on, naming them. */
function assertUnused(users: string[], what: string): void {
  if (users.length === 0) return
  const shown = users.slice(0, 5).join('、') + (users.length > 5 ? `等${users.length}项` : '')
  throw new AppError('CONFLICT', `${what}仍在使用中（${shown}），请先调整后再停用`)
}

async function enterpriseNames(arrangements: readonly ServiceArrangement[]): Promise<string[]> {
  const enterprises = await findByIds<Enterprise>(
    COLLECTIONS.enterprises,
    arrangements.map((a) => a.enterpriseId),
  )
  return enterprises.map((e) => `${e.name}的四个一`)
}

export const setActive: ActionDef<'directory.setActive'> = {
  payload: setActiveSchema,
  async handle(ctx, { kind, id, active }) {
    const current = await recordView(kind, id, ctx) // NOT_FOUND for an unknown id
    switch (kind) {
      case 'enterprise': {
        await updateRecord('enterprises', id, { active })
        // a deactivated enterprise's 四个一 ends with it; reactivating it does not bring the 四个一 back by itself
        if (!active && current.kind === 'enterprise' && current.arrangement?.active)
          await setArrangementActive(current.arrangement, false)
        break
      }
      case 'unit': {
        if (!active) {
          const [led, units] = await Promise.all([findArrangementsBy('leadUnitCode', id), readAllUnits()])
          const forces = units.filter(isTaskForce).filter((u) => u.active && u.memberUnitCodes.includes(id))
          assertUnused(
            [...(await enterpriseNames(led.filter(isActiveArrangement))), ...forces.map((f) => f.name)],
            '该单位',
          )
        }
        await updateRecord('units', id, { active })
        break
      }
      case 'taskForce':
        await updateRecord('units', id, { active })
        break
      case 'leader': {
        if (!active) {
          const [linked, units] = await Promise.all([findArrangementsBy('leaderId', id), readAllUnits()])
          const forces = units.filter(isTaskForce).filter((u) => u.active && u.leaderId === id)
          assertUnused(
            [...(await enterpriseNames(linked.filter(isActiveArrangement))), ...forces.map((f) => f.name)],
            '该市领导',
          )
        }
        await updateRecord('leaders', id, { active })
        break
      }
      case 'commissioner': {
        if (!active)
          assertUnused(
            await enterpriseNames((await findArrangementsBy('commissionerIds', id)).filter(isActiveArrangement)),
            '该特派员',
          )
        await updateRecord('commissioners', id, { active })
        break
      }
      case 'arrangement': {
        if (current.kind !== 'arrangement') break
        if (active) {
          // only what could be saved afresh may come back: leader, units, commissioners still active
          const { enterpriseId, leaderId, leadUnitCode, commissionerIds } = current.record
          await saveArrangement.handle(ctx, {
            enterpriseId,
            leaderId,
            leadUnitCode,
            commissionerIds,
            memberUnitCodes: current.record.team?.memberUnitCodes ?? [],
          })
        }
        await setArrangementActive(current.record, active)
        break
      }
    }
    if (kind === 'enterprise' || kind === 'commissioner' || kind === 'arrangement' || kind === 'leader')
      await reconcileLinkedGrants()
    return recordView(kind, id, ctx)
  },
}

async function setArrangementActive(
  arrangement: Pick<ServiceArrangement, '_id' | 'serviceTeamId'>,
  active: boolean,
): Promise<void> {
  await updateRecord('serviceTeams', arrangement.serviceTeamId, { active })
  await updateRecord('arrangements', arrangement._id, { active })
}
