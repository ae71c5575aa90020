/**
 * A city leader's city-wide items (issue 10 item 2): reception-track, escalated and long-overdue tickets,
 * each row in names (units, category, state in Chinese on the page), open to 批示 through ticket.get /
 * ticket.act (ACCESS_POLICY scope leaderItems). Round trips: the caller, one indexed page, the unit names.
 */
import * as z from 'zod/mini'
import type { ActionDef } from '../router'
import { LEADER_ITEM_KINDS, LEADER_ITEM_KIND_LABELS, type LeaderItemRow } from '../../../types/leader'
import { leaderItemKinds, replyOverdueDays } from '../../core/leader-items'
import { unitNamesOf } from '../../shared/enterprises'
import type { WorkingCalendar } from '../../core/clock'
import { loadWorkingCalendar } from '../../shared/calendar'
import { readLeaderItems, type LeaderItemDoc } from '../../shared/leader-items'

const leaderItemsSchema = z.object({
  kind: z.enum(LEADER_ITEM_KINDS, { error: '请选择事项类型' }),
  cursor: z.optional(z.string().check(z.maxLength(100, '分页参数不正确'))),
})

export function reasonsOf(doc: LeaderItemDoc, calendar: WorkingCalendar, now: Date): string[] {
  return leaderItemKinds(doc, calendar, now).map((kind) =>
    kind === 'overdue' ? `答复超期${replyOverdueDays(doc, calendar, now)}个工作日` : LEADER_ITEM_KIND_LABELS[kind],
  )
}

export const leaderItems: ActionDef<'ticket.leaderItems'> = {
  payload: leaderItemsSchema,
  async handle({ now }, { kind, cursor }) {
    const calendar = await loadWorkingCalendar()
    const { docs, nextCursor } = await readLeaderItems(kind, calendar, now, cursor)
    const names = await unitNamesOf([...new Set(docs.flatMap((doc) => doc.units))])
    const items: LeaderItemRow[] = docs.map((doc) => ({
      _id: doc._id,
      no: doc.no,
      title: doc.title,
      category: doc.category,
      state: doc.state,
      track: doc.track,
      urgency: doc.urgency,
      enterpriseName: doc.enterpriseName,
      channel: doc.channel,
      acceptDueAt: doc.acceptDueAt,
      replyDueAt: doc.replyDueAt,
      createdAt: doc.createdAt,
      enterpriseDistrict: doc.enterpriseDistrict,
      unitNames: doc.units.map((code) => names[code] ?? '（已停用单位）'),
      reasons: reasonsOf(doc, calendar, now),
      replyOverdueWorkingDays: replyOverdueDays(doc, calendar, now),
      instructionCount: doc.instructions?.length ?? 0,
    }))
    return { items, nextCursor }
  },
}
