/**
 * The tickets that reach city leaders (core/leader-items.ts), one indexed query per kind, cursor-paged on the
 * query's sort key (never `skip`, so page 50 costs what page 1 costs). Indexes in db-manifest.json:
 *   reception  by_track_state_created            { track, state, createdAt: -1 }
 *   escalated  by_timelineEvent_state_created    { timeline.event, state, createdAt: -1 } (multikey)
 *   overdue    by_state_replyDue                 { state, replyDueAt }
 */
import { TICKET_SUMMARY_FIELDS } from './tickets'
import type { Ticket } from '../../types/domain'
import type { WorkingCalendar } from '../core/clock'
import type { LeaderItemKind } from '../../types/leader'
import { ESCALATION_EVENTS, LEADER_OPEN_STATES, REPLY_RUNNING_STATES, overdueThreshold } from '../core/leader-items'
import { COLLECTIONS } from './collections'
import { _, db, readMany } from './cloud'

export const LEADER_PAGE_SIZE = 20
/** rows read beyond a page, so tickets sharing the cursor's sort value are not skipped */
const TIE_SLACK = 20

export const LEADER_ITEM_FIELDS = {
  ...TICKET_SUMMARY_FIELDS,
  enterpriseDistrict: true,
  units: true,
  instructions: true,
  'timeline.event': true,
}
export type LeaderItemDoc = Pick<
  Ticket,
  Extract<keyof typeof TICKET_SUMMARY_FIELDS, keyof Ticket> | 'enterpriseDistrict' | 'units' | 'instructions'
> & { timeline: Array<{ event: string }> }

interface KindQuery {
  where: Record<string, unknown>
  sortField: 'createdAt' | 'replyDueAt'
  order: 'asc' | 'desc'
}

export function leaderItemQuery(kind: LeaderItemKind, calendar: WorkingCalendar, now: Date): KindQuery {
  switch (kind) {
    case 'reception':
      return {
        where: { track: _.eq('reception'), state: _.in([...LEADER_OPEN_STATES]) },
        sortField: 'createdAt',
        order: 'desc',
      }
    case 'escalated':
      return {
        where: { 'timeline.event': _.in([...ESCALATION_EVENTS]), state: _.in([...LEADER_OPEN_STATES]) },
        sortField: 'createdAt',
        order: 'desc',
      }
    case 'overdue':
      // most overdue first
      return {
        where: { state: _.in([...REPLY_RUNNING_STATES]), replyDueAt: _.lte(overdueThreshold(calendar, now)) },
        sortField: 'replyDueAt',
        order: 'asc',
      }
  }
}

interface Cursor {
  at: number
  id: string
}

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.at}~${cursor.id}`
}

export function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null
  const match = /^(\d{1,15})~([A-Za-z0-9_-]{1,64})$/.exec(text)
  return match ? { at: Number(match[1]), id: match[2] } : null
}

function sortValue(doc: LeaderItemDoc, field: KindQuery['sortField']): number {
  return doc[field]?.getTime() ?? 0
}

/** One page of a kind, after `cursor` (the last row of the previous page). */
export async function readLeaderItems(
  kind: LeaderItemKind,
  calendar: WorkingCalendar,
  now: Date,
  cursorText?: string,
): Promise<{ docs: LeaderItemDoc[]; nextCursor: string | null }> {
  const query = leaderItemQuery(kind, calendar, now)
  const cursor = decodeCursor(cursorText)
  const where = { ...query.where }
  if (cursor) {
    const bound = new Date(cursor.at)
    const existing = where[query.sortField]
    const next = query.order === 'desc' ? _.lte(bound) : _.gte(bound)
    where[query.sortField] = existing === undefined ? next : _.and(existing as never, next)
  }
  const limit = LEADER_PAGE_SIZE + 1 + TIE_SLACK
  const raw = await readMany<LeaderItemDoc>(
    db
      .collection(COLLECTIONS.tickets)
      .where(where)
      .orderBy(query.sortField, query.order)
      .limit(limit)
      .field(LEADER_ITEM_FIELDS),
  )
  const sign = query.order === 'desc' ? -1 : 1
  // a total order: the sort key, then _id in the same direction
  const compare = (a: Cursor, b: Cursor) =>
    a.at !== b.at ? sign * (a.at - b.at) : sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const keyed = raw
    .map((doc) => ({ doc, key: { at: sortValue(doc, query.sortField), id: doc._id } }))
    .filter((row) => cursor === null || compare(row.key, cursor) > 0)
    .sort((a, b) => compare(a.key, b.key))
  const page = keyed.slice(0, LEADER_PAGE_SIZE)
  const more = keyed.length > LEADER_PAGE_SIZE || (raw.length === limit && page.length > 0)
  return {
    docs: page.map((row) => row.doc),
    nextCursor: more && page.length > 0 ? encodeCursor(page[page.length - 1].key) : null,
  }
}
