/**
 * The office's ticket search (types/search.ts) for the workbench, its tab counts, the duplicate picker and
 * the export: the server's `ticket.search`, so a list, its count and its file always agree.
 */
import type { Wire } from '../../types/actions'
import type { ApiResult } from '../../types/api'
import type { TicketSearchPage, TicketSearchPayload } from '../../types/search'
import { callCloud } from './cloud'

export type SearchResult = ApiResult<Wire<TicketSearchPage>>

export function searchTickets(payload: TicketSearchPayload): Promise<SearchResult> {
  return callCloud('ticket.search', payload)
}
