/**
 * The office's ticket search (types/search.ts) for the workbench and the duplicate picker.
 * Until the server's `ticket.search` action exists, it answers from the office's queue tabs (ticket.queue),
 * filtered here: no unit names, no lateness, no cursor. Replace the body with the one call when it lands.
 */
import type { TicketSummary, Wire } from '../../types/actions'
import type { ApiResult } from '../../types/api'
import type { QueueTab } from '../../types/schemas'
import type { TicketFilters, TicketRow, TicketSearchPage, TicketSearchPayload } from '../../types/search'
import { callCloud } from './cloud'

export type SearchResult = ApiResult<Wire<TicketSearchPage>>

function queueTabsFor(filters: TicketFilters): QueueTab[] {
  if (filters.overdue) return ['overdue']
  if (filters.states?.length === 1 && filters.states[0] === 'submitted') return ['new']
  if (filters.states?.length === 1 && filters.states[0] === 'accepted') return ['accepted']
  return ['new', 'accepted', 'overdue']
}

function matches(t: Wire<TicketSummary>, f: TicketFilters): boolean {
  const keyword = f.keyword?.trim()
  if (keyword && t.no !== keyword && !t.enterpriseName.includes(keyword) && !t.title.includes(keyword)) return false
  if (f.states && !f.states.includes(t.state)) return false
  if (f.categories && !f.categories.includes(t.category)) return false
  if (f.tracks && !f.tracks.includes(t.track)) return false
  if (f.channels && !f.channels.includes(t.channel)) return false
  if (f.from && t.createdAt < f.from) return false
  return true
}

function rowOf(t: Wire<TicketSummary>): Wire<TicketRow> {
  const due =
    t.state === 'submitted' && t.acceptDueAt
      ? { kind: 'accept' as const, dueAt: t.acceptDueAt }
      : t.replyDueAt && (t.state === 'dispatched' || t.state === 'signed')
        ? { kind: 'reply' as const, dueAt: t.replyDueAt }
        : null
  return { ...t, enterpriseDistrict: '', unitNames: [], currentDue: due, lateness: [], sentBack: null }
}

export async function searchTickets(payload: TicketSearchPayload): Promise<SearchResult> {
  const filters = payload.filters ?? {}
  const seen = new Map<string, Wire<TicketSummary>>()
  for (const tab of queueTabsFor(filters)) {
    for (let page = 0; page < 5; page++) {
      const res = await callCloud('ticket.queue', { tab, page })
      if (!res.ok) return res
      for (const t of res.data.items) seen.set(t._id, t)
      if (!res.data.hasMore) break
    }
  }
  const sort = payload.sort ?? 'newest'
  const items = [...seen.values()]
    .filter((t) => matches(t, filters))
    .sort((a, b) =>
      sort === 'dueSoonest'
        ? (a.replyDueAt ?? a.acceptDueAt ?? '9').localeCompare(b.replyDueAt ?? b.acceptDueAt ?? '9')
        : sort === 'oldest'
          ? a.createdAt.localeCompare(b.createdAt)
          : b.createdAt.localeCompare(a.createdAt),
    )
  return {
    ok: true,
    data: { items: items.slice(0, payload.limit ?? 20).map(rowOf), nextCursor: null, total: items.length },
  }
}
