/**
 * 诉求清单.xlsx: every ticket the list's filters match (types/search.ts TicketFilters), through the one query
 * builder the lists use (shared/ticketQuery.ts), so a list and its spreadsheet hold the same tickets; in
 * names, never codes; read 1000 at a time in creation order (shared/ticket-pages.ts) and streamed out.
 */
import * as z from 'zod/mini'
import type { ActionDef } from '../../api/router'
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  OUTCOME_LABELS,
  RATING_LABELS,
  STATE_LABELS,
  TRACK_LABELS,
  URGENCY_LABELS,
  type Ticket,
} from '../../../types/domain'
import { AppError } from '../../shared/errors'
import { forEachTicketPage } from '../../shared/ticket-pages'
import { conditionsOf } from '../../shared/ticketQuery'
import { allUnitNames } from '../../shared/unit-names'
import { ticketFiltersSchema } from '../../api/actions/search'
import { saveSpreadsheet } from '../files'
import { StreamingWorkbook, type SheetColumn } from '../workbook'

export const EXPORT_TICKET_FIELDS = {
  _id: true,
  no: true,
  title: true,
  enterpriseId: true,
  enterpriseName: true,
  enterpriseDistrict: true,
  category: true,
  state: true,
  track: true,
  channel: true,
  urgency: true,
  units: true,
  taskForce: true,
  outcome: true,
  rating: true,
  createdAt: true,
  acceptDueAt: true,
  signDueAt: true,
  replyDueAt: true,
  meetingDueAt: true,
  ratingDueAt: true,
  reply: true,
  closedAt: true,
  pausedAt: true,
  reopenCount: true,
} as const

export type ExportTicket = Pick<Ticket, keyof typeof EXPORT_TICKET_FIELDS>
type Names = Record<string, string>

export function ticketColumns(names: Names): SheetColumn<ExportTicket>[] {
  const unit = (code: string) => names[code] ?? code
  return [
    { header: '诉求编号', width: 18, value: (t) => t.no },
    { header: '标题', width: 30, value: (t) => t.title },
    { header: '企业', width: 28, value: (t) => t.enterpriseName },
    { header: '县(市、区)', width: 12, value: (t) => t.enterpriseDistrict },
    { header: '类别', value: (t) => CATEGORY_LABELS[t.category] },
    { header: '状态', value: (t) => STATE_LABELS[t.state] },
    { header: '办理方式', value: (t) => TRACK_LABELS[t.track] },
    { header: '渠道', value: (t) => CHANNEL_LABELS[t.channel] },
    { header: '紧急程度', width: 10, value: (t) => URGENCY_LABELS[t.urgency] },
    { header: '牵头单位', width: 24, value: (t) => (t.units[0] ? unit(t.units[0]) : '') },
    { header: '协办单位', width: 24, value: (t) => t.units.slice(1).map(unit).join('、') },
    { header: '专班', value: (t) => (t.taskForce ? unit(t.taskForce) : '') },
    { header: '提交时间', width: 17, value: (t) => t.createdAt },
    { header: '答复期限', width: 17, value: (t) => t.replyDueAt },
    { header: '答复时间', width: 17, value: (t) => t.reply?.at ?? null },
    { header: '办理结果', value: (t) => (t.outcome ? OUTCOME_LABELS[t.outcome] : '') },
    { header: '企业评价', value: (t) => (t.rating ? RATING_LABELS[t.rating] : '') },
    { header: '办结时间', width: 17, value: (t) => t.closedAt },
  ]
}

const ticketExportSchema = z.object({ filters: z.optional(ticketFiltersSchema) }, { error: '请求内容格式不正确' })

export const exportTickets: ActionDef<'export.tickets'> = {
  payload: ticketExportSchema,
  async handle({ now }, { filters = {} }) {
    // the period is the page range (an index walk on createdAt); every other filter is the lists' own query
    const conditions = conditionsOf({ ...filters, from: undefined, to: undefined }, { kind: 'all' }, 'oldest', now)
    const from = filters.from ? instantOf(filters.from, '开始时间') : new Date(0)
    const to = filters.to ? instantOf(filters.to, '结束时间') : new Date(now.getTime() + 1)
    if (from.getTime() >= to.getTime()) throw new AppError('INVALID_INPUT', '开始时间须早于结束时间')
    const names = await allUnitNames()
    const book = await StreamingWorkbook.open()
    const sheet = book.sheet('诉求清单', ticketColumns(names))
    await forEachTicketPage<ExportTicket>({ from, to, conditions }, EXPORT_TICKET_FIELDS, (rows) => {
      rows.forEach((ticket) => sheet.add(ticket))
    })
    sheet.done()
    const bytes = await book.finish()
    return saveSpreadsheet('tickets', '诉求清单', bytes, book.rows, now)
  },
}

function instantOf(text: string, label: string): Date {
  const at = new Date(text)
  if (Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', `${label}不是有效的时间`)
  return at
}
