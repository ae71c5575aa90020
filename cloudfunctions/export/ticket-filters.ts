/**
 * INTERIM, until the one ticket-search query builder (branch `oversight`, "ticket.search:") is merged: the
 * list filters (types/search.ts TicketFilters) as a predicate over tickets read in creation order from the
 * period's indexed range. The export then takes that builder's query instead; the filters' meaning is the
 * contract's, so the file will not change.
 */
import * as z from 'zod/mini'
import {
  CATEGORIES,
  CHANNELS,
  OUTCOMES,
  TICKET_STATES,
  TRACKS,
  type Ticket,
  type TicketState,
} from '../../types/domain'
import { DUE_KINDS, STATS_FIGURES, type DueKind, type TicketFilters } from '../../types/search'
import { isCollected, isSolved } from '../core/stats'

export type ExportTicket = Pick<
  Ticket,
  | '_id'
  | 'no'
  | 'title'
  | 'enterpriseId'
  | 'enterpriseName'
  | 'enterpriseDistrict'
  | 'category'
  | 'state'
  | 'track'
  | 'channel'
  | 'urgency'
  | 'units'
  | 'taskForce'
  | 'outcome'
  | 'rating'
  | 'createdAt'
  | 'acceptDueAt'
  | 'signDueAt'
  | 'replyDueAt'
  | 'meetingDueAt'
  | 'ratingDueAt'
  | 'reply'
  | 'closedAt'
  | 'pausedAt'
  | 'reopenCount'
>

const text = (max: number) => z.string().check(z.maxLength(max, '筛选条件过长'))

export const ticketFiltersSchema = z.object({
  keyword: z.optional(text(50)),
  states: z.optional(z.array(z.enum(TICKET_STATES))),
  categories: z.optional(z.array(z.enum(CATEGORIES))),
  unitCode: z.optional(text(64)),
  district: z.optional(text(32)),
  tracks: z.optional(z.array(z.enum(TRACKS))),
  channels: z.optional(z.array(z.enum(CHANNELS))),
  taskForce: z.optional(text(64)),
  outcome: z.optional(z.enum(OUTCOMES)),
  enterpriseId: z.optional(text(64)),
  from: z.optional(text(40)),
  to: z.optional(text(40)),
  overdue: z.optional(z.union([z.enum(DUE_KINDS), z.literal('any')])),
  figure: z.optional(z.enum(STATS_FIGURES)),
})

const SETTLED: readonly TicketState[] = ['closed', 'rejected', 'withdrawn']

/** Overdue now on one due: the step it waits for is not done and its time has passed. */
const OVERDUE_NOW: { readonly [K in DueKind]: (t: ExportTicket, now: Date) => boolean } = {
  accept: (t, now) => t.state === 'submitted' && past(t.acceptDueAt, now),
  sign: (t, now) => t.state === 'dispatched' && past(t.signDueAt, now),
  reply: (t, now) =>
    (t.state === 'dispatched' || t.state === 'signed') && t.pausedAt === null && past(t.replyDueAt, now),
  meeting: (t, now) =>
    (t.state === 'dispatched' || t.state === 'signed') && t.track === 'coordination' && past(t.meetingDueAt, now),
  rating: (t, now) => t.state === 'replied' && past(t.ratingDueAt, now),
}

function past(due: Date | null, now: Date): boolean {
  return due !== null && due.getTime() < now.getTime()
}

function overdueOn(t: ExportTicket, kind: DueKind | 'any', now: Date): boolean {
  return kind === 'any' ? DUE_KINDS.some((k) => OVERDUE_NOW[k](t, now)) : OVERDUE_NOW[kind](t, now)
}

const FIGURES: { readonly [F in NonNullable<TicketFilters['figure']>]: (t: ExportTicket, now: Date) => boolean } = {
  collected: (t) => isCollected(t),
  solved: (t) => isCollected(t) && isSolved(t),
  replied: (t) => isCollected(t) && t.reply !== null && t.replyDueAt !== null,
  repliedOnTime: (t) =>
    isCollected(t) && t.reply !== null && t.replyDueAt !== null && t.reply.at.getTime() <= t.replyDueAt.getTime(),
  repliedLate: (t) =>
    isCollected(t) && t.reply !== null && t.replyDueAt !== null && t.reply.at.getTime() > t.replyDueAt.getTime(),
  rated: (t) => isCollected(t) && t.rating !== null,
  satisfied: (t) => isCollected(t) && t.rating !== null && t.rating !== 'dissatisfied',
  open: (t) => !SETTLED.includes(t.state),
  overdueNow: (t, now) => overdueOn(t, 'any', now),
}

/** Does a ticket match every filter given? */
export function ticketMatches(t: ExportTicket, f: TicketFilters, now: Date): boolean {
  const keyword = f.keyword?.trim()
  if (keyword && t.no !== keyword && !t.enterpriseName.includes(keyword) && !t.title.includes(keyword)) return false
  if (f.states?.length && !f.states.includes(t.state)) return false
  if (f.categories?.length && !f.categories.includes(t.category)) return false
  if (f.unitCode && !t.units.includes(f.unitCode)) return false
  if (f.district && t.enterpriseDistrict !== f.district) return false
  if (f.tracks?.length && !f.tracks.includes(t.track)) return false
  if (f.channels?.length && !f.channels.includes(t.channel)) return false
  if (f.taskForce && t.taskForce !== f.taskForce) return false
  if (f.outcome && t.outcome !== f.outcome) return false
  if (f.enterpriseId && t.enterpriseId !== f.enterpriseId) return false
  if (f.overdue && !overdueOn(t, f.overdue, now)) return false
  if (f.figure && !FIGURES[f.figure](t, now)) return false
  return true
}
