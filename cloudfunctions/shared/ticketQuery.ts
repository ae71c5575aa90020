/**
 * The one translation of ticket filters (types/search.ts TicketFilters) into a database query, used by
 * `ticket.search`, the office's queue, the statistics' drill-down and the Excel export, so a figure, its
 * list and its spreadsheet always count the same tickets.
 *
 * - `whereOf(filters, scope, now)`: the where-query (wx-server-sdk commands).
 * - the statistics' figures are defined twice, side by side: as a where-query (FIGURE_WHERE, for the list a
 *   figure opens) and as an aggregation expression (FIGURE_EXPR, for stats.summary's one $group). The test
 *   "drill-down lists sum to their figure" holds the two together.
 * - paging is by cursor on an indexed key (createdAt or replyDueAt, then _id), never a growing skip: each
 *   page costs the same however deep the list goes.
 *
 * Indexes (db-manifest.json): the sort key leads (`search_by_created`, `search_by_replyDue`) and the
 * filterable fields follow, so every combination of filters is one index walk in sort order; an exact
 * ticket number uses `by_no`. Words in the title or description cannot be indexed by the cloud database
 * (no text index): they are tested on the rows the index walk reads.
 */
import type { DueKind, StatsFigure, TicketFilters, TicketSort } from '../../types/search'
import { AppError } from './errors'
import { _, db } from './cloud'
import { DUE_FIELDS, OPEN_STATES } from '../core/lateness'

/** What the caller's role lets a list show (shared/access.ts): all, or tickets dispatched to one unit. */
export type TicketListScope = { kind: 'all' } | { kind: 'dispatchedToUnit'; unitCode: string }

/** A ticket number as the app prints it: HQ + Shanghai date + sequence. */
export const TICKET_NO = /^HQ\d{8}-\d{4}$/i

/** Ticket states that are not finished yet: 未办结 (answered tickets still wait for their rating). */
export const OPEN_TICKET_STATES = ['submitted', 'accepted', 'dispatched', 'signed', 'replied'] as const
const NOT_COLLECTED = ['rejected', 'withdrawn']
const SATISFIED = ['satisfied', 'basicallySatisfied']

type Where = Record<string, unknown>
/** what `collection.where()` takes */
export type TicketWhere = Parameters<ReturnType<typeof db.collection>['where']>[0]

/** `_.expr`: an aggregation expression inside a query (the SDK has it; its typings omit it). */
const expr = (expression: object): unknown => (_ as unknown as { expr(e: object): unknown }).expr(expression)

/**
 * Statistics count the 诉求 that enterprises and the office brought in, not the commitments a reception
 * day or a coordination meeting made of them: a child ticket (`parentId`) is followed in lists but is not
 * another collected item (DESIGN.md §4: collected = tickets not rejected or withdrawn, the seed's 266).
 */
const TOP_LEVEL: Where = { parentId: _.eq(null) }

/** Open now and past this due (the office's 已超期). */
export function overdueWhere(kind: DueKind, now: Date): Where {
  const states = OPEN_STATES[kind]
  return {
    state: states.length === 1 ? _.eq(states[0]) : _.in([...states]),
    [DUE_FIELDS[kind]]: _.lt(now),
  }
}

const DUE_KINDS = Object.keys(DUE_FIELDS) as DueKind[]

function overdueAnyWhere(now: Date): unknown {
  return _.or(DUE_KINDS.map((kind) => overdueWhere(kind, now)))
}

/** Each figure as a where-query: the tickets a figure counts (types/search.ts STATS_FIGURES). */
export function figureWhere(figure: StatsFigure, now: Date): unknown[] {
  const collected: Where = { ...TOP_LEVEL, state: _.nin(NOT_COLLECTED) }
  const replied: Where = { ...collected, reply: _.neq(null), replyDueAt: _.neq(null) }
  switch (figure) {
    case 'collected':
      return [collected]
    case 'solved':
      // core/stats.ts isSolved: on the spot once recorded, otherwise closed as solved
      return [
        TOP_LEVEL,
        _.or([
          { track: _.eq('onsite'), state: _.in(['replied', 'closed']) },
          { track: _.neq('onsite'), state: _.eq('closed'), outcome: _.eq('solved') },
        ]),
      ]
    case 'replied':
      return [replied]
    case 'repliedOnTime':
      return [replied, expr({ $lte: ['$reply.at', '$replyDueAt'] })]
    case 'repliedLate':
      return [replied, expr({ $gt: ['$reply.at', '$replyDueAt'] })]
    case 'rated':
      return [{ ...collected, rating: _.neq(null) }]
    case 'satisfied':
      return [{ ...collected, rating: _.in(SATISFIED) }]
    case 'open':
      return [{ ...TOP_LEVEL, state: _.in([...OPEN_TICKET_STATES]) }]
    case 'overdueNow':
      return [TOP_LEVEL, overdueAnyWhere(now)]
  }
}

