/**
 * The people around a ticket who do not handle it: a 专班's workspace (its category's bottleneck tickets
 * across the city), the lead service unit's followed tickets, and commissioners' visits (走访记录), their
 * enterprises at a glance and the office's coverage. Policy rows: shared/access.ts; pure parts: core/visits.ts.
 */
import type { ActionContext, ActionDef } from '../router'
import type { Enterprise, Ticket } from '../../../types/domain'
import type { TaskForce } from '../../../types/directory'
import type { VisitView } from '../../../types/actions'
import { listTicketsSchema, PAGE_SIZE } from '../../../types/schemas'
import * as z from 'zod/mini'
import { coverageSchema, taskForceTicketsSchema, visitInputSchema, visitListSchema } from '../../../types/visit-schemas'
import {
  coverageCutoff,
  daysSince,
  OPEN_STATES,
  overviewRows,
  visitDateProblem,
  visitIdFor,
  visitRecord,
} from '../../core/visits'
import { inScope, scopeOf, visibleEnterpriseIds } from '../../shared/access'
import { assertOwnAttachments } from '../../shared/attachments'
import { COLLECTIONS } from '../../shared/collections'
import { _, db, readDoc, readMany } from '../../shared/cloud'
import { findArrangementsBy, findById, findByIds } from '../../shared/directory'
import { unitNamesOf } from '../../shared/enterprises'
import { AppError } from '../../shared/errors'
import { loadWorkingCalendar } from '../../shared/calendar'
import { listTicketsOfEnterprises, TICKET_SUMMARY_FIELDS } from '../../shared/tickets'
import { afterCursor, encodeCursor, whereOf, type SortSpec } from '../../shared/ticketQuery'
import { ticketIdFor, openAndInsertTicket } from './tickets'

/** ≤ 1000 documents per get() in cloud functions (DESIGN.md §6). */
const MAX_GET = 1000
type TransactionDb = Pick<typeof db, 'collection'>

// ---------------------------------------------------------------------------------------------------------
// 专班 workspace

const BOARD_FIELDS = {
  ...TICKET_SUMMARY_FIELDS,
  units: true,
  dispatchedAt: true,
  meetingRequest: true,
  upward: true,
}

/** The task forces (four in the city; index by_kind_active_level). */
async function listTaskForces(): Promise<TaskForce[]> {
  const all = await readMany<TaskForce>(
    db
      .collection(COLLECTIONS.units)
      .where({ kind: _.eq('taskForce') })
      .limit(MAX_GET),
  )
  return all.sort((a, b) => (a.code < b.code ? -1 : 1))
}

/** Which 专班s the caller may look at, by the policy row's scope. */
function taskForcesFor(ctx: Pick<ActionContext, 'grant'>, all: readonly TaskForce[]): TaskForce[] {
  const scope = scopeOf('taskForce.tickets', ctx.grant.role)
  if (scope === 'everything') return [...all]
  if (scope === 'ownTaskForce') return all.filter((tf) => tf.code === ctx.grant.unitCode)
  if (scope === 'ledTaskForce') return all.filter((tf) => tf.leaderId === ctx.grant.leaderId)
  return []
}

export const taskForceTickets: ActionDef<'taskForce.tickets'> = {
  payload: taskForceTicketsSchema,
  async handle(ctx, { taskForce, tab = 'open', cursor }) {
    const mine = taskForcesFor(ctx, await listTaskForces())
    if (mine.length === 0) throw new AppError('FORBIDDEN', '您的账号未关联专班')
    const chosen = taskForce === undefined ? mine[0] : mine.find((tf) => tf.code === taskForce)
    if (!chosen) throw new AppError('FORBIDDEN', '只能查看您所在或牵头的专班')
    // a 专班 follows its tickets once dispatched (routing tells it then): states from dispatched on
    const base = { taskForce: _.eq(chosen.code) }
    const sort: SortSpec =
      tab === 'closed' ? { field: 'createdAt', order: 'desc' } : { field: 'replyDueAt', order: 'asc' }
    const where =
      tab === 'closed'
        ? { ...base, state: _.in(['replied', 'closed']) }
        : tab === 'overdue'
          ? { ...base, state: _.in(['dispatched', 'signed']), replyDueAt: _.lt(ctx.now) }
          : { ...base, state: _.in(['dispatched', 'signed']) }
    // cursor paging on (sort key, _id), never a growing skip; indexes by_taskForce_state_replyDue, _created
    const conditions: unknown[] = [where, { [sort.field]: _.neq(null) }]
    if (cursor) conditions.push(afterCursor(sort, cursor))
    const rows = await readMany<Ticket>(
      db
        .collection(COLLECTIONS.tickets)
        .where(whereOf(conditions))
        .orderBy(sort.field, sort.order)
        .orderBy('_id', sort.order)
        .limit(PAGE_SIZE + 1)
        .field(BOARD_FIELDS),
    )
    const last = rows[Math.min(rows.length, PAGE_SIZE) - 1]
    const lastKey = last?.[sort.field]
    const nextCursor = rows.length > PAGE_SIZE && lastKey instanceof Date ? encodeCursor(lastKey, last._id) : null
    const items = rows.slice(0, PAGE_SIZE).map(({ meetingRequest, upward, ...row }) => ({
      ...row,
      meetingRequested: meetingRequest != null,
      upward: (upward ?? []).length > 0,
    }))
    const leader = await findById<{ name: string }>(COLLECTIONS.leaders, chosen.leaderId)
    return {
      taskForce: { code: chosen.code, name: chosen.name, leaderName: leader?.name ?? null },
      taskForces: mine.map((tf) => ({ code: tf.code, name: tf.name })),
      items,
      unitNames: await unitNamesOf([...new Set(items.flatMap((i) => i.units))]),
      hasMore: rows.length > PAGE_SIZE,
      nextCursor,
    }
  },
}

