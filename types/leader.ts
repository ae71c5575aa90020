/**
 * What reaches a city leader city-wide (issue 10 item 2): reception-track tickets, escalated tickets and
 * tickets whose reply is overdue by ≥ 5 working days, open ones only. Server: `ticket.leaderItems`
 * (cloudfunctions/api/actions/leader.ts); the rule itself: cloudfunctions/core/leader-items.ts.
 */
import type { TicketSummary } from './actions'

export const LEADER_ITEM_KINDS = ['reception', 'escalated', 'overdue'] as const
export type LeaderItemKind = (typeof LEADER_ITEM_KINDS)[number]
export const LEADER_ITEM_KIND_LABELS: Record<LeaderItemKind, string> = {
  reception: '接待日事项',
  escalated: '已升级',
  overdue: '超期5个工作日以上',
}

/** One row of a leader's list: names, never codes. */
export type LeaderItemRow = TicketSummary & {
  enterpriseDistrict: string
  /** the handling units' names, lead first */
  unitNames: string[]
  /** why it reaches leaders, in Chinese (接待日事项 / 已升级 / 答复超期7个工作日) */
  reasons: string[]
  /** working days the reply is overdue (0 when not overdue) */
  replyOverdueWorkingDays: number
  /** how many 批示 it has */
  instructionCount: number
}

export interface LeaderItemsPayload {
  kind: LeaderItemKind
  /** from the previous page's nextCursor */
  cursor?: string
}

export interface LeaderItemsPage {
  items: LeaderItemRow[]
  nextCursor: string | null
}