// ---------------------------------------------------------------------------------------------------------
// The same figures as aggregation expressions (stats.summary): true when the ticket counts.

const isSet = (field: string) => ({ $ne: [{ $ifNull: [field, null] }, null] })
const isIn = (field: string, values: readonly string[]) => ({ $in: [field, [...values]] })
const isTopLevel = { $eq: [{ $ifNull: ['$parentId', null] }, null] }

function overdueExpr(kind: DueKind, now: Date) {
  const field = `$${DUE_FIELDS[kind]}`
  return { $and: [isIn('$state', OPEN_STATES[kind]), isSet(field), { $lt: [field, now] }] }
}

/** Each figure as an aggregation expression over one ticket; counts only top-level tickets (TOP_LEVEL). */
export function figureExpr(figure: StatsFigure, now: Date): object {
  const collected = { $and: [isTopLevel, { $not: [isIn('$state', NOT_COLLECTED)] }] }
  const replied = { $and: [collected, isSet('$reply'), isSet('$replyDueAt')] }
  switch (figure) {
    case 'collected':
      return collected
    case 'solved':
      return {
        $and: [
          isTopLevel,
          {
            $or: [
              { $and: [{ $eq: ['$track', 'onsite'] }, isIn('$state', ['replied', 'closed'])] },
              { $and: [{ $ne: ['$track', 'onsite'] }, { $eq: ['$state', 'closed'] }, { $eq: ['$outcome', 'solved'] }] },
            ],
          },
        ],
      }
    case 'replied':
      return replied
    case 'repliedOnTime':
      return { $and: [replied, { $lte: ['$reply.at', '$replyDueAt'] }] }
    case 'repliedLate':
      return { $and: [replied, { $gt: ['$reply.at', '$replyDueAt'] }] }
    case 'rated':
      return { $and: [collected, isSet('$rating')] }
    case 'satisfied':
      return { $and: [collected, isIn('$rating', SATISFIED)] }
    case 'open':
      return { $and: [isTopLevel, isIn('$state', OPEN_TICKET_STATES)] }
    case 'overdueNow':
      return { $and: [isTopLevel, { $or: DUE_KINDS.map((kind) => overdueExpr(kind, now)) }] }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Filters → where-query

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function instant(text: string, label: string): Date {
  const at = new Date(text)
  if (Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', `${label}不是有效的时间`)
  return at
}

function oneOrAny<T>(values: readonly T[]): unknown {
  return values.length === 1 ? _.eq(values[0]) : _.in([...values])
}

/** The filters, the caller's scope and the sort's own condition, as one list of conditions (all must hold). */
export function conditionsOf(filters: TicketFilters, scope: TicketListScope, sort: TicketSort, now: Date): unknown[] {
  const where: Where = {}
  const also: unknown[] = []
  if (scope.kind === 'dispatchedToUnit') {
    where.units = _.eq(scope.unitCode)
    where.dispatchedAt = _.neq(null)
  }
  if (filters.states?.length) where.state = oneOrAny(filters.states)
  if (filters.categories?.length) where.category = oneOrAny(filters.categories)
  if (filters.unitCode !== undefined) {
    // a unit's own scope already names it; another unit inside that scope is "lead or co-unit" as well
    if (where.units !== undefined && filters.unitCode !== (scope as { unitCode?: string }).unitCode) {
      also.push({ units: _.eq(filters.unitCode) })
    } else where.units = _.eq(filters.unitCode)
  }
  if (filters.leadUnitCode !== undefined) where['units.0'] = _.eq(filters.leadUnitCode)
  if (filters.district !== undefined) where.enterpriseDistrict = _.eq(filters.district)
  if (filters.tracks?.length) where.track = oneOrAny(filters.tracks)
  if (filters.channels?.length) where.channel = oneOrAny(filters.channels)
  if (filters.taskForce !== undefined) where.taskForce = _.eq(filters.taskForce === '' ? null : filters.taskForce)
  if (filters.outcome !== undefined) where.outcome = _.eq(filters.outcome)
  if (filters.enterpriseId !== undefined) where.enterpriseId = _.eq(filters.enterpriseId)
  if (filters.from !== undefined || filters.to !== undefined) {
    const from = filters.from === undefined ? undefined : instant(filters.from, '开始时间')
    const to = filters.to === undefined ? undefined : instant(filters.to, '结束时间')
    if (from && to && from.getTime() >= to.getTime()) throw new AppError('INVALID_INPUT', '开始时间须早于结束时间')
    where.createdAt = from && to ? _.gte(from).and(_.lt(to)) : from ? _.gte(from) : _.lt(to!)
  }
  const keyword = filters.keyword?.trim()
  if (keyword) {
    if (TICKET_NO.test(keyword)) where.no = _.eq(keyword.toUpperCase())
    else {
      const words = db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' })
      also.push(_.or([{ enterpriseName: words }, { title: words }, { description: words }]))
    }
  }
  if (filters.overdue !== undefined) {
    also.push(filters.overdue === 'any' ? overdueAnyWhere(now) : overdueWhere(filters.overdue, now))
  }
  if (filters.figure !== undefined) also.push(...figureWhere(filters.figure, now))
  // The list walks its sort key's index (count included): every ticket has a createdAt; 最先到期 lists
  // the tickets that have a reply due, soonest first.
  also.push({ [SORTS[sort].field]: _.neq(null) })
  return [where, ...also].filter((c) => !(isPlainObject(c) && Object.keys(c).length === 0))
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
}

/** One where-query from a list of conditions (no wrapper when there is only one). */
export function whereOf(conditions: readonly unknown[]): TicketWhere {
  if (conditions.length === 0) return {}
  if (conditions.length === 1 && isPlainObject(conditions[0])) return conditions[0] as TicketWhere
  return _.and([...conditions] as TicketWhere[]) as unknown as TicketWhere
}

// ---------------------------------------------------------------------------------------------------------
// Sort and cursor: (sort key, _id), so ties never repeat or skip a row.

export interface SortSpec {
  field: 'createdAt' | 'replyDueAt'
  order: 'asc' | 'desc'
}

export const SORTS: { readonly [S in TicketSort]: SortSpec } = {
  newest: { field: 'createdAt', order: 'desc' },
  oldest: { field: 'createdAt', order: 'asc' },
  dueSoonest: { field: 'replyDueAt', order: 'asc' },
}

interface Cursor {
  /** the sort key of the last row shown (ISO instant) */
  v: string
  /** its _id */
  id: string
}

export function encodeCursor(sortValue: Date, id: string): string {
  return Buffer.from(JSON.stringify({ v: sortValue.toISOString(), id } satisfies Cursor), 'utf8').toString('base64url')
}

function decodeCursor(text: string): { at: Date; id: string } {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>
    const at = new Date(cursor.v ?? '')
    if (typeof cursor.id !== 'string' || Number.isNaN(at.getTime())) throw new Error('bad cursor')
    return { at, id: cursor.id }
  } catch {
    throw new AppError('INVALID_INPUT', '分页位置不正确，请刷新列表')
  }
}

/** The condition "after the cursor" in the sort's order. */
/** The rows after the cursor in (sort key, _id) order; the key is any indexed date field (visits: visitedAt). */
export function afterCursor(sort: { field: string; order: SortSpec['order'] }, cursor: string): unknown {
  const { at, id } = decodeCursor(cursor)
  const beyond = (value: unknown) => (sort.order === 'asc' ? _.gt(value) : _.lt(value))
  return _.or([{ [sort.field]: beyond(at) }, { [sort.field]: _.eq(at), _id: beyond(id) }])
}