// ---------------------------------------------------------------------------------------------------------
// the lead service unit

export const listFollowed: ActionDef<'ticket.listFollowed'> = {
  payload: listTicketsSchema,
  async handle({ grant }, { cursor }) {
    if (!grant.unitCode) throw new AppError('FORBIDDEN', '您的账号未关联单位')
    // the key enterprises whose active 四个一 names this unit as lead service unit (index by_leadUnit)
    const arrangements = await findArrangementsBy('leadUnitCode', grant.unitCode)
    const ids = arrangements.filter((a) => a.active !== false).map((a) => a.enterpriseId)
    return listTicketsOfEnterprises(ids, cursor)
  },
}

// ---------------------------------------------------------------------------------------------------------
// visits

type StoredVisit = VisitView & { openid: string; requestId: string }

const visits = () => db.collection(COLLECTIONS.visits)

/** The latest visit per enterprise, advanced only forwards (single-document transaction; retry-safe). */
async function recordCoverage(visit: StoredVisit): Promise<void> {
  await db.runTransaction(async (tx: TransactionDb) => {
    const ref = tx.collection(COLLECTIONS.visitCoverage).doc(visit.enterpriseId)
    const current = await readDoc<{ lastVisitAt: Date }>(ref)
    if (current && current.lastVisitAt.getTime() >= visit.visitedAt.getTime()) return
    await ref.set({
      data: {
        enterpriseName: visit.enterpriseName,
        lastVisitAt: visit.visitedAt,
        lastVisitId: visit._id,
        commissionerName: visit.commissionerName,
      },
    })
  })
}

const presentVisit = ({ openid: _openid, requestId: _requestId, ...visit }: StoredVisit): VisitView => visit

export const logVisit: ActionDef<'visit.log'> = {
  idempotent: true,
  payload: visitInputSchema,
  async handle(ctx, input) {
    const { openid, grant, requestId, now } = ctx
    const visitId = visitIdFor(openid, requestId)
    // Retry-safe: the first attempt's record is the visit; every write below is named by it and repeatable,
    // so an attempt that died after any of them is completed by the retry (tests/functions/visits.test.ts).
    let visit = await readDoc<StoredVisit>(visits().doc(visitId))
    if (visit?.status === 'complete') return presentVisit(visit)
    if (!visit) {
      if (!inScope('visit.log', grant, { enterpriseId: input.enterpriseId }))
        throw new AppError('FORBIDDEN', '只能登记您服务的企业的走访', { enterpriseId: '只能选择您服务的企业' })
      const dateProblem = visitDateProblem(input.visitedOn, now)
      if (dateProblem) throw new AppError('INVALID_INPUT', dateProblem, { visitedOn: dateProblem })
      assertOwnAttachments({ attachments: input.photos }, openid)
      const [enterprise, commissioner] = await Promise.all([
        findById<Enterprise>(COLLECTIONS.enterprises, input.enterpriseId),
        grant.commissionerId ? findById<{ name: string }>(COLLECTIONS.commissioners, grant.commissionerId) : null,
      ])
      if (!enterprise?.active) throw new AppError('INVALID_INPUT', '企业不存在或已停用', { enterpriseId: '企业已停用' })
      visit = visitRecord(
        {
          visitId,
          requestId,
          openid,
          enterpriseId: enterprise._id,
          enterpriseName: enterprise.name,
          commissionerId: grant.commissionerId ?? openid,
          commissionerName: commissioner?.name ?? ctx.user.name,
          visitedOn: input.visitedOn,
          peopleMet: input.peopleMet,
          heard: input.heard,
          photos: input.photos ?? [],
          problems: input.problems ?? [],
        },
        (problemRequestId) => ticketIdFor(openid, problemRequestId),
        now,
      )
      const { _id, ...data } = visit
      await visits().doc(_id).set({ data })
    }
    // each problem found becomes a ticket with channel `visit`, under the id the record names
    if (visit.problems.length > 0) {
      const calendar = await loadWorkingCalendar()
      const enterprise = await findById<Enterprise>(COLLECTIONS.enterprises, visit.enterpriseId)
      if (!enterprise) throw new AppError('INVALID_INPUT', '企业不存在或已停用')
      for (const [index, problem] of visit.problems.entries()) {
        await openAndInsertTicket(
          ctx,
          enterprise,
          { ...problem, urgency: problem.urgency ?? 'normal', channel: 'visit' },
          problem.ticketId,
          `${visit.requestId.slice(0, 56)}-p${index}`,
          calendar,
        )
      }
    }
    await recordCoverage(visit)
    await visits()
      .doc(visit._id)
      .update({ data: { status: 'complete' } })
    return presentVisit({ ...visit, status: 'complete' })
  },
}

