/**
 * Commissioners' visits (走访记录) as pure functions: the record a visit makes and the ids of everything it
 * writes (derived from the commissioner and the retry key, so a retry names the same documents), the
 * enterprises-at-a-glance rows, and coverage (who was not visited in N days). No I/O, time injected.
 */
import { createHash } from 'node:crypto'
import type { Ticket, TicketState } from '../../types/domain'
import type { VisitOverviewRow, VisitProblemInput, VisitView } from '../../types/actions'
import { shanghaiDateOf, startOfShanghaiDay, type ShanghaiDate } from './clock'

const DAY_MS = 86_400_000

const hashed = (prefix: string, text: string) => prefix + createHash('sha256').update(text).digest('hex').slice(0, 23)

/** The visit a (commissioner's OPENID, retry key) pair records. */
export function visitIdFor(openid: string, requestId: string): string {
  return hashed('V', `visit\n${openid}\n${requestId}`)
}

/** The retry key of the ticket a visit's n-th problem becomes: a retried visit names the same tickets. */
export function visitProblemRequestId(requestId: string, index: number): string {
  return `${requestId.slice(0, 56)}-p${index}`
}

/** Where the visit log refuses a date: tomorrow or more than a year back. */
export function visitDateProblem(visitedOn: string, now: Date): string | null {
  const today = shanghaiDateOf(now)
  if (visitedOn > today) return '走访日期不能晚于今天'
  const yearAgo = shanghaiDateOf(new Date(now.getTime() - 366 * DAY_MS))
  if (visitedOn < yearAgo) return '只能登记一年内的走访'
  return null
}

export function visitInstant(visitedOn: string): Date {
  return startOfShanghaiDay(visitedOn as ShanghaiDate)
}

export interface VisitDraft {
  visitId: string
  requestId: string
  enterpriseId: string
  enterpriseName: string
  commissionerId: string
  commissionerName: string
  openid: string
  visitedOn: string
  peopleMet: string
  heard: string
  photos: string[]
  problems: VisitProblemInput[]
}

/** The visit document as first written (status `recording`); each problem names the ticket it becomes. */
export function visitRecord(
  draft: VisitDraft,
  ticketIdOf: (problemRequestId: string) => string,
  now: Date,
): VisitView & { openid: string; requestId: string } {
  return {
    _id: draft.visitId,
    enterpriseId: draft.enterpriseId,
    enterpriseName: draft.enterpriseName,
    commissionerId: draft.commissionerId,
    commissionerName: draft.commissionerName,
    openid: draft.openid,
    requestId: draft.requestId,
    visitedAt: visitInstant(draft.visitedOn),
    peopleMet: draft.peopleMet,
    heard: draft.heard,
    photos: draft.photos,
    problems: draft.problems.map((problem, index) => ({
      ...problem,
      ticketId: ticketIdOf(visitProblemRequestId(draft.requestId, index)),
    })),
    status: 'recording',
    createdAt: now,
  }
}

export const OPEN_STATES: readonly TicketState[] = ['submitted', 'accepted', 'dispatched', 'signed']

/** Is an open ticket past the due it is waiting on now? */
export function isOverdue(ticket: Pick<Ticket, 'state' | 'acceptDueAt' | 'replyDueAt'>, now: Date): boolean {
  const due = ticket.state === 'submitted' ? ticket.acceptDueAt : ticket.replyDueAt
  return due !== null && due.getTime() < now.getTime()
}

export function daysSince(at: Date | null, now: Date): number | null {
  return at === null ? null : Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY_MS))
}

/** Per enterprise: open and overdue tickets, last visit, days since; the longest unvisited first. */
export function overviewRows(
  enterprises: ReadonlyArray<{ _id: string; name: string }>,
  openTickets: ReadonlyArray<Pick<Ticket, 'enterpriseId' | 'state' | 'acceptDueAt' | 'replyDueAt'>>,
  lastVisits: ReadonlyMap<string, Date>,
  now: Date,
): VisitOverviewRow[] {
  const rows = enterprises.map((enterprise) => {
    const mine = openTickets.filter((t) => t.enterpriseId === enterprise._id)
    const lastVisitAt = lastVisits.get(enterprise._id) ?? null
    return {
      enterpriseId: enterprise._id,
      enterpriseName: enterprise.name,
      open: mine.length,
      overdue: mine.filter((t) => isOverdue(t, now)).length,
      lastVisitAt,
      daysSinceVisit: daysSince(lastVisitAt, now),
    }
  })
  return rows.sort((a, b) => (b.daysSinceVisit ?? Infinity) - (a.daysSinceVisit ?? Infinity))
}

/** The moment before which a last visit counts as "not visited in `days` days". */
export function coverageCutoff(days: number, now: Date): Date {
  return new Date(now.getTime() - days * DAY_MS)
}
