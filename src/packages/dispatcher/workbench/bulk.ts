/**
 * Bulk accept and bulk dispatch: each selected row goes through the ordinary `ticket.act` with the version
 * it has now, one after another, and each gets its own result in Chinese. Retry-safe: a row already in the
 * target state (an earlier try that succeeded, its answer lost) counts as done and is never fired twice; a
 * row somebody else changed is left alone and reported as a conflict.
 */
import type { ActionMap, ActionResult } from '../../../../types/actions'
import type { ApiResult } from '../../../../types/api'
import { STATE_LABELS, type TicketState } from '../../../../types/domain'

export const BULK_EVENTS = ['accept', 'dispatch'] as const
export type BulkEvent = (typeof BULK_EVENTS)[number]
export const BULK_LABELS: Record<BulkEvent, string> = { accept: '受理', dispatch: '派单' }
/** the state a row must be in for the event, and the state it leads to */
export const BULK_FROM: Record<BulkEvent, TicketState> = { accept: 'submitted', dispatch: 'accepted' }
const BULK_TO: Record<BulkEvent, TicketState> = { accept: 'accepted', dispatch: 'dispatched' }

export type BulkStatus = 'done' | 'already' | 'conflict' | 'failed'
export interface BulkOutcome {
  ticketId: string
  no: string
  status: BulkStatus
  message: string
}
export interface BulkRow {
  _id: string
  no: string
}

type Detail = ActionResult<'ticket.get'>
export interface BulkDeps {
  get: (ticketId: string) => Promise<ApiResult<Detail>>
  act: (payload: ActionMap['ticket.act']['payload']) => Promise<ApiResult<Detail>>
}

/** The event as bulk fires it: dispatch keeps the graded units and flags (no override, no reason needed). */
const eventOf = (type: BulkEvent) => ({ type })

async function runOne(row: BulkRow, type: BulkEvent, deps: BulkDeps): Promise<BulkOutcome> {
  const base = { ticketId: row._id, no: row.no }
  const label = BULK_LABELS[type]
  const current = await deps.get(row._id)
  if (!current.ok) return { ...base, status: 'failed', message: `读取失败：${current.error.message}` }
  const ticket = current.data
  if (ticket.state === BULK_TO[type]) return { ...base, status: 'already', message: `已${label}，无需重复操作` }
  if (ticket.state !== BULK_FROM[type] || !ticket.offeredEvents.includes(type)) {
    return { ...base, status: 'conflict', message: `当前状态为「${STATE_LABELS[ticket.state]}」，未${label}` }
  }
  const res = await deps.act({ ticketId: row._id, version: ticket.version, event: eventOf(type) })
  if (res.ok) return { ...base, status: 'done', message: `已${label}` }
  if (res.error.code === 'CONFLICT') {
    return { ...base, status: 'conflict', message: `刚被他人修改，未${label}，请刷新后再试` }
  }
  return { ...base, status: 'failed', message: `${label}失败：${res.error.message}` }
}

/**
 * Fires `type` on each row in turn (2 shared cores and one database: no burst). `previous` are the outcomes
 * of an earlier run: rows already done there are kept as they were and not sent again.
 */
export async function runBulk(
  rows: readonly BulkRow[],
  type: BulkEvent,
  deps: BulkDeps,
  onProgress?: (done: BulkOutcome[]) => void,
  previous: readonly BulkOutcome[] = [],
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = []
  for (const row of rows) {
    const before = previous.find((o) => o.ticketId === row._id)
    outcomes.push(
      before && (before.status === 'done' || before.status === 'already') ? before : await runOne(row, type, deps),
    )
    onProgress?.([...outcomes])
  }
  return outcomes
}

export function summarize(outcomes: readonly BulkOutcome[], type: BulkEvent): string {
  const ok = outcomes.filter((o) => o.status === 'done' || o.status === 'already').length
  const rest = outcomes.length - ok
  return `批量${BULK_LABELS[type]}：成功 ${ok} 件${rest > 0 ? `，未完成 ${rest} 件` : ''}`
}