export const listVisits: ActionDef<'visit.list'> = {
  payload: visitListSchema,
  async handle({ grant }, { enterpriseId, cursor }) {
    let where: object
    if (enterpriseId !== undefined) {
      // an enterprise's visits: the office any, a commissioner only theirs (index by_enterprise_visited)
      if (!inScope('visit.list', grant, { enterpriseId })) throw new AppError('NOT_FOUND', '未找到该企业')
      where = { enterpriseId: _.eq(enterpriseId) }
    } else if (grant.role === 'commissioner') {
      where = { commissionerId: _.eq(grant.commissionerId ?? '') } // index by_commissioner_visited
    } else {
      throw new AppError('INVALID_INPUT', '请选择企业', { enterpriseId: '请选择企业' })
    }
    // newest first, cursor on (visitedAt, _id): never a growing skip
    const sort = { field: 'visitedAt', order: 'desc' } as const
    const rows = await readMany<StoredVisit>(
      visits()
        .where(whereOf(cursor ? [where, afterCursor(sort, cursor)] : [where]))
        .orderBy('visitedAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(PAGE_SIZE + 1),
    )
    const last = rows[Math.min(rows.length, PAGE_SIZE) - 1]
    const nextCursor = rows.length > PAGE_SIZE && last ? encodeCursor(last.visitedAt, last._id) : null
    return { items: rows.slice(0, PAGE_SIZE).map(presentVisit), hasMore: rows.length > PAGE_SIZE, nextCursor }
  },
}

async function lastVisitsOf(enterpriseIds: readonly string[]): Promise<Map<string, Date>> {
  const docs = await findByIds<{ _id: string; lastVisitAt: Date }>(COLLECTIONS.visitCoverage, enterpriseIds)
  return new Map(docs.map((d) => [d._id, d.lastVisitAt]))
}

export const visitOverview: ActionDef<'visit.overview'> = {
  payload: z.object({}),
  async handle({ grant, now }) {
    const ids = visibleEnterpriseIds('visit.overview', grant)
    const enterpriseIds = ids === 'all' ? [] : ids
    if (enterpriseIds.length === 0) return []
    const [enterprises, open, lastVisits] = await Promise.all([
      findByIds<Enterprise>(COLLECTIONS.enterprises, enterpriseIds),
      // a commissioner serves a handful of enterprises: their open tickets fit one page (index by_enterprise_state)
      readMany<Ticket>(
        db
          .collection(COLLECTIONS.tickets)
          .where({ enterpriseId: _.in([...enterpriseIds]), state: _.in([...OPEN_STATES]) })
          .limit(MAX_GET)
          .field({ enterpriseId: true, state: true, acceptDueAt: true, replyDueAt: true }),
      ),
      lastVisitsOf(enterpriseIds),
    ])
    return overviewRows(enterprises, open, lastVisits, now)
  },
}

export const visitCoverage: ActionDef<'visit.coverage'> = {
  payload: coverageSchema,
  async handle({ now }, { days = 30 }) {
    const cutoff = coverageCutoff(days, now)
    // two indexed reads, never the visits themselves: the key enterprises (by_key_active, 70 in the seed) and
    // those whose latest visit is recent (visitCoverage by_lastVisit)
    const [keyEnterprises, recent] = await Promise.all([
      readMany<Pick<Enterprise, '_id' | 'name'>>(
        db
          .collection(COLLECTIONS.enterprises)
          .where({ isKey: _.eq(true), active: _.eq(true) })
          .limit(MAX_GET)
          .field({ _id: true, name: true }),
      ),
      readMany<{ _id: string }>(
        db
          .collection(COLLECTIONS.visitCoverage)
          .where({ lastVisitAt: _.gte(cutoff) })
          .limit(MAX_GET)
          .field({ _id: true }),
      ),
    ])
    const visited = new Set(recent.map((r) => r._id))
    const stale = keyEnterprises.filter((e) => !visited.has(e._id))
    const lastVisits = await lastVisitsOf(stale.map((e) => e._id))
    const notVisited = stale
      .map((e) => {
        const lastVisitAt = lastVisits.get(e._id) ?? null
        return { enterpriseId: e._id, enterpriseName: e.name, lastVisitAt, daysSince: daysSince(lastVisitAt, now) }
      })
      .sort((a, b) => (b.daysSince ?? Infinity) - (a.daysSince ?? Infinity))
    return { days, notVisited, keyEnterprises: keyEnterprises.length }
  },
}
